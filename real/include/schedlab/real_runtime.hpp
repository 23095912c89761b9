// Runtime: one run of real tasks (thread-backed, coroutine-backed, groups of coroutines
// sharing a thread, and scripted ones from a workload) in one Kernel, with one trace.
//
//   PolicyRegistry registry; register_builtin_policies(registry);
//   real::Runtime rt(registry.resolve("rr:quantum=2"));
//   const ObjectId mutex = rt.kernel().create_lock("mutex");
//   auto counter = std::make_shared<int>(0);
//   for (int i = 0; i < 5; ++i)
//     rt.spawn_thread("worker", [=](real::Sys& sys) {
//       sys.lock(mutex); const int seen = *counter; sys.compute(2); *counter = seen + 1; sys.unlock(mutex);
//     });
//   rt.check_at_end([=](const RunResult&) { return *counter == 5 ? "" : "lost update"; });
//   real::Outcome out = rt.run();   // out.failure is empty when all went well
//
// Determinism: with the same policy, parameters, seed and program, run() makes the same
// calls in the same order and produces the same trace (see docs/real-tasks.md for what a
// program must avoid for that to hold: real time, unsynchronised threads of its own...).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <schedlab/kernel.hpp>
#include <schedlab/real_backends.hpp>
#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

namespace schedlab::real {

struct RuntimeOptions {
  CpuId cpus = 1;
  std::uint64_t seed = 1;  // for randomised policies (random, pct, lottery...)
  Ticks until = kNever;
  std::chrono::milliseconds watchdog = std::chrono::seconds(5);  // see ThreadBackend
  bool trace = true;              // keep the whole trace in Outcome::trace
  bool check_invariants = false;  // attach the kernel's invariant checker
  // A run that has not ended after this many kernel events (calls, timers, arrivals) is
  // stopped and fails as a livelock: a task spinning on `yield` or polling without progress
  // keeps calling the kernel, so the watchdog never fires. 0: no limit of our own.
  std::uint64_t max_steps = 0;
};

// How a task starts (the SpawnRequest fields that make sense for real code).
struct TaskOptions {
  Ticks arrival = 0;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
};

struct Outcome {
  RunResult result;
  Trace trace;                        // empty unless RuntimeOptions::trace
  std::vector<TaskFailure> failures;  // error exits of real tasks, in the order they happened
  // Why the run counts as failed: the first task failure, a deadlock, the watchdog, a
  // livelock (max_steps), what
  // the end-of-run check said, or a kernel fault (a call the task may not make, such as
  // unlocking a lock it does not hold: the kernel kills its process). Empty when it did
  // not fail. Tasks are named as the kernel and the trace name them ("proc/thread").
  std::string failure;
  bool watchdog_fired = false;
  bool livelock = false;  // stopped by RuntimeOptions::max_steps

  bool failed() const { return !failure.empty(); }
};

class KernelWitness;  // real_runtime.cpp: task names and faults, as the kernel saw them

// Judges a finished run: empty = fine, otherwise what went wrong.
using EndCheck = std::function<std::string(const RunResult&)>;

class Runtime {
 public:
  explicit Runtime(const PolicyConfig& policy, const RuntimeOptions& options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // The kernel, for its objects (create_lock, create_queue...) and observers.
  Kernel& kernel() { return *kernel_; }
  const RuntimeOptions& options() const { return options_; }

  // Scripted processes (the workload must outlive the run).
  void load(const Workload& workload);
  // A new process whose main thread runs `body`. Answers its TaskId.
  TaskId spawn_thread(std::string name, ThreadBody body, const TaskOptions& options = {});
  TaskId spawn_coroutine(std::string name, CoroutineBody body, const TaskOptions& options = {});
  // A new process whose main thread runs `members` as a gevent-like group of coroutines
  // sharing that one thread (CoroutineGroupBackend):
  //   rt.spawn_coroutine_group("crawler", {{"page1", fetch}, {"page2", fetch}});
  // where fetch does `co_await sys.await_io(10)` to let the other pages run meanwhile.
  TaskId spawn_coroutine_group(std::string name, std::vector<GroupMember> members, const TaskOptions& options = {});
  // Called with the result once the run ends (not after a watchdog abort).
  void check_at_end(EndCheck check);

  // Run to the end, then unwind and join every thread. Call once.
  Outcome run();

 private:
  RuntimeOptions options_;
  // The backends outlive the kernel that points at them (declared first, destroyed last).
  ThreadBackend threads_;
  CoroutineBackend coroutines_;
  CoroutineGroupBackend groups_{coroutines_};
  std::unique_ptr<Trace> trace_;
  std::unique_ptr<KernelWitness> witness_;
  std::unique_ptr<Kernel> kernel_;
  std::vector<EndCheck> checks_;
  std::vector<TaskFailure> failures_;  // both backends', in the order they happened
};

}  // namespace schedlab::real

// The kernel: a discrete-event simulation of N CPUs, a process table and the devices
// tasks block on. It jumps from event to event (integer ticks) and never steps through
// time where nothing changes.
//
// Use: build it with a policy and a configuration, load a workload (or spawn tasks
// backed by your own TaskBackend), attach observers, run().
//
//   auto policy = registry.resolve("rr:quantum=4");
//   Kernel kernel(config, policy);
//   kernel.load(workload);
//   Trace trace; kernel.add_observer(&trace);
//   RunResult result = kernel.run();
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <schedlab/policy.hpp>
#include <schedlab/run_result.hpp>
#include <schedlab/task_backend.hpp>
#include <schedlab/trace.hpp>
#include <schedlab/workload.hpp>

namespace schedlab {

// Receives a run's per-process metrics one at a time, in pid order, in place of
// RunResult::processes: a report on millions of processes then never holds them all at
// once (at 10^6 processes that is 176 MB; docs/performance.md). See KernelConfig::metrics_sink.
class MetricsSink {
 public:
  virtual ~MetricsSink() = default;
  // The run's totals (RunResult::processes empty; deadlock not yet filled in), once,
  // before the first process.
  virtual void begin(const RunResult& totals) = 0;
  virtual void process(const ProcessMetrics& metrics) = 0;
};

struct KernelConfig {
  CpuId cpus = 0;                  // 0: take the workload's `cpus:` (1 if none)
  std::uint64_t seed = 1;          // for randomised policies
  Ticks until = kNever;            // stop the clock here (RunStatus::LimitReached)
  std::uint64_t max_events = 2'000'000'000;  // stop after this many kernel events
  bool check_invariants = false;   // attach the invariant checker (on in tests)
  std::size_t max_processes = 0;   // live processes at once (0: the workload's limits.max_processes)
  // Context-switch cost: ticks a CPU spends switching to a task of another process, and
  // to another thread of the same process (-1: half the process cost, rounded down).
  // Re-dispatching the task a CPU just ran costs nothing; so do coroutine switches.
  Ticks switch_cost = 0;
  Ticks thread_switch_cost = -1;
  // When set, run() hands each process's metrics to the sink as the run ends and returns
  // a RunResult whose `processes` is empty (every total and average still filled in).
  MetricsSink* metrics_sink = nullptr;
};

// Description of a task to spawn by hand (real-code backends, tests).
struct SpawnRequest {
  std::string name;
  Ticks arrival = 0;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
  TaskBackend* backend = nullptr;  // must outlive the run
  std::uint64_t token = 0;         // handed to backend->adopt(task, token)
};

class Kernel {
 public:
  Kernel(const KernelConfig& config, const PolicyConfig& policy);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Add every process of a scripted workload (keeps a reference: `workload` must outlive
  // the kernel). Call before run(); may be combined with spawn().
  void load(const Workload& workload);
  void load(Workload&&) = delete;  // a temporary would dangle: keep the workload in a variable
  // Add a process whose main task is driven by a backend. Returns its TaskId. (Running
  // tasks create processes and threads with sys::Spawn.)
  TaskId spawn(const SpawnRequest& request);

  // Kernel objects for tasks of any backend. A loaded workload's objects come first, with
  // the ids its steps use.
  ObjectId create_lock(const std::string& name, bool reentrant = false, bool inherit = false);
  ObjectId create_semaphore(const std::string& name, std::int64_t count);
  ObjectId create_event(const std::string& name);
  ObjectId create_queue(const std::string& name, std::int64_t capacity = 0, QueueOrder order = QueueOrder::Fifo);
  void add_observer(KernelObserver* observer);

  // Run to the end (or to a limit). Call once.
  RunResult run();

  // The policy's queues right now (for ps-style views); empty if the policy does not say.
  QueueSnapshot queues() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace schedlab

// The kernel's private state. Kernel::Impl is also the Context a policy sees.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <schedlab/kernel.hpp>

#include "event_queue.hpp"
#include "script_engine.hpp"

namespace schedlab::detail {
class InvariantChecker;
}

namespace schedlab {

namespace detail {

// One schedulable entity (a process's main thread or another of its threads). Kept small
// (a workload may hold millions): what never changes (name, weights, affinity, program)
// stays in the ProcessSpec it came from, found through `origin`.
struct Task {
  TaskState state = TaskState::New;
  Cause block_cause = Cause::Io;  // while Blocked: what it waits for
  bool in_policy = false;         // enqueued and not yet picked or dequeued
  ExitReason exit_reason = ExitReason::None;
  SyscallResult::Status result_status = SyscallResult::Status::Ok;  // answer to deliver next
  CpuId cpu = kNoCpu;             // while Running
  CpuId last_cpu = kNoCpu;        // where it ran last (for counting migrations)
  std::uint32_t origin = 0;       // ProcessSpec: the workload's, or (past its end) a spawned one
  std::uint32_t affinity = 0;     // index into the affinity table; 0 = any CPU
  std::uint32_t wake_epoch = 0;   // invalidates stale wake-up events
  Pid pid = 0;
  int priority = 0;               // effective priority (inheritance may raise it)
  std::int32_t exit_code = 0;
  Ticks arrival = 0;
  Ticks state_since = 0;          // when it entered its state (completion, once Terminated)
  Ticks first_run = -1;
  Ticks cpu_time = 0;
  Ticks ready_time = 0;
  Ticks blocked_time = 0;
  Ticks io_time = 0;
  Ticks compute_left = 0;         // of the current Compute call; brought up to date lazily
  std::int64_t result_value = 0;  // answer to deliver with the next call
};

// A task added with Kernel::spawn() rather than from the workload.
struct SpawnedTask {
  ProcessSpec spec;
  TaskBackend* backend = nullptr;
};

struct Cpu {
  TaskId running = kNoTask;
  TaskId last = kNoTask;   // the task it ran last (for counting context switches)
  Ticks slice_start = 0;   // when `running` was dispatched
  Ticks slice_end = kNever;
  Ticks progress_at = 0;   // when running's compute_left was last brought up to date
  Ticks busy = 0;          // total ticks spent running tasks
  std::uint32_t epoch = 0; // invalidates a stale CpuStop event
  bool preempt_requested = false;
};

// Thrown from deep inside the event loop when a limit is hit; run() catches it.
struct LimitHit {
  std::string what;
};

}  // namespace detail

struct Kernel::Impl final : Context {
  Impl(const KernelConfig& config, const PolicyConfig& policy);
  ~Impl();

  // ---- Context (what policies see) ----
  Ticks now() const override { return now_; }
  CpuId cpu_count() const override { return static_cast<CpuId>(cpus_.size()); }
  TaskInfo task(TaskId id) const override;
  TaskId running_on(CpuId cpu) const override;
  bool allowed_on(TaskId id, CpuId cpu) const override;
  void preempt(CpuId cpu) override;
  void set_slice(CpuId cpu, Ticks slice) override;
  void set_timer(Ticks at) override;
  void set_level(TaskId id, int level) override;
  std::uint64_t seed() const override { return config_.seed; }

  // ---- setup ----
  void load(const Workload& workload);
  TaskId add_task(std::uint32_t origin, const ProcessSpec& spec);
  const ProcessSpec& spec_of(const detail::Task& t) const {
    return t.origin < loaded_ ? workload_->processes[t.origin] : spawned_[t.origin - loaded_].spec;
  }
  TaskBackend* backend_of(const detail::Task& t) const {
    return t.origin < loaded_ ? script_.get() : spawned_[t.origin - loaded_].backend;
  }
  std::string_view name_of(TaskId id) const { return spec_of(tasks_[id]).name; }
  RunResult run();

  // ---- the event loop (kernel.cpp) ----
  Ticks next_event_time() const;
  void handle(const detail::Event& e);
  void admit_arrivals(Ticks t);
  void dispatch();
  void run_on(CpuId cpu, const Dispatch& d);
  void schedule_cpu_stop(CpuId cpu);
  void cpu_stop(CpuId cpu);

  // ---- tasks (task_lifecycle.cpp) ----
  void transition(TaskId id, TaskState to, Cause cause);
  void continue_task(TaskId id);
  void bring_up_to_date(CpuId cpu);
  void stop_running(TaskId id, StopReason reason);
  void make_ready(TaskId id, Cause cause, EnqueueReason reason);
  void block(TaskId id, Cause cause, StopReason reason, Ticks wake_at);
  void wake(TaskId id);
  void terminate(TaskId id, std::int64_t code, ExitReason reason, const std::string& message);
  void count_event();

  // ---- results (run_result.cpp) ----
  RunResult collect_result(RunStatus status, std::string detail);

  // ---- notifications ----
  template <typename F>
  void notify(F&& f) {
    for (KernelObserver* o : observers_) f(*o);
  }

  KernelConfig config_;
  std::string policy_name_;
  std::unique_ptr<Policy> policy_;
  PolicyFactory make_policy_;
  PolicyParams policy_params_;

  const Workload* workload_ = nullptr;
  std::unique_ptr<detail::ScriptEngine> script_;
  std::vector<std::vector<CpuId>> affinities_{{}};
  bool any_affinity_ = false;  // some task is restricted to some CPUs

  std::vector<detail::Task> tasks_;
  std::vector<detail::Cpu> cpus_;
  std::vector<CpuId> preempt_requests_;
  detail::EventQueue events_;
  std::vector<TaskId> arrivals_;  // tasks not yet arrived, sorted by (arrival, id)
  std::size_t next_arrival_ = 0;
  std::uint32_t loaded_ = 0;               // tasks whose origin is the workload
  std::deque<detail::SpawnedTask> spawned_;  // origins past the workload's

  Ticks now_ = 0;
  std::uint64_t sequence_ = 0;     // orders same-instant timers by request
  std::uint64_t events_processed_ = 0;
  std::uint64_t context_switches_ = 0;
  std::uint64_t migrations_ = 0;
  std::size_t live_tasks_ = 0;     // not Terminated
  bool started_ = false;

  std::vector<KernelObserver*> observers_;
  std::unique_ptr<detail::InvariantChecker> checker_;
};

}  // namespace schedlab

// The kernel's private state. Kernel::Impl is also the Context a policy sees.
#pragma once

#include <deque>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <schedlab/kernel.hpp>

#include "core/event_queue.hpp"
#include "script/script_engine.hpp"

namespace schedlab::detail {
class InvariantChecker;
}

namespace schedlab {

namespace detail {

// Where a task's ticks went, by state: the one rule for time in state, so that
// cpu + ready + blocked = turnaround holds wherever a task's figures are read.
struct TimeInState {
  Ticks ready = 0;
  Ticks running = 0;
  Ticks blocked = 0;
  Ticks io = 0;  // the part of `blocked` spent waiting for an I/O device
  // Count `ticks` spent in `state` (waiting for `cause`, if Blocked). New (not yet
  // arrived) and Terminated count towards nothing.
  void add(TaskState state, Cause cause, Ticks ticks) {
    switch (state) {
      case TaskState::Ready: ready += ticks; break;
      case TaskState::Running: running += ticks; break;
      case TaskState::Blocked:
        blocked += ticks;
        if (cause == Cause::Io) io += ticks;
        break;
      case TaskState::New:
      case TaskState::Terminated: break;
    }
  }
};

// One schedulable entity (a process's main thread or another of its threads). Kept small
// (a workload may hold millions): what never changes (name, weights, affinity, program)
// stays in the ProcessSpec it came from, found through `origin`.
struct Task {
  TaskState state = TaskState::New;
  Cause block_cause = Cause::Io;  // while Blocked: what it waits for
  bool in_policy = false;         // enqueued and not yet picked or dequeued
  ExitReason exit_reason = ExitReason::None;
  SyscallResult::Status result_status = SyscallResult::Status::Ok;  // answer to deliver next
  bool daemon = false;            // a daemon thread: ends with its process
  bool is_thread = false;         // not its process's main thread
  std::uint32_t wait_object = 0;  // while Blocked on an object: which one (per block_cause)
  TaskId next_thread = kNoTask;   // the process's threads, as a list from its main task
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
  TimeInState time;               // in the states it has left (time_in_state() adds the current one)
  Ticks compute_left = 0;         // of the current Compute call; brought up to date lazily
  Ticks switch_time = 0;          // ticks of its Running time spent being switched in
  std::int64_t result_value = 0;  // answer to deliver with the next call
};

// `t`'s ticks in each state as of `now` (>= t.state_since), its current state included.
inline TimeInState time_in_state(const Task& t, Ticks now) {
  TimeInState in = t.time;
  in.add(t.state, t.block_cause, now - t.state_since);
  return in;
}

enum class ProcState : std::uint8_t { Alive, Zombie, Reaped };

// One process: its main task, its threads (a list through Task::next_thread), its place in
// the process tree (children as a list through next_sibling), and how it ended.
struct Process {
  Pid ppid = 1;
  TaskId main = kNoTask;
  ProcState state = ProcState::Alive;
  bool daemon = false;
  bool main_done = false;         // the main thread's program ended
  std::uint32_t live_tasks = 0;   // threads not Terminated
  std::uint32_t live_workers = 0; // non-daemon threads not Terminated
  std::uint32_t thread_count = 1;
  Pid first_child = 0;
  Pid next_sibling = 0;
  std::int32_t exit_code = 0;
  ExitReason exit_reason = ExitReason::None;
  Ticks created = 0;
  Ticks ended = -1;
};

// Kernel objects. Waiters queue in FIFO order.
struct LockObject {
  std::string name;
  bool reentrant = false;
  bool inherit = false;
  TaskId owner = kNoTask;
  std::uint32_t depth = 0;
  std::deque<TaskId> waiters;
};
struct SemaphoreObject {
  std::string name;
  std::int64_t count = 0;
  std::deque<TaskId> waiters;
};
struct EventObject {
  std::string name;
  bool set = false;
  std::deque<TaskId> waiters;
};
struct QueueObject {
  std::string name;
  std::int64_t capacity = 0;  // 0: unbounded
  QueueOrder order = QueueOrder::Fifo;
  std::deque<std::int64_t> items;  // Fifo: take front; Lifo: take back
  std::vector<std::pair<std::int64_t, std::uint64_t>> heap;  // Priority: (item, sequence) min-heap
  std::uint64_t sequence = 0;
  std::int64_t unfinished = 0;  // put and not yet marked done
  std::deque<TaskId> getters;
  std::deque<std::pair<TaskId, std::int64_t>> putters;  // with the item each wants to put
  std::deque<TaskId> joiners;
  std::size_t size() const { return order == QueueOrder::Priority ? heap.size() : items.size(); }
};

// A task added with Kernel::spawn() or created by a fork or a thread step.
struct SpawnedTask {
  ProcessSpec spec;
  TaskBackend* backend = nullptr;
};

struct Cpu {
  TaskId running = kNoTask;
  TaskId last = kNoTask;   // the task it ran last (for counting context switches)
  Ticks slice_start = 0;   // when `running` was dispatched
  Ticks slice_end = kNever;
  Ticks progress_at = 0;   // when running's compute_left was last brought up to date; during
                           // a context switch, when the switch ends (the task starts then)
  Ticks switch_ticks = 0;  // of the current slice: the context switch at its start
  Ticks busy = 0;          // total ticks spent running tasks (switching included)
  Ticks switching = 0;     // total ticks spent switching
  std::uint32_t epoch = 0; // invalidates a stale CpuStop event
  bool preempt_requested = false;
  bool started = true;     // false while switching to `running`: the policy hears running() after
};

// A periodic task of the workload (realtime.cpp) and its jobs. Each job is its own task
// (and process) whose origin is the periodic task's ProcessSpec; job 1 is the task the
// workload's process made at load. Jobs are kept in release order across all tasks.
struct RtJob {
  std::uint32_t rt = 0;       // index into Kernel::Impl::rt_
  std::uint64_t number = 1;   // from 1 in its task
  TaskId task = kNoTask;
  Ticks release = 0;
  Ticks deadline = 0;         // absolute
  Ticks start = -1;           // first dispatch
  Ticks completion = -1;      // -1: not completed (aborted, killed, or the run stopped)
  std::uint32_t preemptions = 0;
  std::uint32_t migrations = 0;
  bool aborted = false;
  bool ended = false;         // its process ended (completed, aborted or killed)
};
struct RtTask {
  std::uint32_t process = 0;  // index into Workload::processes
  Ticks period = 0;
  Ticks deadline = 0;         // relative
  std::int64_t jobs = -1;     // how many to release; -1: until the horizon
  std::uint64_t released = 0;
  std::deque<std::uint32_t> pending;  // its released jobs not yet ended, in release order;
                                      // the front one has arrived, the others wait (New)
};

// Thrown from deep inside the event loop when a limit is hit; run() catches it.
struct LimitHit {
  std::string what;
};

}  // namespace detail

struct Kernel::Impl final : Context {
  Impl(const KernelConfig& config, const PolicyConfig& policy);
  ~Impl();

  // ---- Context: what policies see (policy_context.cpp) ----
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
  JobInfo job(TaskId id) const override;

  // ---- setup (kernel_setup.cpp) ----
  void load(const Workload& workload);
  TaskId add_task(std::uint32_t origin, const ProcessSpec& spec);
  const ProcessSpec& spec_of(const detail::Task& t) const {
    return t.origin < loaded_ ? workload_->processes[t.origin] : spawned_[t.origin - loaded_].spec;
  }
  TaskBackend* backend_of(const detail::Task& t) const {
    return t.origin < loaded_ ? script_.get() : spawned_[t.origin - loaded_].backend;
  }
  std::string_view name_of(TaskId id) const { return spec_of(tasks_[id]).name; }
  void start_run();
  void check_affinities() const;

  // ---- the event loop (kernel.cpp) ----
  RunResult run();
  bool past_limit(Ticks t, std::string& why);
  RunResult finish_run(RunStatus status, std::string why);
  Ticks next_event_time();
  void handle(const detail::Event& e);
  void admit_arrivals(Ticks t);
  void dispatch();
  void schedule_cpu_stop(CpuId cpu);
  void cpu_stop(CpuId cpu);
  void count_event();

  // ---- periodic tasks and their jobs (realtime.cpp) ----
  void load_realtime(const Workload& workload);
  void start_realtime();  // first releases, at run()
  void reserve_for_jobs();
  void release_job(std::uint32_t rt);
  void job_deadline(std::uint32_t job);
  void job_process_ended(TaskId main, ExitReason reason);  // from end_process()
  std::uint32_t job_of(TaskId id) const {
    return id < job_of_task_.size() ? job_of_task_[id] : UINT32_MAX;
  }
  void collect_realtime(RunResult& r) const;

  // ---- task transitions, in the state diagram's order (task_lifecycle.cpp) ----
  void transition(TaskId id, TaskState to, Cause cause);
  void make_ready(TaskId id, Cause cause, EnqueueReason reason);  // -> Ready
  void run_on(CpuId cpu, const Dispatch& d);                      // Ready -> Running
  void bring_up_to_date(CpuId cpu);
  void stop_running(TaskId id, StopReason reason);                // Running -> off its CPU
  void requeue_expired(TaskId id);                                // Running -> Ready
  void requeue_preempted(TaskId id);
  void requeue_yielded(TaskId id);
  // Take running task `id` off its CPU into Blocked. `wake_at`: when a timer ends the wait
  // (I/O, sleep, a timeout); kNever for none. `object`: what it waits on.
  void block(TaskId id, Cause cause, StopReason reason, Ticks wake_at, std::uint32_t object = 0);
  void wake(TaskId id);  // a wake-up timer fired
  // A blocked task's wait is over: deliver `status`/`value` and make it Ready.
  void grant(TaskId id, SyscallResult::Status status, std::int64_t value, Cause cause);
  void terminate_task(TaskId id, std::int64_t code, ExitReason reason, std::string_view message);

  // ---- system calls (syscalls.cpp) ----
  void continue_task(TaskId id);
  // Carry out one system call of running task `id`; false when it left the CPU.
  bool execute(TaskId id, const Syscall& call);
  // One carry_out() per sys:: call (execute() picks it by type): the call of running task
  // `caller`, which may leave the CPU (block, yield, end). These five in syscalls.cpp; the
  // others with their subsystem below.
  void carry_out(TaskId caller, const sys::Compute& call);
  void carry_out(TaskId caller, const sys::Io& call);
  void carry_out(TaskId caller, const sys::Sleep& call);
  void carry_out(TaskId caller, const sys::Yield& call);
  void carry_out(TaskId caller, const sys::Note& call);
  void set_result(TaskId id, SyscallResult::Status status, std::int64_t value = 0) {
    tasks_[id].result_status = status;
    tasks_[id].result_value = value;
  }
  // Answer a call without doing it (Full, Empty, TimedOut at once, Failed), and say so in
  // the trace: `what` is e.g. "get Q".
  void refuse(TaskId id, SyscallResult::Status status, const std::string& what);
  // A trace instant for the observers. Its text is made only when someone listens: most
  // runs have no observer, and a formatted string per process end or job release was a
  // measurable share of their time (docs/performance.md, "Real-time").
  void instant(InstantKind kind, TaskId task, TaskId other, std::int64_t value, std::string_view text = {});
  template <typename... Args>
  void instantf(InstantKind kind, TaskId task, TaskId other, std::int64_t value, fmt::format_string<Args...> text,
                Args&&... args) {
    if (!observers_.empty()) instant(kind, task, other, value, fmt::format(text, std::forward<Args>(args)...));
  }

  // ---- processes (process_lifecycle.cpp) ----
  Pid new_process(TaskId main, Pid ppid, bool daemon);
  detail::Process& process_of(TaskId id) { return processes_[static_cast<std::size_t>(tasks_[id].pid)]; }
  void carry_out(TaskId caller, const sys::Spawn& call);
  void carry_out(TaskId caller, const sys::Exit& call);
  void carry_out(TaskId caller, const sys::Kill& call);
  void carry_out(TaskId caller, const sys::Wait& call);
  void carry_out(TaskId caller, const sys::Join& call);
  // End every thread of `pid` and the process itself.
  void kill_process(Pid pid, std::int64_t code, ExitReason reason, std::string_view message, TaskId killer);
  void task_ended(TaskId id);         // process bookkeeping after a task terminated
  void end_process(Pid pid);          // the last worker thread ended: zombie, orphans, daemons, waiters
  void reap(Pid pid, TaskId by);
  bool wait_matches(TaskId waiter, Pid child) const;
  void wake_waiting_parent(Pid child);
  Pid find_process(std::string_view name) const;  // most recent live process with that name
  void kill_daemons_if_only_daemons_left();

  // ---- objects (sync_objects.cpp) ----
  void carry_out(TaskId caller, const sys::Lock& call);
  void carry_out(TaskId caller, const sys::Unlock& call);
  void carry_out(TaskId caller, const sys::Acquire& call);
  void carry_out(TaskId caller, const sys::Release& call);
  void carry_out(TaskId caller, const sys::EventSet& call);
  void carry_out(TaskId caller, const sys::EventClear& call);
  void carry_out(TaskId caller, const sys::EventWait& call);
  void carry_out(TaskId caller, const sys::Put& call);
  void carry_out(TaskId caller, const sys::Get& call);
  void carry_out(TaskId caller, const sys::TaskDone& call);
  void carry_out(TaskId caller, const sys::JoinQueue& call);
  void fault(TaskId caller, const std::string& what);  // kill the caller's process with a fault
  // Remove blocked task `id` from whatever wait queue holds it (timeout, kill).
  void cancel_wait(TaskId id);
  void update_inherited_priority(TaskId id);
  void set_priority(TaskId id, int priority);
  std::string object_name(Cause cause, std::uint32_t object) const;
  template <typename T>
  T& object(std::vector<T>& table, std::uint32_t id, const char* kind) {
    if (id >= table.size()) throw std::invalid_argument(std::string("no ") + kind + " with id " + std::to_string(id));
    return table[id];
  }

  // ---- deadlock (deadlock.cpp) ----
  TaskId releaser_of(TaskId blocked) const;  // who could end its wait, or kNoTask
  DeadlockReport deadlock_report();

  // ---- results (run_result.cpp) ----
  RunResult collect_result(RunStatus status, std::string detail);
  ProcessMetrics process_metrics(std::size_t pid) const;  // the figures of one process, at now_

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
  std::vector<detail::Process> processes_;   // indexed by pid; [0] unused, [1] init
  std::size_t live_processes_ = 0;           // not yet reaped (the fork limit counts these)
  std::size_t live_workers_ = 0;             // non-daemon processes not yet ended
  std::size_t max_processes_ = 10'000;
  std::size_t forks_failed_ = 0;
  std::vector<detail::LockObject> locks_;
  std::vector<detail::SemaphoreObject> semaphores_;
  std::vector<detail::EventObject> events_objects_;
  std::vector<detail::QueueObject> queues_;
  std::vector<OutputLine> output_;

  Ticks now_ = 0;
  std::uint64_t sequence_ = 0;     // orders same-instant timers by request
  std::uint64_t events_processed_ = 0;
  std::uint64_t context_switches_ = 0;
  std::uint64_t migrations_ = 0;
  std::size_t live_tasks_ = 0;     // not Terminated
  bool started_ = false;

  std::vector<detail::RtTask> rt_;        // the workload's periodic tasks, in listing order
  std::vector<detail::RtJob> rt_jobs_;    // their jobs, in release order
  std::vector<std::uint32_t> job_of_task_;  // task -> index into rt_jobs_, UINT32_MAX: none
  Ticks horizon_ = -1;
  std::size_t releases_ahead_ = 0;          // Release events in the heap: they keep a run alive
  OnMiss on_miss_ = OnMiss::Continue;

  std::vector<KernelObserver*> observers_;
  std::unique_ptr<detail::InvariantChecker> checker_;
};

}  // namespace schedlab

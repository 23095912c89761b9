// What the kernel reports while it runs: every task created, every state transition,
// every run slice and the notable instants (fork, exit, kill, preemption, ...).
//
// Front ends subscribe with a KernelObserver. `Trace` is the observer that keeps it all
// in memory (for the GUI, reports and tests); the invariant checker is another one. The
// kernel knows nothing of who listens.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/syscalls.hpp>
#include <schedlab/types.hpp>

namespace schedlab {

struct RunResult;

// Why a state transition happened (finer than the from/to states).
enum class Cause : std::uint8_t {
  // New -> Ready
  Arrival,  // a process of the workload arrives
  Spawned,  // a forked process or a new thread starts
  // Ready -> Running
  Dispatch,
  // Running -> Ready
  Preempted,
  QuantumExpired,
  Yielded,
  // Running -> Blocked, by what the task waits for
  Io,         // an I/O device
  Sleep,      // a timer
  Lock,       // a mutex held by another task
  Semaphore,  // a semaphore at zero
  Event,      // an event not set
  QueueGet,   // an empty queue
  QueuePut,   // a full queue
  QueueJoin,  // a queue with unfinished items
  Join,       // a thread to end
  Wait,       // a child process to end
  // Blocked -> Ready
  IoDone,
  SleepDone,
  Granted,   // what it waited for: the lock, a permit, the event, an item, the end of a task
  TimedOut,  // its timeout ran out first
  // -> Terminated
  Exited,  // by itself: exit, fail, end of program
  Killed,  // by someone else, by a fault, or with its process
};

constexpr std::string_view to_string(Cause c) {
  switch (c) {
    case Cause::Arrival: return "arrival";
    case Cause::Spawned: return "spawned";
    case Cause::Dispatch: return "dispatch";
    case Cause::Preempted: return "preempted";
    case Cause::QuantumExpired: return "quantum_expired";
    case Cause::Yielded: return "yielded";
    case Cause::Io: return "io";
    case Cause::Sleep: return "sleep";
    case Cause::Lock: return "lock";
    case Cause::Semaphore: return "semaphore";
    case Cause::Event: return "event";
    case Cause::QueueGet: return "queue_get";
    case Cause::QueuePut: return "queue_put";
    case Cause::QueueJoin: return "queue_join";
    case Cause::Join: return "join";
    case Cause::Wait: return "wait";
    case Cause::IoDone: return "io_done";
    case Cause::SleepDone: return "sleep_done";
    case Cause::Granted: return "granted";
    case Cause::TimedOut: return "timed_out";
    case Cause::Exited: return "exited";
    case Cause::Killed: return "killed";
  }
  return "?";
}

// Blocked on a kernel object or another task (not on a device or a timer).
constexpr bool is_sync_wait(Cause c) {
  return c == Cause::Lock || c == Cause::Semaphore || c == Cause::Event || c == Cause::QueueGet ||
         c == Cause::QueuePut || c == Cause::QueueJoin || c == Cause::Join || c == Cause::Wait;
}

struct TaskRecord {
  TaskId id = kNoTask;
  Pid pid = 0;
  Pid ppid = 0;
  std::string name;   // "proc" for a process's main thread, "proc/thread" for another thread
  Ticks created = 0;  // arrival time (tasks of the workload exist, New, from time 0)
  bool is_thread = false;  // not the process's main thread
};

struct TransitionRecord {
  Ticks time = 0;
  TaskId task = kNoTask;
  TaskState from = TaskState::New;
  TaskState to = TaskState::New;
  Cause cause = Cause::Arrival;
};

struct SliceRecord {
  TaskId task = kNoTask;
  CpuId cpu = 0;
  Ticks start = 0;
  Ticks end = 0;
  StopReason reason = StopReason::BurstDone;
  Ticks switch_ticks = 0;  // the first ticks of the slice went to the context switch
};

enum class InstantKind : std::uint8_t {
  Exit,        // a task ended: value = exit code, text = why
  Preempt,     // task = preempted task, value = cpu
  Level,       // the policy moved task to queue level `value`
  Fork,        // task forked process pid `value` whose main task is `other`
  ForkFailed,  // task's fork failed: the process limit (value) was reached
  ThreadStart, // task started thread `other`
  Kill,        // task sent signal `value` to the process whose main task is `other`
  ProcessEnd,  // process `value` (main task `task`) ended: exit code in text's "code"
  Reap,        // process `value` (main task `other`) was reaped by task (kNoTask: init)
  Handoff,     // task released an object and handed it to `other`; text names it
  Wakeup,      // task woke `other` (a permit, an item, an event, a join); text names the object
  Print,       // task printed `text`
  Coroutine,   // inside task: a coroutine switch (`text`)
  Fault,       // task faulted: text says what (the process is killed)
  Deadlock,    // the run stopped: no task can ever run again; text is the report
  CallFailed,  // a call of task answered without doing it: text says what ("get Q: empty")
  Waits,       // task blocked on an object or another task: text names it ("lock L"),
               // other = the task that could end the wait (a lock's owner...), if one can be named
  Reparent,    // the process whose main task is `task` lost its parent (main task `other`) and
               // now has parent pid `value` (1: init)
  Note,        // task wrote `text` on the trace (a real task's note())
  Release,     // task is job `value` of a periodic task, released now; text "T1 job 3"
  DeadlineMiss,  // job `value` (task) missed its deadline: text "aborted" or "late by N"
};

constexpr std::string_view to_string(InstantKind k) {
  switch (k) {
    case InstantKind::Exit: return "exit";
    case InstantKind::Preempt: return "preempt";
    case InstantKind::Level: return "level";
    case InstantKind::Fork: return "fork";
    case InstantKind::ForkFailed: return "fork_failed";
    case InstantKind::ThreadStart: return "thread_start";
    case InstantKind::Kill: return "kill";
    case InstantKind::ProcessEnd: return "process_end";
    case InstantKind::Reap: return "reap";
    case InstantKind::Handoff: return "handoff";
    case InstantKind::Wakeup: return "wakeup";
    case InstantKind::Print: return "print";
    case InstantKind::Coroutine: return "coroutine";
    case InstantKind::Fault: return "fault";
    case InstantKind::Deadlock: return "deadlock";
    case InstantKind::CallFailed: return "call_failed";
    case InstantKind::Waits: return "waits";
    case InstantKind::Reparent: return "reparent";
    case InstantKind::Note: return "note";
    case InstantKind::Release: return "release";
    case InstantKind::DeadlineMiss: return "deadline_miss";
  }
  return "?";
}

struct InstantRecord {
  Ticks time = 0;
  InstantKind kind = InstantKind::Exit;
  TaskId task = kNoTask;
  TaskId other = kNoTask;
  std::int64_t value = 0;
  std::string text;
};

class KernelObserver {
 public:
  virtual ~KernelObserver() = default;
  virtual void on_task_created(const TaskRecord&) {}
  virtual void on_transition(const TransitionRecord&) {}
  virtual void on_dispatch(Ticks /*time*/, TaskId /*task*/, CpuId /*cpu*/) {}
  virtual void on_slice(const SliceRecord&) {}
  virtual void on_instant(const InstantRecord&) {}
  virtual void on_finish(const RunResult&) {}
};

// The whole run, kept in memory.
class Trace : public KernelObserver {
 public:
  std::vector<TaskRecord> tasks;  // indexed by TaskId
  std::vector<TransitionRecord> transitions;
  std::vector<SliceRecord> slices;  // in the order they ended
  std::vector<InstantRecord> instants;

  void on_task_created(const TaskRecord& r) override;
  void on_transition(const TransitionRecord& r) override { transitions.push_back(r); }
  void on_slice(const SliceRecord& r) override { slices.push_back(r); }
  void on_instant(const InstantRecord& r) override { instants.push_back(r); }
};

// A stable text form of a trace: one line per record, same run -> same bytes.
std::string trace_to_text(const Trace& trace);

}  // namespace schedlab

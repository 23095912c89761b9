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
  Arrival,         // New -> Ready
  Dispatch,        // Ready -> Running
  Preempted,       // Running -> Ready
  QuantumExpired,  // Running -> Ready
  Yielded,         // Running -> Ready
  Io,              // Running -> Blocked: I/O device
  Sleep,           // Running -> Blocked: timer
  IoDone,          // Blocked -> Ready
  SleepDone,       // Blocked -> Ready
  Exited,          // -> Terminated, by itself
  Killed,          // -> Terminated, by someone else
};

constexpr std::string_view to_string(Cause c) {
  switch (c) {
    case Cause::Arrival: return "arrival";
    case Cause::Dispatch: return "dispatch";
    case Cause::Preempted: return "preempted";
    case Cause::QuantumExpired: return "quantum_expired";
    case Cause::Yielded: return "yielded";
    case Cause::Io: return "io";
    case Cause::Sleep: return "sleep";
    case Cause::IoDone: return "io_done";
    case Cause::SleepDone: return "sleep_done";
    case Cause::Exited: return "exited";
    case Cause::Killed: return "killed";
  }
  return "?";
}

struct TaskRecord {
  TaskId id = kNoTask;
  Pid pid = 0;
  Pid ppid = 0;
  std::string name;
  Ticks created = 0;  // arrival time (tasks of the workload exist, New, from time 0)
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
};

enum class InstantKind : std::uint8_t {
  Exit,     // value = exit code, text = reason
  Preempt,  // task = preempted task, value = cpu
  Level,    // the policy moved task to queue level `value`
};

constexpr std::string_view to_string(InstantKind k) {
  switch (k) {
    case InstantKind::Exit: return "exit";
    case InstantKind::Preempt: return "preempt";
    case InstantKind::Level: return "level";
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

// Basic vocabulary shared by the kernel, the policies and every front end.
//
// Time is an integer number of ticks. Tasks (the things a CPU runs: a process's main
// thread or one of its threads) are identified by dense TaskIds handed out in creation
// order, so policies can keep per-task data in plain vectors.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace schedlab {

using Ticks = std::int64_t;
using TaskId = std::uint32_t;
using CpuId = std::uint32_t;
using Pid = std::int32_t;

inline constexpr Ticks kNever = std::numeric_limits<Ticks>::max();
inline constexpr TaskId kNoTask = std::numeric_limits<TaskId>::max();
inline constexpr CpuId kNoCpu = std::numeric_limits<CpuId>::max();

// The five textbook states. Every change goes through one place in the kernel
// (Kernel::transition) that rejects illegal ones; see is_legal_transition().
enum class TaskState : std::uint8_t { New, Ready, Running, Blocked, Terminated };

// Why a task was handed to Policy::enqueue().
enum class EnqueueReason : std::uint8_t {
  Arrival,         // a new task: workload arrival, fork, thread start
  Wakeup,          // back from Blocked (I/O done, lock granted, timer, ...)
  Preempted,       // taken off a CPU because the policy asked (Context::preempt)
  QuantumExpired,  // the slice the policy gave it ran out
  Yielded,         // it gave up the CPU voluntarily
};

// Why a run slice ended.
enum class StopReason : std::uint8_t {
  BurstDone,       // its CPU burst finished and it went to I/O or to sleep
  QuantumExpired,  // the slice the policy gave it ran out
  Preempted,       // the policy preempted it (or a switch-cost model took the CPU)
  Blocked,         // it waits for a lock, semaphore, queue, event, join or wait
  Yielded,         // it gave up the CPU voluntarily
  Exited,          // it terminated by itself (exit, error, fault, end of program)
  Killed,          // another task killed it
};

constexpr bool is_legal_transition(TaskState from, TaskState to) {
  switch (from) {
    case TaskState::New: return to == TaskState::Ready || to == TaskState::Terminated;
    case TaskState::Ready: return to == TaskState::Running || to == TaskState::Terminated;
    case TaskState::Running:
      return to == TaskState::Ready || to == TaskState::Blocked || to == TaskState::Terminated;
    case TaskState::Blocked: return to == TaskState::Ready || to == TaskState::Terminated;
    case TaskState::Terminated: return false;
  }
  return false;
}

constexpr std::string_view to_string(TaskState s) {
  switch (s) {
    case TaskState::New: return "new";
    case TaskState::Ready: return "ready";
    case TaskState::Running: return "running";
    case TaskState::Blocked: return "blocked";
    case TaskState::Terminated: return "terminated";
  }
  return "?";
}

constexpr std::string_view to_string(EnqueueReason r) {
  switch (r) {
    case EnqueueReason::Arrival: return "arrival";
    case EnqueueReason::Wakeup: return "wakeup";
    case EnqueueReason::Preempted: return "preempted";
    case EnqueueReason::QuantumExpired: return "quantum_expired";
    case EnqueueReason::Yielded: return "yielded";
  }
  return "?";
}

constexpr std::string_view to_string(StopReason r) {
  switch (r) {
    case StopReason::BurstDone: return "burst_done";
    case StopReason::QuantumExpired: return "quantum_expired";
    case StopReason::Preempted: return "preempted";
    case StopReason::Blocked: return "blocked";
    case StopReason::Yielded: return "yielded";
    case StopReason::Exited: return "exited";
    case StopReason::Killed: return "killed";
  }
  return "?";
}

}  // namespace schedlab

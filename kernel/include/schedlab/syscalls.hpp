// The system calls a task makes, and what the kernel answers.
//
// Every task, whatever runs it (a scripted program, a real std::thread, a C++20
// coroutine), is driven the same way: when it is on a CPU and needs to do something, its
// backend returns the next system call; the kernel carries it out and hands back the
// result with the following call. Zero-time calls (spawn, kill, unlock...) are carried
// out at the same instant; Compute burns CPU ticks and is where preemption happens.
// Calls that may block (I/O, sleep, lock, wait, get...) leave the CPU when they do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <schedlab/types.hpp>

namespace schedlab {

class TaskBackend;

// How a process or thread ended.
enum class ExitReason : std::uint8_t {
  None,    // still alive when the run stopped
  Exited,  // ended normally (exit or end of program)
  Error,   // fail: an error exit
  Fault,   // a fatal fault (segv, div0, illegal, unlock of a lock not held...): killed by the kernel
  Killed,  // killed by another task, or by its parent ending (daemon)
};

constexpr std::string_view to_string(ExitReason r) {
  switch (r) {
    case ExitReason::None: return "none";
    case ExitReason::Exited: return "exited";
    case ExitReason::Error: return "error";
    case ExitReason::Fault: return "fault";
    case ExitReason::Killed: return "killed";
  }
  return "?";
}

// Kernel objects (locks, semaphores, events, queues) are numbered per kind, in the order
// they are created (a workload's declarations first).
using ObjectId = std::uint32_t;

// Signals that end a process; the exit code is -signal (a shell shows 128 + signal).
enum Signal : int { kSigIll = 4, kSigKill = 9, kSigFpe = 8, kSigSegv = 11, kSigTerm = 15 };

namespace sys {

struct Compute {
  Ticks ticks = 0;  // > 0
};
struct Io {
  Ticks ticks = 0;  // > 0: blocked on an I/O device this long
};
struct Sleep {
  Ticks ticks = 0;  // > 0: blocked on a timer this long
};
struct Yield {};

// End the calling thread (whole_process = false) or its whole process.
struct Exit {
  std::int64_t code = 0;
  ExitReason reason = ExitReason::Exited;
  std::string_view message;  // for Error and Fault; valid until the backend is called again
  bool whole_process = true;
};

// Create a child process (thread = false) or a thread of the caller's process. The kernel
// makes the task and calls `backend->adopt(child, token)` before it first runs. Answers
// the child's pid (process) or TaskId (thread); Failed when the process limit is reached.
struct Spawn {
  std::string_view name;
  bool thread = false;
  bool daemon = false;  // process: killed when the parent's program ends;
                        // thread: killed when its process ends
  TaskBackend* backend = nullptr;
  std::uint64_t token = 0;
};

// Signal a process by pid, or by name (the most recently created live process with that
// name) when pid is 0. Answers Failed if there is no such process.
struct Kill {
  Pid pid = 0;
  std::string_view name;
  int signal = kSigTerm;
};

// Wait for a child process to end, and reap it. Answers its exit code, TimedOut, or
// Failed when there is nothing to wait for.
struct Wait {
  enum class Target : std::uint8_t { Pid, Name, Any, Children };
  Target target = Target::Any;
  Pid pid = 0;
  std::string_view name;
  Ticks timeout = kNever;
};

// Wait for a thread of the caller's process to end. Answers its exit code, TimedOut, or
// Failed if there is no such thread (or it is the caller).
struct Join {
  TaskId thread = kNoTask;
  std::string_view name;  // when thread is kNoTask: the thread's own name ("worker")
  Ticks timeout = kNever;
};

// Mutexes. A plain lock hands ownership to the first waiter (FIFO) on unlock; a
// re-entrant lock may be taken again by its owner and is released after as many unlocks.
// Unlocking a lock one does not hold is a fault that kills the process.
struct Lock {
  ObjectId lock = 0;
  Ticks timeout = kNever;
};
struct Unlock {
  ObjectId lock = 0;
};

// Counting semaphores.
struct Acquire {
  ObjectId semaphore = 0;
  Ticks timeout = kNever;
};
struct Release {
  ObjectId semaphore = 0;
};

// Events (set / clear / wait until set).
struct EventSet {
  ObjectId event = 0;
};
struct EventClear {
  ObjectId event = 0;
};
struct EventWait {
  ObjectId event = 0;
  Ticks timeout = kNever;
};

// Bounded queues of integers. timeout 0 = non-blocking (answers Full / Empty at once).
struct Put {
  ObjectId queue = 0;
  std::int64_t item = 0;
  Ticks timeout = kNever;
};
struct Get {
  ObjectId queue = 0;
  Ticks timeout = kNever;  // answers the item
};
struct TaskDone {  // one item taken earlier is finished (joinable queues)
  ObjectId queue = 0;
};
struct JoinQueue {  // wait until every item put has been marked done
  ObjectId queue = 0;
  Ticks timeout = kNever;
};

// Zero-time note for the trace: a print (also a line of the run's output), a coroutine
// switch inside the task (a `coroutine` instant), or a message of the task's own (`note`).
struct Note {
  enum class Kind : std::uint8_t { Print, Coroutine, Message };
  Kind kind = Kind::Message;
  std::string_view text;  // valid until the backend is called again
};

}  // namespace sys

using Syscall = std::variant<sys::Compute, sys::Io, sys::Sleep, sys::Yield, sys::Exit, sys::Spawn, sys::Kill,
                             sys::Wait, sys::Join, sys::Lock, sys::Unlock, sys::Acquire, sys::Release,
                             sys::EventSet, sys::EventClear, sys::EventWait, sys::Put, sys::Get, sys::TaskDone,
                             sys::JoinQueue, sys::Note>;

// The answer to the previous system call.
struct SyscallResult {
  enum class Status : std::uint8_t { Ok, TimedOut, Failed, Full, Empty };
  Status status = Status::Ok;
  std::int64_t value = 0;  // exit code of a joined task, item got from a queue, child pid...
  Ticks now = 0;           // the clock when the task resumes
};

constexpr std::string_view to_string(SyscallResult::Status s) {
  switch (s) {
    case SyscallResult::Status::Ok: return "ok";
    case SyscallResult::Status::TimedOut: return "timed_out";
    case SyscallResult::Status::Failed: return "failed";
    case SyscallResult::Status::Full: return "full";
    case SyscallResult::Status::Empty: return "empty";
  }
  return "?";
}

}  // namespace schedlab

// The system calls a task makes, and what the kernel answers.
//
// Every task, whatever runs it (a scripted program, a real std::thread, a C++20
// coroutine), is driven the same way: when it is on a CPU and needs to do something, its
// backend returns the next system call; the kernel carries it out and hands back the
// result with the following call. Zero-time calls (fork, kill, unlock...) are carried
// out at the same instant; Compute burns CPU ticks and is where preemption happens.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include <schedlab/types.hpp>

namespace schedlab {

// How a process or thread ended.
enum class ExitReason : std::uint8_t {
  None,    // still alive when the run stopped
  Exited,  // ended normally (exit or end of program)
  Error,   // fail: an error exit
  Fault,   // a fatal fault (segv, div0, illegal): killed by the kernel
  Killed,  // killed by another task or by its parent ending (daemon)
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
struct Exit {
  std::int64_t code = 0;
  ExitReason reason = ExitReason::Exited;
  std::string message;  // for Error and Fault: what happened
};

}  // namespace sys

using Syscall = std::variant<sys::Compute, sys::Io, sys::Sleep, sys::Yield, sys::Exit>;

// The answer to the previous system call.
struct SyscallResult {
  enum class Status : std::uint8_t { Ok, TimedOut, Failed, Full, Empty };
  Status status = Status::Ok;
  std::int64_t value = 0;  // exit code of a joined task, item got from a queue, child pid...
};

}  // namespace schedlab

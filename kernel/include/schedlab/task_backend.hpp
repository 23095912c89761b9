// What runs a task: the scripted-program interpreter, the real-thread gate, the
// coroutine driver. One backend object serves many tasks, told apart by TaskId.
#pragma once

#include <cstdint>

#include <schedlab/syscalls.hpp>
#include <schedlab/types.hpp>

namespace schedlab {

class TaskBackend {
 public:
  virtual ~TaskBackend() = default;

  // The task is on a CPU and wants to do something: run it until its next system call
  // and return that call. `last` answers the previous call (Ok for the first one).
  virtual Syscall next(TaskId task, const SyscallResult& last) = 0;

  // CPU ticks the task will use before it next blocks, yields or ends, counting from its
  // next system call; -1 if the backend cannot know (real code). Used by SJF and SRTF.
  virtual Ticks peek_burst(TaskId task) const = 0;

  // A task this backend asked for with sys::Spawn{backend = this, token} now exists as
  // `task`: prepare it to run from `token`'s start.
  virtual void adopt(TaskId task, std::uint64_t token) = 0;

  // The task has terminated (or was killed): release whatever the backend holds for it.
  virtual void release(TaskId /*task*/) {}
};

}  // namespace schedlab

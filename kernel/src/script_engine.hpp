// The backend for scripted tasks: interprets the step programs of a workload file.
//
// One engine serves every scripted task of a run; each task has a small cursor (the
// program, the position in it, and the enclosing `repeat` loops). The engine turns steps
// into system calls for the kernel and answers peek_burst() from the program text.
#pragma once

#include <cstdint>
#include <vector>

#include <schedlab/task_backend.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::detail {

class ScriptEngine final : public TaskBackend {
 public:
  explicit ScriptEngine(const Workload& workload);

  void reserve(std::size_t tasks) { cursors_.reserve(tasks); }
  // Start `task` at the beginning of `program`.
  void start(TaskId task, std::uint32_t program);

  Syscall next(TaskId task, const SyscallResult& last) override;
  void adopt(TaskId task, std::uint64_t token) override { start(task, static_cast<std::uint32_t>(token)); }
  Ticks peek_burst(TaskId task) const override;
  void release(TaskId task) override;

  // A workload program that can never block, yield or end early costs exactly this many
  // CPU ticks; -1 if it may block. Saturates at kNever.
  Ticks pure_ticks(std::uint32_t program) const { return pure_ticks_[program]; }

 private:
  struct Frame {
    std::uint32_t program = 0;
    std::uint32_t pc = 0;            // next step to execute
    std::int64_t iterations_left = 0;  // for a repeat body: after this one; -1 forever
  };
  struct Cursor {
    Frame top;
    std::uint32_t outer = 0;  // enclosing repeat loops: index into stacks_, 0 = none
    bool live = false;
  };
  std::vector<Frame>& outer_of(Cursor& c);  // allocates a stack on first use
  const std::vector<Frame>* outer_of(const Cursor& c) const { return c.outer == 0 ? nullptr : &stacks_[c.outer]; }

  static bool step_is_pure(const Step& s);

  const Workload& workload_;
  std::vector<Ticks> pure_ticks_;  // per program
  std::vector<Cursor> cursors_;    // indexed by TaskId
  std::vector<std::vector<Frame>> stacks_{1};  // loop stacks of tasks inside repeats; [0] unused
  std::vector<std::uint32_t> free_stacks_;
};

}  // namespace schedlab::detail

// The backend for scripted tasks: interprets the step programs of a workload file.
//
// One engine serves every scripted task of a run. Each task has a small cursor: its
// execution context (the program, the position in it, enclosing loops and calls, its
// register and local variables) and, while a `coroutines:` step runs, a group of
// coroutine contexts that the engine itself schedules cooperatively. The engine owns the
// workload's shared variables: scripted programs' memory lives here, the kernel only sees
// system calls.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <schedlab/task_backend.hpp>
#include <schedlab/workload.hpp>

#include <schedlab/detail/coroutine_hub.hpp>
#include <schedlab/detail/huge_pages.hpp>

namespace schedlab::detail {

class ScriptEngine final : public TaskBackend {
 public:
  explicit ScriptEngine(const Workload& workload);

  void reserve(std::size_t tasks) { reserve_on_huge_pages(cursors_, tasks); }
  // Start `task` at the beginning of `program`.
  void start(TaskId task, std::uint32_t program);

  Syscall next(TaskId task, const SyscallResult& last) override;
  Ticks peek_burst(TaskId task) const override;
  void adopt(TaskId task, std::uint64_t token) override { start(task, static_cast<std::uint32_t>(token)); }
  void release(TaskId task) override;

  // The value of a shared variable now.
  std::int64_t shared_value(std::uint32_t variable) const { return memory_[variable]; }

  // CPU ticks program `p` takes if it runs through without blocking; -1 if it may block,
  // yield or end the task. Saturates at kNever.
  Ticks pure_ticks(std::uint32_t p) const { return pure_ticks_[p]; }

 private:
  // iterations_left of a frame: >= 0 loop iterations still to run after this one, or one
  // of these for frames that run once.
  static constexpr std::int64_t kForever = -1;
  static constexpr std::int64_t kBlock = -2;  // the branch of an `if`
  static constexpr std::int64_t kCall = -3;   // a `call`ed program

  struct Frame {
    std::uint32_t program = 0;
    std::uint32_t pc = 0;  // next step to execute
    std::int64_t iterations_left = kCall;
  };
  // One line of execution: a task's own program, or one coroutine.
  struct Context {
    Frame top;
    std::uint32_t stack = 0;   // enclosing frames: index into stacks_, 0 = none
    std::uint32_t locals = 0;  // local variables: index into locals_, 0 = none yet
    std::int64_t reg = 0;      // the register of load/add/store
  };
  // A `coroutines:` step in progress: its members take turns on the thread.
  struct CoroutineRun {
    std::uint32_t spec = 0;  // index into Workload::coroutine_groups
    std::vector<Context> members;
    CoroutineHub hub;        // whose turn it is
  };
  enum class StepResult : std::uint8_t { Call, Ended, Switch, AwaitIo };
  struct Cursor {
    Context main;
    std::uint32_t group = 0;  // running coroutines: index into groups_, 0 = none
    std::uint8_t phase = 0;   // a step that issues two calls: 1 after the first
    bool live = false;
  };

  // ---- interpreting (script_steps.cpp) ----
  // Execute steps of `ctx` until one makes a system call (Call, in `out`), the program
  // ends, or (in a coroutine) it switches or awaits; `arg` carries the switch target or
  // the await ticks.
  StepResult step(Cursor& c, Context& ctx, const SyscallResult& last, Syscall& out, std::int64_t& arg);
  // The top frame ran its last step: a loop goes round again, anything else returns to
  // the frame below. False when there is none: the context's program ended.
  bool next_round(Context& ctx);
  // break_if held: leave the innermost loop. False when that ends the program.
  bool break_loop(Context& ctx);
  Syscall exit_call(const Step& s);                     // exit, fail, fault
  Syscall spawn_call(Cursor& c, Frame& f, const Step& s);  // fork, thread: the cost, then the spawn
  // load, store, print; get. True when `out` holds a call to make; false when the step
  // is done and the next one runs.
  bool memory_step(Cursor& c, Context& ctx, const Step& s, Syscall& out);
  bool get_step(Cursor& c, Context& ctx, const Step& s, const SyscallResult& last, Syscall& out);

  // ---- coroutine groups (script_coroutines.cpp) ----
  Syscall start_coroutines(Cursor& c, std::uint32_t spec);
  Syscall run_coroutines(Cursor& c, const SyscallResult& last);
  Syscall note(std::string text);  // a Coroutine note with `text` (kept in note_)

  // ---- looking ahead (script_lookahead.cpp) ----
  Ticks peek_context(const Cursor& c, const Context& ctx) const;
  Ticks compute_pure(std::uint32_t p, std::vector<std::uint8_t>& state);

  // ---- frames, locals, memory (script_engine.cpp) ----

  std::vector<Frame>& stack_of(Context& ctx);
  void push(Context& ctx, Frame f);
  bool pop(Context& ctx);  // false when there is nothing to return to
  void free_context(Context& ctx);

  std::int64_t read(const Context& ctx, const Operand& o) const;
  void write(Context& ctx, const Operand& o, std::int64_t v);
  bool holds(const Context& ctx, const Condition& c) const;

  static Ticks timeout_of(std::int64_t v) { return v < 0 ? kNever : v; }

  const Workload& workload_;
  std::vector<Ticks> pure_ticks_;  // per program
  std::vector<std::int64_t> memory_;  // shared variables, by variable index
  std::vector<Cursor> cursors_;    // indexed by TaskId
  std::vector<std::vector<Frame>> stacks_{1};  // [0] unused
  std::vector<std::uint32_t> free_stacks_;
  std::vector<std::vector<std::pair<std::uint32_t, std::int64_t>>> locals_{1};  // [0] unused
  std::vector<std::uint32_t> free_locals_;
  std::deque<CoroutineRun> groups_;  // [0] unused
  std::vector<std::uint32_t> free_groups_;
  std::string note_;  // text of the last sys::Note (lives until the next call)
};

}  // namespace schedlab::detail

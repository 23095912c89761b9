// The script engine's state: starting a task's cursor, the pools of frames and locals
// its contexts use, the memory its steps read and write, and next(), which hands the
// kernel a task's next system call. Interpreting steps: script_steps.cpp; coroutine
// groups: script_coroutines.cpp; looking ahead at CPU bursts: script_lookahead.cpp.
#include "script/script_engine.hpp"

#include <cassert>

namespace schedlab::detail {

ScriptEngine::ScriptEngine(const Workload& workload) : workload_(workload) {
  pure_ticks_.assign(workload.programs.size(), 0);
  std::vector<std::uint8_t> state(workload.programs.size(), 0);
  for (std::uint32_t p = 0; p < workload.programs.size(); ++p) compute_pure(p, state);
  memory_.reserve(workload.variables.size());
  for (const VariableDecl& v : workload.variables) memory_.push_back(v.shared ? v.initial : 0);
  groups_.emplace_back();  // index 0 means "none"
}

void ScriptEngine::start(TaskId task, std::uint32_t program) {
  if (task >= cursors_.size()) cursors_.resize(task + 1);
  Cursor& c = cursors_[task];
  c = Cursor{};
  c.main.top = Frame{program, 0, kCall};
  c.live = true;
}

// ---- frames, locals, pools ------------------------------------------------------------

std::vector<ScriptEngine::Frame>& ScriptEngine::stack_of(Context& ctx) {
  if (ctx.stack == 0) {
    if (!free_stacks_.empty()) {
      ctx.stack = free_stacks_.back();
      free_stacks_.pop_back();
    } else {
      ctx.stack = static_cast<std::uint32_t>(stacks_.size());
      stacks_.emplace_back();
    }
  }
  return stacks_[ctx.stack];
}

void ScriptEngine::push(Context& ctx, Frame f) {
  stack_of(ctx).push_back(ctx.top);
  ctx.top = f;
}

bool ScriptEngine::pop(Context& ctx) {
  if (ctx.stack == 0 || stacks_[ctx.stack].empty()) return false;
  ctx.top = stacks_[ctx.stack].back();
  stacks_[ctx.stack].pop_back();
  return true;
}

void ScriptEngine::free_context(Context& ctx) {
  if (ctx.stack != 0) {
    stacks_[ctx.stack].clear();
    free_stacks_.push_back(ctx.stack);
    ctx.stack = 0;
  }
  if (ctx.locals != 0) {
    locals_[ctx.locals].clear();
    free_locals_.push_back(ctx.locals);
    ctx.locals = 0;
  }
}

void ScriptEngine::release(TaskId task) {
  if (task >= cursors_.size() || !cursors_[task].live) return;
  Cursor& c = cursors_[task];
  c.live = false;
  free_context(c.main);
  if (c.group != 0) {
    for (Context& m : groups_[c.group].members) free_context(m);
    groups_[c.group] = CoroutineRun{};
    free_groups_.push_back(c.group);
    c.group = 0;
  }
}

// ---- memory ---------------------------------------------------------------------------

std::int64_t ScriptEngine::read(const Context& ctx, const Operand& o) const {
  switch (o.kind) {
    case Operand::Kind::Literal: return o.value;
    case Operand::Kind::Register: return ctx.reg;
    case Operand::Kind::Variable:
      if (workload_.variables[o.variable].shared) return memory_[o.variable];
      if (ctx.locals != 0)
        for (const auto& [v, value] : locals_[ctx.locals])
          if (v == o.variable) return value;
      return 0;
  }
  return 0;
}

void ScriptEngine::write(Context& ctx, const Operand& o, std::int64_t value) {
  switch (o.kind) {
    case Operand::Kind::Literal: return;  // the loader never makes a literal a target
    case Operand::Kind::Register: ctx.reg = value; return;
    case Operand::Kind::Variable:
      if (workload_.variables[o.variable].shared) {
        memory_[o.variable] = value;
        return;
      }
      if (ctx.locals == 0) {
        if (!free_locals_.empty()) {
          ctx.locals = free_locals_.back();
          free_locals_.pop_back();
        } else {
          ctx.locals = static_cast<std::uint32_t>(locals_.size());
          locals_.emplace_back();
        }
      }
      for (auto& [v, stored] : locals_[ctx.locals])
        if (v == o.variable) {
          stored = value;
          return;
        }
      locals_[ctx.locals].emplace_back(o.variable, value);
      return;
  }
}

bool ScriptEngine::holds(const Context& ctx, const Condition& c) const {
  const std::int64_t a = read(ctx, c.lhs), b = read(ctx, c.rhs);
  switch (c.op) {
    case Compare::Eq: return a == b;
    case Compare::Ne: return a != b;
    case Compare::Lt: return a < b;
    case Compare::Le: return a <= b;
    case Compare::Gt: return a > b;
    case Compare::Ge: return a >= b;
  }
  return false;
}

// ---- the kernel asks --------------------------------------------------------------------

Syscall ScriptEngine::next(TaskId task, const SyscallResult& last) {
  Cursor& c = cursors_[task];
  assert(c.live);
  if (c.group != 0) return run_coroutines(c, last);
  Syscall out;
  std::int64_t arg = 0;
  switch (step(c, c.main, last, out, arg)) {
    case StepResult::Call: return out;
    case StepResult::Ended: return sys::Exit{0, ExitReason::Exited, {}, false};  // the thread ends
    case StepResult::Switch:
    case StepResult::AwaitIo: break;  // the loader keeps these inside coroutines
  }
  return sys::Exit{0, ExitReason::Exited, {}, false};
}

}  // namespace schedlab::detail

#include "script/script_engine.hpp"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>

namespace schedlab::detail {

namespace {

Ticks saturating_add(Ticks a, Ticks b) { return a > kNever - b ? kNever : a + b; }

Ticks saturating_mul(Ticks a, std::int64_t n) {
  if (a == 0 || n == 0) return 0;
  return a > kNever / n ? kNever : a * n;
}

std::string_view fault_text(std::int64_t signal) {
  switch (signal) {
    case kSigSegv: return "segmentation fault (SIGSEGV)";
    case kSigFpe: return "division by zero (SIGFPE)";
    case kSigIll: return "illegal instruction (SIGILL)";
    default: return "fault";
  }
}

// What step `s` adds to a straight run of CPU ticks (one that does not block): `ticks`;
// or it enters a body (repeat, call), whose own straight run decides; or it may block,
// yield, branch or end the task, which ends the run before it. The one list of the steps
// that may block, for both walks: compute_pure() and peek_context().
struct StraightStep {
  enum class Kind : std::uint8_t { Ticks, Body, MayBlock };
  Kind kind = Kind::MayBlock;
  Ticks ticks = 0;
};

StraightStep straight_step(const Step& s, const Workload& w) {
  using Kind = StraightStep::Kind;
  switch (s.op) {
    case Op::Cpu: return {Kind::Ticks, s.value};
    case Op::Load:
    case Op::Add:
    case Op::Store:
    case Op::Print: return {Kind::Ticks, 1};
    case Op::Fork: return {Kind::Ticks, w.fork_cost};
    case Op::Thread: return {Kind::Ticks, w.thread_cost};
    case Op::Kill:
    case Op::Unlock:
    case Op::RUnlock:
    case Op::Release:
    case Op::EventSet:
    case Op::EventClear:
    case Op::TaskDone: return {Kind::Ticks, 0};  // zero time, never blocks
    case Op::Repeat:
    case Op::Call: return {Kind::Body, 0};
    case Op::Io:
    case Op::Sleep:
    case Op::Yield:
    case Op::If:
    case Op::BreakIf:
    case Op::Exit:
    case Op::Fail:
    case Op::Fault:
    case Op::Wait:
    case Op::Join:
    case Op::Coroutines:
    case Op::Switch:
    case Op::AwaitIo:
    case Op::Lock:
    case Op::RLock:
    case Op::Acquire:
    case Op::EventWait:
    case Op::Put:
    case Op::Get:
    case Op::JoinQueue: return {Kind::MayBlock, 0};
  }
  return {Kind::MayBlock, 0};
}

sys::Wait::Target wait_target(WaitSpec::Target t) {
  switch (t) {
    case WaitSpec::Target::Name: return sys::Wait::Target::Name;
    case WaitSpec::Target::Any: return sys::Wait::Target::Any;
    case WaitSpec::Target::Children: return sys::Wait::Target::Children;
  }
  return sys::Wait::Target::Any;
}

}  // namespace

ScriptEngine::ScriptEngine(const Workload& workload) : workload_(workload) {
  pure_ticks_.assign(workload.programs.size(), 0);
  std::vector<std::uint8_t> state(workload.programs.size(), 0);
  for (std::uint32_t p = 0; p < workload.programs.size(); ++p) compute_pure(p, state);
  memory_.reserve(workload.variables.size());
  for (const VariableDecl& v : workload.variables) memory_.push_back(v.shared ? v.initial : 0);
  groups_.emplace_back();  // index 0 means "none"
}

// Memoised over programs; a program reached again while being computed (only possible
// through fork/thread bodies, which are not followed) counts as "may block".
Ticks ScriptEngine::compute_pure(std::uint32_t p, std::vector<std::uint8_t>& state) {
  if (state[p] == 2) return pure_ticks_[p];
  if (state[p] == 1) return -1;
  state[p] = 1;
  const ProgramRef ref = workload_.programs[p];
  Ticks total = 0;
  for (std::uint32_t i = 0; i < ref.size && total >= 0; ++i) {
    const Step& s = workload_.steps[ref.begin + i];
    const StraightStep x = straight_step(s, workload_);
    switch (x.kind) {
      case StraightStep::Kind::Ticks: total = saturating_add(total, x.ticks); break;
      case StraightStep::Kind::MayBlock: total = -1; break;
      case StraightStep::Kind::Body: {
        const Ticks body = compute_pure(s.ref, state);
        if (s.op == Op::Call) total = body < 0 ? -1 : saturating_add(total, body);
        else if (body < 0 || (s.value < 0 && body == 0)) total = -1;  // a zero-time endless loop "blocks"
        else total = saturating_add(total, s.value < 0 ? kNever : saturating_mul(body, s.value));
        break;
      }
    }
  }
  pure_ticks_[p] = total;
  state[p] = 2;
  return total;
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

// ---- interpreting ---------------------------------------------------------------------

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

ScriptEngine::StepResult ScriptEngine::step(Cursor& c, Context& ctx, const SyscallResult& last, Syscall& out,
                                            std::int64_t& arg) {
  const Workload& w = workload_;
  for (;;) {
    Frame& f = ctx.top;
    const ProgramRef ref = w.programs[f.program];
    if (f.pc == ref.size) {
      if (f.iterations_left > 0 || f.iterations_left == kForever) {  // the loop goes round again
        if (f.iterations_left > 0) --f.iterations_left;
        f.pc = 0;
        continue;
      }
      if (!pop(ctx)) return StepResult::Ended;
      continue;
    }
    const Step& s = w.steps[ref.begin + f.pc];
    switch (s.op) {
      case Op::Cpu: ++f.pc; out = sys::Compute{s.value}; return StepResult::Call;
      case Op::Io: ++f.pc; out = sys::Io{s.value}; return StepResult::Call;
      case Op::Sleep: ++f.pc; out = sys::Sleep{s.value}; return StepResult::Call;
      case Op::Yield: ++f.pc; out = sys::Yield{}; return StepResult::Call;
      case Op::Repeat:
        ++f.pc;
        if (s.value != 0) push(ctx, Frame{s.ref, 0, s.value < 0 ? kForever : s.value - 1});
        continue;
      case Op::Call: ++f.pc; push(ctx, Frame{s.ref, 0, kCall}); continue;
      case Op::If: {
        ++f.pc;
        const IfSpec& spec = w.ifs[s.ref];
        const std::uint32_t branch = holds(ctx, w.conditions[spec.condition]) ? spec.then_program : spec.else_program;
        if (branch != UINT32_MAX) push(ctx, Frame{branch, 0, kBlock});
        continue;
      }
      case Op::BreakIf:
        ++f.pc;
        if (holds(ctx, w.conditions[s.ref])) {
          // Leave the innermost loop: drop `if` branches, then the loop's own frame.
          while (ctx.top.iterations_left == kBlock) pop(ctx);
          if (ctx.top.iterations_left != kCall && !pop(ctx)) return StepResult::Ended;
        }
        continue;
      case Op::Exit: ++f.pc; out = sys::Exit{s.value, ExitReason::Exited, {}, true}; return StepResult::Call;
      case Op::Fail:
        ++f.pc;
        note_ = w.strings[s.ref];
        out = sys::Exit{s.value, ExitReason::Error, note_, true};
        return StepResult::Call;
      case Op::Fault:
        ++f.pc;
        note_ = fault_text(s.value);
        out = sys::Exit{-s.value, ExitReason::Fault, note_, true};
        return StepResult::Call;
      case Op::Fork:
      case Op::Thread: {
        const bool thread = s.op == Op::Thread;
        const Ticks cost = thread ? w.thread_cost : w.fork_cost;
        if (c.phase == 0 && cost > 0) {  // creating it takes CPU first
          c.phase = 1;
          out = sys::Compute{cost};
          return StepResult::Call;
        }
        c.phase = 0;
        ++f.pc;
        const SpawnSpec& spec = w.spawns[s.ref];
        out = sys::Spawn{w.strings[spec.name], thread, spec.daemon, this, spec.program};
        return StepResult::Call;
      }
      case Op::Kill: ++f.pc; out = sys::Kill{0, w.strings[s.ref], static_cast<int>(s.value)}; return StepResult::Call;
      case Op::Wait: {
        ++f.pc;
        const WaitSpec& spec = w.waits[s.ref];
        out = sys::Wait{wait_target(spec.target), 0,
                        spec.target == WaitSpec::Target::Name ? std::string_view(w.strings[spec.name]) : std::string_view(),
                        timeout_of(spec.timeout)};
        return StepResult::Call;
      }
      case Op::Join: ++f.pc; out = sys::Join{kNoTask, w.strings[s.ref], timeout_of(s.value)}; return StepResult::Call;
      case Op::Coroutines: {
        // Start the group; the thread's own program waits at this step until it is over.
        std::uint32_t g;
        if (!free_groups_.empty()) {
          g = free_groups_.back();
          free_groups_.pop_back();
        } else {
          g = static_cast<std::uint32_t>(groups_.size());
          groups_.emplace_back();
        }
        CoroutineRun& run = groups_[g];
        run = CoroutineRun{};
        run.spec = s.ref;
        for (const CoroutineGroup::Member& m : w.coroutine_groups[s.ref].members) {
          Context member;
          member.top = Frame{m.program, 0, kCall};
          run.members.push_back(member);
          run.done.push_back(0);
          run.ready.push_back(static_cast<std::uint32_t>(run.members.size() - 1));
        }
        run.remaining = static_cast<std::uint32_t>(run.members.size());
        c.group = g;
        note_ = fmt::format("{} coroutines start", run.members.size());
        out = sys::Note{sys::Note::Kind::Coroutine, note_};
        return StepResult::Call;
      }
      case Op::Switch: ++f.pc; arg = s.ref; return StepResult::Switch;
      case Op::AwaitIo: ++f.pc; arg = s.value; return StepResult::AwaitIo;
      // Memory steps run their tick first and touch memory as it ends. The kernel asks for
      // a task's next step the moment its burst ends, even when its quantum ends then too and
      // the step will only run after a preemption; touching memory at that ask would let a
      // preempted task's store land before the others' loads, and hide the race.
      case Op::Load:
      case Op::Store:
      case Op::Print:
        if (c.phase == 0) {
          c.phase = 1;
          out = sys::Compute{1};
          return StepResult::Call;
        }
        c.phase = 0;
        ++f.pc;
        if (s.op == Op::Load) {
          ctx.reg = read(ctx, Operand{Operand::Kind::Variable, s.ref, 0});
          continue;
        }
        if (s.op == Op::Store) {
          write(ctx, Operand{Operand::Kind::Variable, s.ref, 0}, ctx.reg);
          continue;
        }
        note_ = fmt::format("{} = {}", w.variables[s.ref].name, read(ctx, Operand{Operand::Kind::Variable, s.ref, 0}));
        out = sys::Note{sys::Note::Kind::Print, note_};
        return StepResult::Call;
      case Op::Add: ++f.pc; ctx.reg += s.value; out = sys::Compute{1}; return StepResult::Call;
      case Op::Lock:
      case Op::RLock: ++f.pc; out = sys::Lock{s.ref, kNever}; return StepResult::Call;
      case Op::Unlock:
      case Op::RUnlock: ++f.pc; out = sys::Unlock{s.ref}; return StepResult::Call;
      case Op::Acquire: ++f.pc; out = sys::Acquire{s.ref, timeout_of(s.value)}; return StepResult::Call;
      case Op::Release: ++f.pc; out = sys::Release{s.ref}; return StepResult::Call;
      case Op::EventSet: ++f.pc; out = sys::EventSet{s.ref}; return StepResult::Call;
      case Op::EventClear: ++f.pc; out = sys::EventClear{s.ref}; return StepResult::Call;
      case Op::EventWait: ++f.pc; out = sys::EventWait{s.ref, timeout_of(s.value)}; return StepResult::Call;
      case Op::Put: {
        ++f.pc;
        const PutSpec& spec = w.puts[s.ref];
        out = sys::Put{spec.queue, read(ctx, spec.item), timeout_of(spec.timeout)};
        return StepResult::Call;
      }
      case Op::Get: {
        const GetSpec& spec = w.gets[s.ref];
        if (c.phase == 0) {
          c.phase = 1;
          out = sys::Get{spec.queue, timeout_of(spec.timeout)};
          return StepResult::Call;
        }
        c.phase = 0;  // the item arrived (or the queue was empty)
        ++f.pc;
        if (last.status == SyscallResult::Status::Ok) write(ctx, spec.into, last.value);
        continue;
      }
      case Op::TaskDone: ++f.pc; out = sys::TaskDone{s.ref}; return StepResult::Call;
      case Op::JoinQueue: ++f.pc; out = sys::JoinQueue{s.ref, timeout_of(s.value)}; return StepResult::Call;
    }
  }
}

// The thread runs a group of coroutines: the current one runs until it switches, awaits
// or ends; the next comes from the ready list (FIFO); if all are waiting on await_io, the
// whole thread waits for the earliest (gevent's hub in epoll). A plain `io` blocks the
// thread with every coroutine in it.
Syscall ScriptEngine::run_coroutines(Cursor& c, const SyscallResult& last) {
  CoroutineRun& g = groups_[c.group];
  const auto& names = workload_.coroutine_groups[g.spec].members;
  auto name_of = [&](std::uint32_t m) -> const std::string& { return workload_.strings[names[m].name]; };
  // Coroutines whose await is over rejoin the ready list, earliest first.
  std::size_t due = 0;
  while (due < g.waiting.size() && g.waiting[due].first <= last.now) g.ready.push_back(g.waiting[due++].second);
  g.waiting.erase(g.waiting.begin(), g.waiting.begin() + static_cast<std::ptrdiff_t>(due));

  for (;;) {
    if (g.current == UINT32_MAX) {
      if (!g.ready.empty()) {
        g.current = g.ready.front();
        g.ready.pop_front();
        note_ = fmt::format("coroutine {} runs", name_of(g.current));
        return sys::Note{sys::Note::Kind::Coroutine, note_};
      }
      if (g.remaining == 0) {  // all finished: the thread's program goes on
        groups_[c.group] = CoroutineRun{};
        free_groups_.push_back(c.group);
        c.group = 0;
        ++c.main.top.pc;
        note_ = "coroutines finished";
        return sys::Note{sys::Note::Kind::Coroutine, note_};
      }
      return sys::Io{g.waiting.front().first - last.now};
    }
    Context& ctx = g.members[g.current];
    Syscall out;
    std::int64_t arg = 0;
    switch (step(c, ctx, last, out, arg)) {
      case StepResult::Call: return out;
      case StepResult::Ended:
        free_context(ctx);
        g.done[g.current] = 1;
        --g.remaining;
        g.current = UINT32_MAX;
        continue;
      case StepResult::AwaitIo: {
        const std::pair<Ticks, std::uint32_t> entry{last.now + arg, g.current};
        g.waiting.insert(std::upper_bound(g.waiting.begin(), g.waiting.end(), entry,
                                          [](const auto& a, const auto& b) { return a.first < b.first; }),
                         entry);
        g.current = UINT32_MAX;
        continue;
      }
      case StepResult::Switch: {
        const std::string& target = workload_.strings[static_cast<std::uint32_t>(arg)];
        std::uint32_t to = UINT32_MAX;
        for (std::uint32_t m = 0; m < names.size(); ++m)
          if (name_of(m) == target) to = m;
        const auto in_ready = std::find(g.ready.begin(), g.ready.end(), to);
        if (to == g.current || in_ready == g.ready.end()) {
          note_ = fmt::format("switch to {} ignored: it is {}", target,
                              to == g.current ? "already running" : (to < g.done.size() && g.done[to]) ? "finished" : "waiting");
          return sys::Note{sys::Note::Kind::Coroutine, note_};
        }
        g.ready.erase(in_ready);
        g.ready.push_back(g.current);
        g.current = to;
        note_ = fmt::format("coroutine {} runs", target);
        return sys::Note{sys::Note::Kind::Coroutine, note_};
      }
    }
  }
}

// ---- looking ahead ----------------------------------------------------------------------

Ticks ScriptEngine::peek_burst(TaskId task) const {
  if (task >= cursors_.size() || !cursors_[task].live) return 0;
  const Cursor& c = cursors_[task];
  if (c.group != 0) {
    const CoroutineRun& g = groups_[c.group];
    return g.current == UINT32_MAX ? 0 : peek_context(c, g.members[g.current]);
  }
  return peek_context(c, c.main);
}

// CPU ticks from here to the next step that may block, yield or end the task.
Ticks ScriptEngine::peek_context(const Cursor& c, const Context& ctx) const {
  const Workload& w = workload_;
  Ticks total = 0;
  Frame f = ctx.top;
  if (c.phase == 1) ++f.pc;  // the current step already issued its CPU; what is left takes none
  static const std::vector<Frame> kNone;
  const std::vector<Frame>& outer = ctx.stack == 0 ? kNone : stacks_[ctx.stack];
  std::size_t depth = outer.size();
  std::vector<Frame> inner;  // frames entered during the walk
  auto resume = [&]() -> bool {
    if (!inner.empty()) {
      f = inner.back();
      inner.pop_back();
      return true;
    }
    if (depth == 0) return false;
    f = outer[--depth];
    return true;
  };
  for (;;) {
    const ProgramRef ref = w.programs[f.program];
    if (f.pc == ref.size) {
      if (f.iterations_left > 0 || f.iterations_left == kForever) {
        const Ticks body = pure_ticks_[f.program];
        if (body >= 0) {  // the remaining iterations at once
          total = saturating_add(total, f.iterations_left == kForever ? kNever : saturating_mul(body, f.iterations_left));
          if (total == kNever || !resume()) return total;
          continue;
        }
        if (f.iterations_left > 0) --f.iterations_left;
        f.pc = 0;
        continue;
      }
      if (!resume()) return total;
      continue;
    }
    const Step& s = w.steps[ref.begin + f.pc++];
    const StraightStep x = straight_step(s, w);
    switch (x.kind) {
      case StraightStep::Kind::Ticks: total = saturating_add(total, x.ticks); break;
      case StraightStep::Kind::MayBlock: return total;
      case StraightStep::Kind::Body: {
        if (s.op == Op::Repeat && s.value == 0) break;
        const Ticks body = pure_ticks_[s.ref];
        if (body >= 0) {
          total = saturating_add(total, s.op == Op::Call ? body : s.value < 0 ? kNever : saturating_mul(body, s.value));
          if (total == kNever) return total;
          break;
        }
        inner.push_back(f);
        f = Frame{s.ref, 0, s.op == Op::Call ? kCall : s.value < 0 ? kForever : s.value - 1};
        break;
      }
    }
  }
}

}  // namespace schedlab::detail

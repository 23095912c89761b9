// Looking ahead: how many CPU ticks a scripted task runs before its next step that may
// block, yield or end it (peek_burst, what Context::task() reports as burst_remaining to
// SJF/SRTF-like policies), and, once per program, its ticks if it runs straight through
// (compute_pure). Both walks sort steps with the one list in straight_step().
#include "script/script_engine.hpp"

namespace schedlab::detail {

namespace {

Ticks saturating_add(Ticks a, Ticks b) { return a > kNever - b ? kNever : a + b; }

Ticks saturating_mul(Ticks a, std::int64_t n) {
  if (a == 0 || n == 0) return 0;
  return a > kNever / n ? kNever : a * n;
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

}  // namespace

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

Ticks ScriptEngine::peek_burst(TaskId task) const {
  if (task >= cursors_.size() || !cursors_[task].live) return 0;
  const Cursor& c = cursors_[task];
  if (c.group != 0) {
    const CoroutineRun& g = groups_[c.group];
    return g.hub.current() == CoroutineHub::kNobody ? 0 : peek_context(c, g.members[g.hub.current()]);
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

#include "script_engine.hpp"

#include <cassert>

namespace schedlab::detail {

namespace {

Ticks saturating_add(Ticks a, Ticks b) { return a > kNever - b ? kNever : a + b; }

Ticks saturating_mul(Ticks a, std::int64_t n) {
  if (a == 0 || n == 0) return 0;
  return a > kNever / n ? kNever : a * n;
}

}  // namespace

bool ScriptEngine::step_is_pure(const Step& s) {
  switch (s.op) {
    case Op::Cpu:
    case Op::Repeat: return true;  // Repeat: pure if its body is (checked separately)
    case Op::Io:
    case Op::Sleep:
    case Op::Yield:
    case Op::Exit: return false;
  }
  return false;
}

ScriptEngine::ScriptEngine(const Workload& workload) : workload_(workload) {
  // Programs only reference programs created before them (the loader appends a body
  // before the step that uses it), so one forward pass settles every loop body first.
  pure_ticks_.assign(workload.programs.size(), 0);
  for (std::uint32_t p = 0; p < workload.programs.size(); ++p) {
    const ProgramRef ref = workload.programs[p];
    Ticks total = 0;
    for (std::uint32_t i = 0; i < ref.size && total >= 0; ++i) {
      const Step& s = workload.steps[ref.begin + i];
      if (!step_is_pure(s)) {
        total = -1;
      } else if (s.op == Op::Cpu) {
        total = saturating_add(total, s.value);
      } else if (s.op == Op::Repeat) {
        assert(s.ref < p && "a repeat body must precede its user");
        const Ticks body = pure_ticks_[s.ref];
        if (body < 0) total = -1;
        else total = saturating_add(total, s.value < 0 ? (body > 0 ? kNever : 0) : saturating_mul(body, s.value));
      }
    }
    pure_ticks_[p] = total;
  }
}

void ScriptEngine::start(TaskId task, std::uint32_t program) {
  if (task >= cursors_.size()) cursors_.resize(task + 1);
  Cursor& c = cursors_[task];
  c.top = Frame{program, 0, 0};
  c.live = true;
}

std::vector<ScriptEngine::Frame>& ScriptEngine::outer_of(Cursor& c) {
  if (c.outer == 0) {
    if (!free_stacks_.empty()) {
      c.outer = free_stacks_.back();
      free_stacks_.pop_back();
    } else {
      c.outer = static_cast<std::uint32_t>(stacks_.size());
      stacks_.emplace_back();
    }
  }
  return stacks_[c.outer];
}

void ScriptEngine::release(TaskId task) {
  if (task >= cursors_.size()) return;
  Cursor& c = cursors_[task];
  c.live = false;
  if (c.outer != 0) {
    stacks_[c.outer].clear();
    free_stacks_.push_back(c.outer);
    c.outer = 0;
  }
}

Syscall ScriptEngine::next(TaskId task, const SyscallResult& /*last*/) {
  Cursor& c = cursors_[task];
  assert(c.live);
  for (;;) {
    Frame& f = c.top;
    const ProgramRef ref = workload_.programs[f.program];
    if (f.pc == ref.size) {
      std::vector<Frame>* outer = c.outer == 0 ? nullptr : &stacks_[c.outer];
      if (outer == nullptr || outer->empty()) return sys::Exit{0, ExitReason::Exited, {}};
      if (f.iterations_left != 0) {  // next iteration of the loop body
        if (f.iterations_left > 0) --f.iterations_left;
        f.pc = 0;
      } else {
        c.top = outer->back();
        outer->pop_back();
      }
      continue;
    }
    const Step& s = workload_.steps[ref.begin + f.pc++];
    switch (s.op) {
      case Op::Cpu: return sys::Compute{s.value};
      case Op::Io: return sys::Io{s.value};
      case Op::Sleep: return sys::Sleep{s.value};
      case Op::Yield: return sys::Yield{};
      case Op::Exit: return sys::Exit{s.value, ExitReason::Exited, {}};
      case Op::Repeat:
        if (s.value == 0) continue;
        outer_of(c).push_back(c.top);
        c.top = Frame{s.ref, 0, s.value < 0 ? -1 : s.value - 1};
        continue;
    }
  }
}

Ticks ScriptEngine::peek_burst(TaskId task) const {
  if (task >= cursors_.size() || !cursors_[task].live) return 0;
  const Cursor& c = cursors_[task];
  // Walk a copy of the cursor, adding CPU ticks until a step that may block or end.
  Ticks total = 0;
  Frame f = c.top;
  static const std::vector<Frame> kNone;
  const std::vector<Frame>& outer = c.outer == 0 ? kNone : stacks_[c.outer];
  std::size_t depth = outer.size();  // frames below `f` still to resume
  std::vector<Frame> inner;             // frames pushed during the walk
  auto resume_outer = [&]() -> bool {
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
    const ProgramRef ref = workload_.programs[f.program];
    if (f.pc == ref.size) {
      const bool in_loop = !inner.empty() || depth > 0;
      if (!in_loop) return total;  // the program ends
      if (f.iterations_left != 0) {
        // The rest of this loop's iterations: pure bodies are added in one step; a body
        // that may block blocks during the next iteration, so walk it once more.
        const Ticks body = pure_ticks_[f.program];
        if (body >= 0) {
          total = saturating_add(total, f.iterations_left < 0 ? (body > 0 ? kNever : 0)
                                                              : saturating_mul(body, f.iterations_left));
          if (total == kNever) return total;
          if (!resume_outer()) return total;
          continue;
        }
        if (f.iterations_left > 0) --f.iterations_left;
        f.pc = 0;
        continue;
      }
      if (!resume_outer()) return total;
      continue;
    }
    const Step& s = workload_.steps[ref.begin + f.pc++];
    if (s.op == Op::Cpu) {
      total = saturating_add(total, s.value);
    } else if (s.op == Op::Repeat) {
      if (s.value == 0) continue;
      const Ticks body = pure_ticks_[s.ref];
      if (body >= 0) {
        total = saturating_add(total, s.value < 0 ? (body > 0 ? kNever : 0) : saturating_mul(body, s.value));
        if (total == kNever) return total;
        continue;
      }
      inner.push_back(f);
      f = Frame{s.ref, 0, s.value < 0 ? -1 : s.value - 1};
    } else if (!step_is_pure(s)) {
      return total;
    }
  }
}

}  // namespace schedlab::detail

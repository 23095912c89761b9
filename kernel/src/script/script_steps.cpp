// Interpreting a program: step() runs a context's steps until one makes a system call,
// the program ends, or (in a coroutine) it switches or awaits. One case per Op; the steps
// that take more than a line (a call in two parts, memory, spawning) have a helper below.
#include "script/script_engine.hpp"

#include <fmt/format.h>

namespace schedlab::detail {

namespace {

std::string_view fault_text(std::int64_t signal) {
  switch (signal) {
    case kSigSegv: return "segmentation fault (SIGSEGV)";
    case kSigFpe: return "division by zero (SIGFPE)";
    case kSigIll: return "illegal instruction (SIGILL)";
    default: return "fault";
  }
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

ScriptEngine::StepResult ScriptEngine::step(Cursor& c, Context& ctx, const SyscallResult& last, Syscall& out,
                                            std::int64_t& arg) {
  const Workload& w = workload_;
  for (;;) {
    Frame& f = ctx.top;
    const ProgramRef ref = w.programs[f.program];
    if (f.pc == ref.size) {
      if (!next_round(ctx)) return StepResult::Ended;
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
        if (holds(ctx, w.conditions[s.ref]) && !break_loop(ctx)) return StepResult::Ended;
        continue;
      case Op::Exit:
      case Op::Fail:
      case Op::Fault: ++f.pc; out = exit_call(s); return StepResult::Call;
      case Op::Fork:
      case Op::Thread: out = spawn_call(c, f, s); return StepResult::Call;
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
      case Op::Coroutines: out = start_coroutines(c, s.ref); return StepResult::Call;  // pc moves when they end
      case Op::Switch: ++f.pc; arg = s.ref; return StepResult::Switch;
      case Op::AwaitIo: ++f.pc; arg = s.value; return StepResult::AwaitIo;
      case Op::Load:
      case Op::Store:
      case Op::Print:
        if (memory_step(c, ctx, s, out)) return StepResult::Call;
        continue;
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
      case Op::Get:
        if (get_step(c, ctx, s, last, out)) return StepResult::Call;
        continue;
      case Op::TaskDone: ++f.pc; out = sys::TaskDone{s.ref}; return StepResult::Call;
      case Op::JoinQueue: ++f.pc; out = sys::JoinQueue{s.ref, timeout_of(s.value)}; return StepResult::Call;
    }
  }
}

bool ScriptEngine::next_round(Context& ctx) {
  Frame& f = ctx.top;
  if (f.iterations_left > 0 || f.iterations_left == kForever) {  // the loop goes round again
    if (f.iterations_left > 0) --f.iterations_left;
    f.pc = 0;
    return true;
  }
  return pop(ctx);
}

bool ScriptEngine::break_loop(Context& ctx) {
  // Leave the innermost loop: drop `if` branches, then the loop's own frame.
  while (ctx.top.iterations_left == kBlock) pop(ctx);
  return ctx.top.iterations_left == kCall || pop(ctx);
}

Syscall ScriptEngine::exit_call(const Step& s) {
  if (s.op == Op::Fail) {
    note_ = workload_.strings[s.ref];
    return sys::Exit{s.value, ExitReason::Error, note_, true};
  }
  if (s.op == Op::Fault) {
    note_ = fault_text(s.value);
    return sys::Exit{-s.value, ExitReason::Fault, note_, true};
  }
  return sys::Exit{s.value, ExitReason::Exited, {}, true};
}

Syscall ScriptEngine::spawn_call(Cursor& c, Frame& f, const Step& s) {
  const bool thread = s.op == Op::Thread;
  const Ticks cost = thread ? workload_.thread_cost : workload_.fork_cost;
  if (c.phase == 0 && cost > 0) {  // creating it takes CPU first
    c.phase = 1;
    return sys::Compute{cost};
  }
  c.phase = 0;
  ++f.pc;
  const SpawnSpec& spec = workload_.spawns[s.ref];
  return sys::Spawn{workload_.strings[spec.name], thread, spec.daemon, this, spec.program};
}

// Memory steps run their tick first and touch memory as it ends. The kernel asks for a
// task's next step the moment its burst ends, even when its quantum ends then too and the
// step will only run after a preemption; touching memory at that ask would let a
// preempted task's store land before the others' loads, and hide the race.
bool ScriptEngine::memory_step(Cursor& c, Context& ctx, const Step& s, Syscall& out) {
  if (c.phase == 0) {
    c.phase = 1;
    out = sys::Compute{1};
    return true;
  }
  c.phase = 0;
  ++ctx.top.pc;
  const Operand variable{Operand::Kind::Variable, s.ref, 0};
  if (s.op == Op::Load) {
    ctx.reg = read(ctx, variable);
    return false;
  }
  if (s.op == Op::Store) {
    write(ctx, variable, ctx.reg);
    return false;
  }
  note_ = fmt::format("{} = {}", workload_.variables[s.ref].name, read(ctx, variable));
  out = sys::Note{sys::Note::Kind::Print, note_};
  return true;
}

bool ScriptEngine::get_step(Cursor& c, Context& ctx, const Step& s, const SyscallResult& last, Syscall& out) {
  const GetSpec& spec = workload_.gets[s.ref];
  if (c.phase == 0) {
    c.phase = 1;
    out = sys::Get{spec.queue, timeout_of(spec.timeout)};
    return true;
  }
  c.phase = 0;  // the item arrived (or the queue was empty)
  ++ctx.top.pc;
  if (last.status == SyscallResult::Status::Ok) write(ctx, spec.into, last.value);
  return false;
}

}  // namespace schedlab::detail

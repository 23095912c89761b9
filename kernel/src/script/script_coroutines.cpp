// A `coroutines:` step: the group's members take turns on the task's thread, scheduled
// by the engine itself with the rules of CoroutineHub (gevent's hub), each running
// through step() until it makes a call, switches, awaits or ends.
#include "script/script_engine.hpp"

#include <utility>

namespace schedlab::detail {

// Start the group of step `spec` (the thread's own program waits at this step until it
// is over): every member ready, in listing order. Answers the note that says so.
Syscall ScriptEngine::start_coroutines(Cursor& c, std::uint32_t spec) {
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
  run.spec = spec;
  for (const CoroutineGroup::Member& m : workload_.coroutine_groups[spec].members) {
    Context member;
    member.top = Frame{m.program, 0, kCall};
    run.members.push_back(member);
  }
  run.hub.start(static_cast<CoroutineHub::Member>(run.members.size()));
  c.group = g;
  return note(CoroutineHub::start_note(run.members.size()));
}

Syscall ScriptEngine::note(std::string text) {
  note_ = std::move(text);
  return sys::Note{sys::Note::Kind::Coroutine, note_};
}

// The thread runs a group of coroutines: the current one runs until it switches, awaits
// or ends, and the hub says who is next (see CoroutineHub for the rules; this loop and
// CoroutineGroupBackend::next in real/ are the two backends that run them). A plain `io`
// blocks the thread with every coroutine in it.
Syscall ScriptEngine::run_coroutines(Cursor& c, const SyscallResult& last) {
  CoroutineRun& g = groups_[c.group];
  CoroutineHub& hub = g.hub;
  const auto& names = workload_.coroutine_groups[g.spec].members;
  auto name_of = [&](std::uint32_t m) -> const std::string& { return workload_.strings[names[m].name]; };
  hub.wake_due(last.now);
  for (;;) {
    if (hub.current() == CoroutineHub::kNobody) {
      if (hub.pick(last.now)) return note(CoroutineHub::runs_note(name_of(hub.current())));
      if (hub.all_ended()) {  // the thread's program goes on
        groups_[c.group] = CoroutineRun{};
        free_groups_.push_back(c.group);
        c.group = 0;
        ++c.main.top.pc;
        return note(CoroutineHub::finished_note());
      }
      return sys::Io{hub.earliest_due() - last.now};  // every member awaits: so does the thread
    }
    Context& ctx = g.members[hub.current()];
    Syscall out;
    std::int64_t arg = 0;
    switch (step(c, ctx, last, out, arg)) {
      case StepResult::Call: return out;
      case StepResult::Ended:
        free_context(ctx);
        hub.end_current();
        continue;
      case StepResult::AwaitIo: hub.await_current(last.now + arg); continue;
      case StepResult::Switch: {
        const std::string& target = workload_.strings[static_cast<std::uint32_t>(arg)];
        std::uint32_t to = CoroutineHub::kNobody;  // (the loader checked that the group has it)
        for (std::uint32_t m = 0; m < names.size(); ++m)
          if (name_of(m) == target) to = m;
        if (const char* why = hub.switch_to(to)) return note(CoroutineHub::ignored_note(target, why));
        return note(CoroutineHub::runs_note(target));
      }
    }
  }
}

}  // namespace schedlab::detail

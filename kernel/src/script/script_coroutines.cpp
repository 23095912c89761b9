// A `coroutines:` step: the group's members take turns on the task's thread, scheduled
// by the engine itself (gevent's hub), one step at a time through step().
#include "script/script_engine.hpp"

#include <algorithm>
#include <fmt/format.h>

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
    run.done.push_back(0);
    run.ready.push_back(static_cast<std::uint32_t>(run.members.size() - 1));
  }
  run.remaining = static_cast<std::uint32_t>(run.members.size());
  c.group = g;
  note_ = fmt::format("{} coroutines start", run.members.size());
  return sys::Note{sys::Note::Kind::Coroutine, note_};
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

}  // namespace schedlab::detail

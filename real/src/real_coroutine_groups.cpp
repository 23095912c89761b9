// CoroutineGroupBackend: coroutines sharing one simulated thread, with a hub that
// schedules them (gevent's hub, greenlet's switch). Mirrors ScriptEngine::run_coroutines
// so that a real group and a scripted `coroutines:` step of the same shape produce the
// same times and the same trace notes.
//
// Every next() of the group's task: the member that made the thread's last call gets the
// answer and runs to its next call. A kernel call is returned as the thread's call (the
// member stays current); a hub call is handled here and the next member runs, each
// change announced by a zero-time Coroutine note ("coroutine NAME runs"), whose answer
// the new member receives as it resumes. No member ready: the thread waits on I/O for
// the earliest await.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include <schedlab/real_backends.hpp>

#include "real_failure.hpp"
#include "real_group_hub.hpp"

namespace schedlab::real {
namespace detail {

namespace {
constexpr std::size_t kNobody = static_cast<std::size_t>(-1);
}

struct GroupMemberSlot {
  GroupMemberSlot(CoroutineBackend& spawns, GroupMember m)
      : name(std::move(m.name)), body(std::move(m.body)), sys(spawns, core) {}

  // Declaration order is destruction order reversed: the frame (root) goes first, while
  // the body whose captures it may reference is still alive.
  std::string name;
  CoroutineBody body;
  CoroutineCore core;
  AsyncSys sys;
  CoTask root;
  bool started = false;
  bool done = false;
};

struct GroupSlot {
  enum class Stage : std::uint8_t { Starting, Running, Finishing };

  std::string name;
  std::vector<std::unique_ptr<GroupMemberSlot>> members;  // stable: each sys points at its core
  std::deque<std::size_t> ready;                          // waiting for their turn, in order
  std::vector<std::pair<Ticks, std::size_t>> waiting;     // await_io: (due, member), by due
  std::size_t current = kNobody;
  std::size_t remaining = 0;  // members not yet ended
  Stage stage = Stage::Starting;
  std::string note;  // text of the last Note (lives until the next call)

  // Awaits that are over rejoin the ready list, earliest first (ties: in await order).
  void wake_due(Ticks now) {
    std::size_t due = 0;
    while (due < waiting.size() && waiting[due].first <= now) ready.push_back(waiting[due++].second);
    waiting.erase(waiting.begin(), waiting.begin() + static_cast<std::ptrdiff_t>(due));
  }
  void await(Ticks due, std::size_t member) {
    const std::pair<Ticks, std::size_t> entry{due, member};
    waiting.insert(std::upper_bound(waiting.begin(), waiting.end(), entry,
                                    [](const auto& a, const auto& b) { return a.first < b.first; }),
                   entry);
  }
  Syscall say(std::string text) {
    note = std::move(text);
    return sys::Note{sys::Note::Kind::Coroutine, note};
  }
};

// Runs `m` until its next call. Answers the exception that ended it, if one did.
std::exception_ptr run_member(GroupMemberSlot& m) {
  if (!m.started) {
    m.started = true;
    try {
      m.root = m.body(m.sys);  // suspended at its start
      m.core.current = m.root.handle();
    } catch (...) {  // the callable threw before it became a coroutine
      return std::current_exception();
    }
  }
  const std::coroutine_handle<> resume = std::exchange(m.core.current, {});
  if (resume) resume.resume();
  if (m.core.current) return nullptr;
  return m.root.handle() ? m.root.handle().promise().error : nullptr;
}

Syscall hub_call_outside_group(CoroutineCore& core) {
  const HubCall hub = std::exchange(core.hub, HubCall::None);
  switch (hub) {
    case HubCall::None:
    case HubCall::AwaitIo: return core.call;  // sys::Io{ticks}
    case HubCall::Switch: core.text = fmt::format("switch to {} ignored: not in a group", core.text); break;
    case HubCall::Pass: core.text = "pass: not in a group"; break;
  }
  return sys::Note{sys::Note::Kind::Coroutine, core.text};
}

}  // namespace detail

CoroutineGroupBackend::CoroutineGroupBackend(CoroutineBackend& spawns) : spawns_(spawns) {}
CoroutineGroupBackend::~CoroutineGroupBackend() = default;

std::uint64_t CoroutineGroupBackend::add(std::string name, std::vector<GroupMember> members) {
  auto g = std::make_unique<detail::GroupSlot>();
  g->name = std::move(name);
  for (GroupMember& m : members) {
    g->ready.push_back(g->members.size());
    g->members.push_back(std::make_unique<detail::GroupMemberSlot>(spawns_, std::move(m)));
  }
  g->remaining = g->members.size();
  slots_.push_back(std::move(g));
  return slots_.size() - 1;
}

void CoroutineGroupBackend::adopt(TaskId task, std::uint64_t token) {
  if (token >= slots_.size()) throw std::invalid_argument("CoroutineGroupBackend: unknown token");
  if (by_task_.size() <= task) by_task_.resize(task + 1, nullptr);
  by_task_[task] = slots_[token].get();
}

Syscall CoroutineGroupBackend::next(TaskId task, const SyscallResult& last) {
  using detail::GroupSlot;
  using detail::HubCall;
  GroupSlot& g = *by_task_[task];  // the kernel only asks for tasks it adopted here
  switch (g.stage) {
    case GroupSlot::Stage::Starting:
      g.stage = GroupSlot::Stage::Running;
      return g.say(fmt::format("{} coroutines start", g.members.size()));
    case GroupSlot::Stage::Finishing: return sys::Exit{0, ExitReason::Exited, {}, false};
    case GroupSlot::Stage::Running: break;
  }
  const Ticks now = last.now;
  g.wake_due(now);
  if (g.current != detail::kNobody) g.members[g.current]->core.result = last;
  for (;;) {
    if (g.current == detail::kNobody) {
      g.wake_due(now);  // an await_io(0) is over at once
      if (!g.ready.empty()) {
        g.current = g.ready.front();
        g.ready.pop_front();
        return g.say(fmt::format("coroutine {} runs", g.members[g.current]->name));
      }
      if (g.remaining == 0) {
        g.stage = GroupSlot::Stage::Finishing;
        return g.say("coroutines finished");
      }
      return sys::Io{g.waiting.front().first - now};  // every member awaits: so does the thread
    }
    detail::GroupMemberSlot& m = *g.members[g.current];
    if (const std::exception_ptr error = detail::run_member(m)) {
      m.core.text = detail::describe_exception(error);
      failures_->push_back(TaskFailure{task, g.name + "/" + m.name, m.core.text});
      return sys::Exit{1, ExitReason::Error, m.core.text, true};
    }
    if (!m.core.current) {  // ended
      m.done = true;
      --g.remaining;
      g.current = detail::kNobody;
      continue;
    }
    switch (std::exchange(m.core.hub, HubCall::None)) {
      case HubCall::None: return m.core.call;  // the thread's call: it may block them all
      case HubCall::AwaitIo:
        g.await(now + std::max<Ticks>(m.core.hub_ticks, 0), g.current);
        g.current = detail::kNobody;
        continue;
      case HubCall::Pass:
        g.ready.push_back(g.current);
        g.current = detail::kNobody;
        continue;
      case HubCall::Switch: {
        const std::string& target = m.core.text;
        std::size_t to = detail::kNobody;
        for (std::size_t i = 0; i < g.members.size(); ++i)
          if (g.members[i]->name == target) to = i;
        const auto in_ready = std::find(g.ready.begin(), g.ready.end(), to);
        if (to == detail::kNobody || to == g.current || in_ready == g.ready.end()) {
          const char* why = to == detail::kNobody ? "not in the group"
                            : to == g.current     ? "already running"
                            : g.members[to]->done ? "finished"
                                                  : "waiting";
          return g.say(fmt::format("switch to {} ignored: it is {}", target, why));
        }
        g.ready.erase(in_ready);
        g.ready.push_back(g.current);
        g.current = to;
        return g.say(fmt::format("coroutine {} runs", target));
      }
    }
  }
}

void CoroutineGroupBackend::release(TaskId task) {
  if (task >= by_task_.size() || by_task_[task] == nullptr) return;
  // Destroying the frames destroys the helpers they were awaiting, on the kernel thread.
  for (const auto& m : by_task_[task]->members) {
    m->root = CoTask{};
    m->core.current = {};
  }
  by_task_[task] = nullptr;
}

}  // namespace schedlab::real

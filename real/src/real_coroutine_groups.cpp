// CoroutineGroupBackend: coroutines sharing one simulated thread, scheduled by the rules
// of CoroutineHub (schedlab/detail/coroutine_hub.hpp), the same rules as a scripted
// `coroutines:` step (ScriptEngine::run_coroutines), so that a real group and a scripted
// one of the same shape produce the same times and the same trace notes.
//
// Every next() of the group's task: the member that made the thread's last call gets the
// answer and runs to its next call. A kernel call is returned as the thread's call (the
// member stays current); a hub call is handled here and the next member runs, each
// change announced by a zero-time Coroutine note ("coroutine NAME runs"), whose answer
// the new member receives as it resumes. No member ready: the thread waits on I/O for
// the earliest await.
#include <fmt/format.h>

#include <algorithm>

#include <schedlab/detail/coroutine_hub.hpp>
#include <schedlab/real_backends.hpp>

#include "real_failure.hpp"
#include "real_group_hub.hpp"
#include "real_task_table.hpp"

namespace schedlab::real {

using Hub = schedlab::detail::CoroutineHub;

namespace detail {

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
};

struct GroupSlot {
  enum class Stage : std::uint8_t { Starting, Running, Finishing };

  std::string name;
  std::vector<std::unique_ptr<GroupMemberSlot>> members;  // stable: each sys points at its core
  Hub hub;                                                // whose turn it is
  Stage stage = Stage::Starting;
  std::string note;  // text of the last Note (lives until the next call)

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
  for (GroupMember& m : members)
    g->members.push_back(std::make_unique<detail::GroupMemberSlot>(spawns_, std::move(m)));
  g->hub.start(static_cast<Hub::Member>(g->members.size()));
  slots_.push_back(std::move(g));
  return slots_.size() - 1;
}

void CoroutineGroupBackend::adopt(TaskId task, std::uint64_t token) {
  detail::adopt_slot(slots_, by_task_, task, token, "CoroutineGroupBackend");
}

Syscall CoroutineGroupBackend::next(TaskId task, const SyscallResult& last) {
  using detail::GroupSlot;
  using detail::HubCall;
  GroupSlot& g = *by_task_[task];  // the kernel only asks for tasks it adopted here
  switch (g.stage) {
    case GroupSlot::Stage::Starting:
      g.stage = GroupSlot::Stage::Running;
      return g.say(Hub::start_note(g.members.size()));
    case GroupSlot::Stage::Finishing: return sys::Exit{0, ExitReason::Exited, {}, false};
    case GroupSlot::Stage::Running: break;
  }
  const Ticks now = last.now;
  Hub& hub = g.hub;
  hub.wake_due(now);
  if (hub.current() != Hub::kNobody) g.members[hub.current()]->core.result = last;
  for (;;) {
    if (hub.current() == Hub::kNobody) {
      if (hub.pick(now)) return g.say(Hub::runs_note(g.members[hub.current()]->name));
      if (hub.all_ended()) {
        g.stage = GroupSlot::Stage::Finishing;
        return g.say(Hub::finished_note());
      }
      return sys::Io{hub.earliest_due() - now};  // every member awaits: so does the thread
    }
    detail::GroupMemberSlot& m = *g.members[hub.current()];
    if (const std::exception_ptr error = detail::run_member(m)) {
      m.core.text = detail::describe_exception(error);
      failures_->push_back(TaskFailure{task, g.name + "/" + m.name, m.core.text});
      return sys::Exit{1, ExitReason::Error, m.core.text, true};
    }
    if (!m.core.current) {  // ended
      hub.end_current();
      continue;
    }
    switch (std::exchange(m.core.hub, HubCall::None)) {
      case HubCall::None: return m.core.call;  // the thread's call: it may block them all
      case HubCall::AwaitIo: hub.await_current(now + std::max<Ticks>(m.core.hub_ticks, 0)); continue;
      case HubCall::Pass: hub.pass_current(); continue;
      case HubCall::Switch: {
        const std::string& target = m.core.text;
        Hub::Member to = Hub::kNobody;
        for (Hub::Member i = 0; i < g.members.size(); ++i)
          if (g.members[i]->name == target) to = i;
        if (const char* why = hub.switch_to(to)) return g.say(Hub::ignored_note(target, why));
        return g.say(Hub::runs_note(target));
      }
    }
  }
}

void CoroutineGroupBackend::release(TaskId task) {
  detail::GroupSlot* g = detail::adopted_slot(by_task_, task);
  if (g == nullptr) return;
  // Destroying the frames destroys the helpers they were awaiting, on the kernel thread.
  for (const auto& m : g->members) {
    m->root = CoTask{};
    m->core.current = {};
  }
  by_task_[task] = nullptr;
}

}  // namespace schedlab::real

// When no task can ever run again: who waits for what, and the cycle if there is one.
//
// The wait-for graph has an edge from a blocked task to the task that could release what
// it waits for: a lock's owner, the thread it joins, the threads of the child it waits
// for. Semaphores, events and queues have no owner: their waiters are listed as stuck.
#include <algorithm>
#include <fmt/format.h>

#include "core/kernel_impl.hpp"

namespace schedlab {

// The task that could end blocked task `t`'s wait, or kNoTask.
TaskId Kernel::Impl::releaser_of(TaskId t) const {
  const detail::Task& x = tasks_[t];
  switch (x.block_cause) {
    case Cause::Lock: return locks_[x.wait_object].owner;
    case Cause::Join: return x.wait_object;
    case Cause::Wait: {
      const Pid self = x.pid;
      for (Pid c = processes_[static_cast<std::size_t>(self)].first_child; c != 0;
           c = processes_[static_cast<std::size_t>(c)].next_sibling) {
        const detail::Process& p = processes_[static_cast<std::size_t>(c)];
        if (p.state != detail::ProcState::Alive || !wait_matches(t, c)) continue;
        for (TaskId u = p.main; u != kNoTask; u = tasks_[u].next_thread)
          if (tasks_[u].state != TaskState::Terminated) return u;
      }
      return kNoTask;
    }
    case Cause::Semaphore:  // no owner: anyone may release, set or fill it
    case Cause::Event:
    case Cause::QueueGet:
    case Cause::QueuePut:
    case Cause::QueueJoin:
    case Cause::Io:  // a device or a timer ends these waits
    case Cause::Sleep:
    case Cause::Arrival:
    case Cause::Spawned:
    case Cause::Dispatch:
    case Cause::Preempted:
    case Cause::QuantumExpired:
    case Cause::Yielded:
    case Cause::IoDone:
    case Cause::SleepDone:
    case Cause::Granted:
    case Cause::TimedOut:
    case Cause::Exited:
    case Cause::Killed:  // not a wait
      return kNoTask;
  }
  return kNoTask;
}

DeadlockReport Kernel::Impl::deadlock_report() {
  auto releaser = [&](TaskId t) { return releaser_of(t); };
  auto describe = [&](TaskId t) {
    DeadlockReport::Wait w;
    w.task = t;
    w.task_name = std::string(name_of(t));
    w.waits_for = object_name(tasks_[t].block_cause, tasks_[t].wait_object);
    w.held_by = releaser(t);
    if (w.held_by != kNoTask) {
      w.held_by_name = std::string(name_of(w.held_by));
      const Cause cause = tasks_[t].block_cause;
      if (cause == Cause::Lock) w.releaser_phrase = " held by " + w.held_by_name;
      else if (cause == Cause::Wait) w.releaser_phrase = " whose task " + w.held_by_name + " is blocked";
    }
    for (const detail::LockObject& l : locks_)
      if (l.owner == t) w.holds.push_back(fmt::format("lock {}", l.name));
    return w;
  };

  DeadlockReport report;
  for (TaskId t = 0; t < tasks_.size(); ++t)
    if (tasks_[t].state == TaskState::Blocked) report.blocked.push_back(describe(t));

  // Follow releaser edges from each blocked task; a task met again on the same path
  // closes a cycle.
  std::vector<std::uint32_t> seen_on(tasks_.size(), UINT32_MAX);
  for (TaskId start = 0; start < tasks_.size() && report.cycle.empty(); ++start) {
    if (tasks_[start].state != TaskState::Blocked || seen_on[start] != UINT32_MAX) continue;
    std::vector<TaskId> path;
    TaskId t = start;
    while (t != kNoTask && tasks_[t].state == TaskState::Blocked && seen_on[t] == UINT32_MAX) {
      seen_on[t] = start;
      path.push_back(t);
      t = releaser(t);
    }
    if (t != kNoTask && seen_on[t] == start) {
      const auto from = std::find(path.begin(), path.end(), t);
      for (auto it = from; it != path.end(); ++it) report.cycle.push_back(describe(*it));
    }
  }

  std::vector<std::string> parts;
  const auto& list = report.cycle.empty() ? report.blocked : report.cycle;
  for (const auto& w : list) {
    parts.push_back(fmt::format("{} waits for {}{}", w.task_name, w.waits_for, w.releaser_phrase));
    if (parts.size() == 8 && list.size() > 8) {
      parts.push_back(fmt::format("... {} more", list.size() - 8));
      break;
    }
  }
  report.summary = report.cycle.empty()
                       ? fmt::format("{} task{} blocked forever: {}", report.blocked.size(),
                                     report.blocked.size() == 1 ? "" : "s", fmt::join(parts, "; "))
                       : fmt::format("cycle: {}", fmt::join(parts, "; "));
  return report;
}

}  // namespace schedlab

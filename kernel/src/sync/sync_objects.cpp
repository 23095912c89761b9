// Locks, semaphores, events and queues: the kernel objects tasks synchronise and talk with.
//
// Every wait queue is FIFO. A released lock or permit is handed straight to the first
// waiter (it cannot be taken in between by a task that did not wait); a queue hands an
// item straight to the first waiting getter. Timeout 0 means "do not wait": the call
// answers at once (TimedOut, Full or Empty). Priority inheritance (protocol: inherit)
// lends a lock owner the best priority of the tasks waiting for it, along chains of locks.
#include <algorithm>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"

namespace schedlab {

namespace {
Ticks deadline(Ticks now, Ticks timeout) { return timeout == kNever ? kNever : now + timeout; }

template <typename Queue>
void remove_from(Queue& q, TaskId id) {
  q.erase(std::remove(q.begin(), q.end(), id), q.end());
}
}  // namespace

void Kernel::Impl::fault(TaskId caller, const std::string& what) {
  instant(InstantKind::Fault, caller, kNoTask, kSigSegv, what);
  kill_process(tasks_[caller].pid, -kSigSegv, ExitReason::Fault, what, caller);
}

// ---- locks ----------------------------------------------------------------------------

void Kernel::Impl::carry_out(TaskId caller, const sys::Lock& call) {
  detail::LockObject& l = object(locks_, call.lock, "lock");
  if (l.owner == kNoTask) {
    l.owner = caller;
    l.depth = 1;
    return;
  }
  if (l.owner == caller && l.reentrant) {
    ++l.depth;
    return;
  }
  // Taken (by another task, or by the caller itself for a plain lock: it waits for
  // itself forever, the simplest deadlock).
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, fmt::format("lock {}", l.name));
  l.waiters.push_back(caller);
  block(caller, Cause::Lock, StopReason::Blocked, deadline(now_, call.timeout), call.lock);
  if (l.inherit) update_inherited_priority(l.owner);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Unlock& call) {
  detail::LockObject& l = object(locks_, call.lock, "lock");
  if (l.owner != caller)
    return fault(caller, l.owner == kNoTask
                             ? fmt::format("unlock of lock {} which is not locked", l.name)
                             : fmt::format("unlock of lock {} held by {}", l.name, name_of(l.owner)));
  if (--l.depth > 0) return;
  l.owner = kNoTask;
  if (!l.waiters.empty()) {  // hand it to the first waiter
    const TaskId next = l.waiters.front();
    l.waiters.pop_front();
    l.owner = next;
    l.depth = 1;
    instantf(InstantKind::Handoff, caller, next, call.lock, "lock {}", l.name);
    grant(next, SyscallResult::Status::Ok, 0, Cause::Granted);
    if (l.inherit) update_inherited_priority(next);
  }
  if (l.inherit) update_inherited_priority(caller);
}

void Kernel::Impl::set_priority(TaskId id, int priority) {
  if (tasks_[id].priority == priority) return;
  tasks_[id].priority = priority;
  policy_->priority_changed(id);
  // A waiter for an inheriting lock passes its new priority on to the owner.
  const detail::Task& t = tasks_[id];
  if (t.state == TaskState::Blocked && t.block_cause == Cause::Lock) {
    const detail::LockObject& l = locks_[t.wait_object];
    if (l.inherit && l.owner != kNoTask && l.owner != id) update_inherited_priority(l.owner);
  }
}

// A task's effective priority: its own, or the best of the tasks waiting for the
// inheriting locks it holds (lower number = more important).
void Kernel::Impl::update_inherited_priority(TaskId id) {
  if (tasks_[id].state == TaskState::Terminated) return;
  int best = spec_of(tasks_[id]).priority;
  for (const detail::LockObject& l : locks_)
    if (l.inherit && l.owner == id)
      for (TaskId w : l.waiters) best = std::min(best, tasks_[w].priority);
  set_priority(id, best);
}

// ---- semaphores and events ------------------------------------------------------------

void Kernel::Impl::carry_out(TaskId caller, const sys::Acquire& call) {
  detail::SemaphoreObject& s = object(semaphores_, call.semaphore, "semaphore");
  if (s.count > 0) {
    --s.count;
    return;
  }
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, fmt::format("acquire {}", s.name));
  s.waiters.push_back(caller);
  block(caller, Cause::Semaphore, StopReason::Blocked, deadline(now_, call.timeout), call.semaphore);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Release& call) {
  detail::SemaphoreObject& s = object(semaphores_, call.semaphore, "semaphore");
  if (s.waiters.empty()) {
    ++s.count;
    return;
  }
  const TaskId next = s.waiters.front();  // the permit goes straight to the first waiter
  s.waiters.pop_front();
  instantf(InstantKind::Handoff, caller, next, call.semaphore, "semaphore {}", s.name);
  grant(next, SyscallResult::Status::Ok, 0, Cause::Granted);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::EventSet& call) {
  detail::EventObject& e = object(events_objects_, call.event, "event");
  e.set = true;
  std::deque<TaskId> waiters;
  waiters.swap(e.waiters);
  for (TaskId w : waiters) {
    instantf(InstantKind::Wakeup, caller, w, call.event, "event {}", e.name);
    grant(w, SyscallResult::Status::Ok, 0, Cause::Granted);
  }
}

void Kernel::Impl::carry_out(TaskId, const sys::EventClear& call) {
  object(events_objects_, call.event, "event").set = false;  // zero time, wakes no one
}

void Kernel::Impl::carry_out(TaskId caller, const sys::EventWait& call) {
  detail::EventObject& e = object(events_objects_, call.event, "event");
  if (e.set) return;
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, fmt::format("event_wait {}", e.name));
  e.waiters.push_back(caller);
  block(caller, Cause::Event, StopReason::Blocked, deadline(now_, call.timeout), call.event);
}

// ---- queues ---------------------------------------------------------------------------

namespace {
void push_item(detail::QueueObject& q, std::int64_t item) {
  if (q.order == QueueOrder::Priority) {
    q.heap.emplace_back(item, q.sequence++);
    std::push_heap(q.heap.begin(), q.heap.end(), std::greater<>());
  } else {
    q.items.push_back(item);
  }
}

std::int64_t take_item(detail::QueueObject& q) {
  std::int64_t item = 0;
  switch (q.order) {
    case QueueOrder::Fifo:
      item = q.items.front();
      q.items.pop_front();
      break;
    case QueueOrder::Lifo:
      item = q.items.back();
      q.items.pop_back();
      break;
    case QueueOrder::Priority:  // smallest first; equal items in the order they came
      std::pop_heap(q.heap.begin(), q.heap.end(), std::greater<>());
      item = q.heap.back().first;
      q.heap.pop_back();
      break;
  }
  return item;
}
}  // namespace

void Kernel::Impl::carry_out(TaskId caller, const sys::Put& call) {
  detail::QueueObject& q = object(queues_, call.queue, "queue");
  const bool full = q.capacity > 0 && static_cast<std::int64_t>(q.size()) >= q.capacity;
  if (!full) {
    ++q.unfinished;
    if (!q.getters.empty()) {  // straight to the first waiting getter
      const TaskId getter = q.getters.front();
      q.getters.pop_front();
      instantf(InstantKind::Wakeup, caller, getter, call.queue, "queue {}", q.name);
      grant(getter, SyscallResult::Status::Ok, call.item, Cause::Granted);
    } else {
      push_item(q, call.item);
    }
    return;
  }
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::Full, fmt::format("put {}", q.name));
  q.putters.emplace_back(caller, call.item);
  block(caller, Cause::QueuePut, StopReason::Blocked, deadline(now_, call.timeout), call.queue);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Get& call) {
  detail::QueueObject& q = object(queues_, call.queue, "queue");
  if (q.size() > 0) {
    const std::int64_t item = take_item(q);
    set_result(caller, SyscallResult::Status::Ok, item);
    if (!q.putters.empty()) {  // room now: the first waiting putter's item goes in
      const auto [putter, pending] = q.putters.front();
      q.putters.pop_front();
      push_item(q, pending);
      ++q.unfinished;
      instantf(InstantKind::Wakeup, caller, putter, call.queue, "queue {}", q.name);
      grant(putter, SyscallResult::Status::Ok, 0, Cause::Granted);
    }
    return;
  }
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::Empty, fmt::format("get {}", q.name));
  q.getters.push_back(caller);
  block(caller, Cause::QueueGet, StopReason::Blocked, deadline(now_, call.timeout), call.queue);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::TaskDone& call) {
  detail::QueueObject& q = object(queues_, call.queue, "queue");
  if (q.unfinished <= 0) return fault(caller, fmt::format("task_done on queue {} called more times than items were put", q.name));
  if (--q.unfinished > 0) return;
  std::deque<TaskId> joiners;
  joiners.swap(q.joiners);
  for (TaskId j : joiners) {
    instantf(InstantKind::Wakeup, caller, j, call.queue, "queue {} done", q.name);
    grant(j, SyscallResult::Status::Ok, 0, Cause::Granted);
  }
}

void Kernel::Impl::carry_out(TaskId caller, const sys::JoinQueue& call) {
  detail::QueueObject& q = object(queues_, call.queue, "queue");
  if (q.unfinished == 0) return;
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, fmt::format("join_queue {}", q.name));
  q.joiners.push_back(caller);
  block(caller, Cause::QueueJoin, StopReason::Blocked, deadline(now_, call.timeout), call.queue);
}

// ---- leaving a wait early (timeout, kill) ---------------------------------------------

void Kernel::Impl::cancel_wait(TaskId id) {
  const detail::Task& t = tasks_[id];
  switch (t.block_cause) {
    case Cause::Lock: {
      detail::LockObject& l = locks_[t.wait_object];
      remove_from(l.waiters, id);
      if (l.inherit && l.owner != kNoTask && l.owner != id) update_inherited_priority(l.owner);
      break;
    }
    case Cause::Semaphore: remove_from(semaphores_[t.wait_object].waiters, id); break;
    case Cause::Event: remove_from(events_objects_[t.wait_object].waiters, id); break;
    case Cause::QueueGet: remove_from(queues_[t.wait_object].getters, id); break;
    case Cause::QueuePut: {
      auto& putters = queues_[t.wait_object].putters;
      putters.erase(std::remove_if(putters.begin(), putters.end(), [&](const auto& p) { return p.first == id; }),
                    putters.end());
      break;
    }
    case Cause::QueueJoin: remove_from(queues_[t.wait_object].joiners, id); break;
    case Cause::Io:  // devices, timers, joins and waits keep no queue
    case Cause::Sleep:
    case Cause::Join:
    case Cause::Wait:
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
      break;
  }
}

std::string Kernel::Impl::object_name(Cause cause, std::uint32_t object) const {
  switch (cause) {
    case Cause::Lock: return fmt::format("lock {}", locks_[object].name);
    case Cause::Semaphore:
      return fmt::format("semaphore {} (count {})", semaphores_[object].name, semaphores_[object].count);
    case Cause::Event: return fmt::format("event {}", events_objects_[object].name);
    case Cause::QueueGet: return fmt::format("an item from queue {} (empty)", queues_[object].name);
    case Cause::QueuePut: return fmt::format("room in queue {} (full)", queues_[object].name);
    case Cause::QueueJoin:
      return fmt::format("queue {} to finish ({} unfinished)", queues_[object].name, queues_[object].unfinished);
    case Cause::Join: return fmt::format("thread {}", name_of(object));
    case Cause::Wait:
      return object == 0 ? std::string("any child") : object == UINT32_MAX ? std::string("its children")
                                                                           : fmt::format("child pid {}", object);
    case Cause::Io:  // (in a deadlock report: a task still waiting for a device or a timer)
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
    case Cause::Killed:
      return std::string(to_string(cause));
  }
  return std::string(to_string(cause));
}

}  // namespace schedlab

// How a task moves through its states, and how its system calls are dispatched.
//
// transition() is the one place a state changes: it rejects illegal moves and closes the
// state left in the task's time accounting (detail::time_in_state), which makes
// cpu_time + ready_time + blocked_time = turnaround hold for every task.
#include <algorithm>
#include <cassert>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"

namespace schedlab {

using detail::Event;
using detail::EventKind;
using detail::EventQueue;
using detail::Phase;

void Kernel::Impl::transition(TaskId id, TaskState to, Cause cause) {
  detail::Task& t = tasks_[id];
  const TaskState from = t.state;
  if (!is_legal_transition(from, to))
    throw InvariantError(fmt::format("illegal transition of task {} ({}) from {} to {} at t={}", id, name_of(id),
                                     to_string(from), to_string(to), now_));
  t.time = detail::time_in_state(t, now_);  // the state it leaves is closed
  t.state = to;
  t.state_since = now_;
  if (!observers_.empty())
    notify([&](KernelObserver& o) { o.on_transition(TransitionRecord{now_, id, from, to, cause}); });
}

void Kernel::Impl::refuse(TaskId id, SyscallResult::Status status, const std::string& what) {
  set_result(id, status);
  if (observers_.empty()) return;
  const char* why = status == SyscallResult::Status::Full       ? "full"
                    : status == SyscallResult::Status::Empty    ? "empty"
                    : status == SyscallResult::Status::TimedOut ? "not available (timeout 0)"
                                                                : "failed";
  instant(InstantKind::CallFailed, id, kNoTask, static_cast<std::int64_t>(status), fmt::format("{}: {}", what, why));
}

void Kernel::Impl::instant(InstantKind kind, TaskId task, TaskId other, std::int64_t value, std::string text) {
  if (observers_.empty()) return;
  const InstantRecord record{now_, kind, task, other, value, std::move(text)};
  notify([&](KernelObserver& o) { o.on_instant(record); });
}

// Charge the running task on `cpu` for the ticks since its progress was last counted.
void Kernel::Impl::bring_up_to_date(CpuId cpu) {
  detail::Cpu& c = cpus_[cpu];
  detail::Task& t = tasks_[c.running];
  if (now_ < c.progress_at) return;  // still switching to it: no progress yet
  const Ticks elapsed = now_ - c.progress_at;
  assert(elapsed <= t.compute_left);
  t.compute_left -= elapsed;
  c.busy += elapsed;
  c.progress_at = now_;
}

// The task is on a CPU with no CPU work left: ask its backend what it does next, and do
// it, until it starts another burst, leaves the CPU or ends.
void Kernel::Impl::continue_task(TaskId id) {
  for (;;) {
    detail::Task& t = tasks_[id];
    assert(t.state == TaskState::Running && t.compute_left == 0);
    const SyscallResult last{t.result_status, t.result_value, now_};
    t.result_status = SyscallResult::Status::Ok;
    t.result_value = 0;
    const Syscall call = backend_of(t)->next(id, last);
    count_event();
    if (!execute(id, call) || tasks_[id].compute_left > 0) return;
  }
}

bool Kernel::Impl::execute(TaskId id, const Syscall& call) {
  // A direct call to the call's carry_out() through std::visit's jump table.
  std::visit([&](const auto& c) { carry_out(id, c); }, call);
  return tasks_[id].state == TaskState::Running;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Compute& call) {
  if (call.ticks > 0) tasks_[caller].compute_left = call.ticks;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Io& call) {
  if (call.ticks > 0) block(caller, Cause::Io, StopReason::BurstDone, now_ + call.ticks);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Sleep& call) {
  if (call.ticks > 0) block(caller, Cause::Sleep, StopReason::BurstDone, now_ + call.ticks);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Yield&) {
  stop_running(caller, StopReason::Yielded);
  make_ready(caller, Cause::Yielded, EnqueueReason::Yielded);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Note& call) {
  switch (call.kind) {
    case sys::Note::Kind::Print:
      output_.push_back(OutputLine{now_, std::string(name_of(caller)), std::string(call.text)});
      instant(InstantKind::Print, caller, kNoTask, 0, std::string(call.text));
      return;
    case sys::Note::Kind::Coroutine: instant(InstantKind::Coroutine, caller, kNoTask, 0, std::string(call.text)); return;
    case sys::Note::Kind::Message: instant(InstantKind::Note, caller, kNoTask, 0, std::string(call.text)); return;
  }
}

void Kernel::Impl::stop_running(TaskId id, StopReason reason) {
  detail::Task& t = tasks_[id];
  assert(t.state == TaskState::Running && t.cpu != kNoCpu);
  const CpuId cpu = t.cpu;
  bring_up_to_date(cpu);
  detail::Cpu& c = cpus_[cpu];
  assert(c.running == id);
  // A slice cut short during its context switch only switched for part of it.
  const Ticks switched = std::min(c.switch_ticks, now_ - c.slice_start);
  if (!c.started) {  // stopped during its context switch: it starts and stops at once
    c.started = true;
    policy_->running(id, cpu);
  }
  if (switched != 0) {  // (no context-switch cost, the default: nothing to add, and no
                        // 16-byte load of busy+switching right after bring_up_to_date's
                        // 8-byte store to busy: a store-forwarding stall, a quarter of a switch)
    c.busy += switched;
    c.switching += switched;
    t.switch_time += switched;
  }
  c.running = kNoTask;
  c.preempt_requested = false;
  ++c.epoch;  // its pending CpuStop event is stale now
  t.cpu = kNoCpu;
  const SliceRecord slice{id, cpu, c.slice_start, now_, reason, switched};
  if (!observers_.empty()) notify([&](KernelObserver& o) { o.on_slice(slice); });
  policy_->stopping(id, cpu, now_ - c.slice_start - switched, reason);  // ticks it really ran
}

void Kernel::Impl::make_ready(TaskId id, Cause cause, EnqueueReason reason) {
  detail::Task& t = tasks_[id];
  if (t.in_policy) throw PolicyError(fmt::format("task {} ({}) enqueued twice", id, name_of(id)));
  transition(id, TaskState::Ready, cause);
  t.in_policy = true;
  policy_->enqueue(id, reason);
}

void Kernel::Impl::block(TaskId id, Cause cause, StopReason reason, Ticks wake_at, std::uint32_t object) {
  stop_running(id, reason);
  detail::Task& t = tasks_[id];
  t.block_cause = cause;
  t.wait_object = object;
  transition(id, TaskState::Blocked, cause);
  ++t.wake_epoch;
  if (is_sync_wait(cause) && !observers_.empty())
    instant(InstantKind::Waits, id, releaser_of(id), object, object_name(cause, object));
  if (wake_at != kNever)
    events_.push(Event{wake_at, EventQueue::make_key(Phase::Wake, sequence_++), id, t.wake_epoch, EventKind::Wake});
}

void Kernel::Impl::wake(TaskId id) {
  detail::Task& t = tasks_[id];
  assert(t.state == TaskState::Blocked);
  switch (t.block_cause) {
    case Cause::Io: grant(id, SyscallResult::Status::Ok, 0, Cause::IoDone); return;
    case Cause::Sleep: grant(id, SyscallResult::Status::Ok, 0, Cause::SleepDone); return;
    case Cause::Lock:  // a timeout on a wait for an object or another task
    case Cause::Semaphore:
    case Cause::Event:
    case Cause::QueueGet:
    case Cause::QueuePut:
    case Cause::QueueJoin:
    case Cause::Join:
    case Cause::Wait:
      cancel_wait(id);
      grant(id, SyscallResult::Status::TimedOut, 0, Cause::TimedOut);
      return;
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
    case Cause::Killed:  // not why a task blocks: block() is only ever given a wait
      throw InvariantError(fmt::format("task {} ({}) woke from a wait for {}, which is not a wait", id, name_of(id),
                                       to_string(t.block_cause)));
  }
}

void Kernel::Impl::grant(TaskId id, SyscallResult::Status status, std::int64_t value, Cause cause) {
  detail::Task& t = tasks_[id];
  assert(t.state == TaskState::Blocked);
  ++t.wake_epoch;  // its timeout, if any, is stale now
  set_result(id, status, value);
  make_ready(id, cause, EnqueueReason::Wakeup);
}

// End one task (not its process: see process_lifecycle.cpp for that bookkeeping).
void Kernel::Impl::terminate_task(TaskId id, std::int64_t code, ExitReason reason, std::string_view message) {
  detail::Task& t = tasks_[id];
  const bool by_itself = reason != ExitReason::Killed;
  switch (t.state) {
    case TaskState::Running: stop_running(id, by_itself ? StopReason::Exited : StopReason::Killed); break;
    case TaskState::Ready:
      if (t.in_policy) {
        t.in_policy = false;
        policy_->dequeue(id);
      }
      break;
    case TaskState::Blocked:
      cancel_wait(id);
      ++t.wake_epoch;
      break;
    case TaskState::New: ++t.wake_epoch; break;
    case TaskState::Terminated: return;
  }
  transition(id, TaskState::Terminated, by_itself ? Cause::Exited : Cause::Killed);
  detail::Task& u = tasks_[id];
  u.exit_code = static_cast<std::int32_t>(code);
  u.exit_reason = reason;
  u.compute_left = 0;
  --live_tasks_;
  instant(InstantKind::Exit, id, kNoTask, code, message.empty() ? std::string(to_string(reason)) : std::string(message));
  policy_->task_dead(id);
  backend_of(u)->release(id);
}

}  // namespace schedlab

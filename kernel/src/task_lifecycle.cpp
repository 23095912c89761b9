// How a task moves through its states, and how its system calls are carried out.
//
// transition() is the one place a state changes: it rejects illegal moves and does the
// time accounting (ticks Ready, Running, Blocked) that makes
// cpu_time + ready_time + blocked_time = turnaround hold for every task.
#include <cassert>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "kernel_impl.hpp"

namespace schedlab {

using detail::Event;
using detail::EventKind;
using detail::EventQueue;
using detail::Phase;

namespace {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace

void Kernel::Impl::transition(TaskId id, TaskState to, Cause cause) {
  detail::Task& t = tasks_[id];
  const TaskState from = t.state;
  if (!is_legal_transition(from, to))
    throw InvariantError(fmt::format("illegal transition of task {} ({}) from {} to {} at t={}", id, name_of(id),
                                     to_string(from), to_string(to), now_));
  const Ticks spent = now_ - t.state_since;
  switch (from) {
    case TaskState::New: break;  // not yet arrived: counts towards nothing
    case TaskState::Ready: t.ready_time += spent; break;
    case TaskState::Running: t.cpu_time += spent; break;
    case TaskState::Blocked:
      t.blocked_time += spent;
      if (t.block_cause == Cause::Io) t.io_time += spent;
      break;
    case TaskState::Terminated: break;  // unreachable: rejected above
  }
  t.state = to;
  t.state_since = now_;
  if (!observers_.empty())
    notify([&](KernelObserver& o) { o.on_transition(TransitionRecord{now_, id, from, to, cause}); });
}

// Charge the running task on `cpu` for the ticks since its progress was last counted.
void Kernel::Impl::bring_up_to_date(CpuId cpu) {
  detail::Cpu& c = cpus_[cpu];
  detail::Task& t = tasks_[c.running];
  const Ticks elapsed = now_ - c.progress_at;
  assert(elapsed >= 0 && elapsed <= t.compute_left);
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
    const SyscallResult last{t.result_status, t.result_value};
    t.result_status = SyscallResult::Status::Ok;
    t.result_value = 0;
    Syscall call = backend_of(t)->next(id, last);
    count_event();
    const bool keeps_cpu = std::visit(
        Overloaded{
            [&](const sys::Compute& c) {
              if (c.ticks <= 0) return true;  // nothing to burn: ask again
              tasks_[id].compute_left = c.ticks;
              return false;
            },
            [&](const sys::Io& c) {
              if (c.ticks <= 0) return true;
              block(id, Cause::Io, StopReason::BurstDone, now_ + c.ticks);
              return false;
            },
            [&](const sys::Sleep& c) {
              if (c.ticks <= 0) return true;
              block(id, Cause::Sleep, StopReason::BurstDone, now_ + c.ticks);
              return false;
            },
            [&](const sys::Yield&) {
              stop_running(id, StopReason::Yielded);
              make_ready(id, Cause::Yielded, EnqueueReason::Yielded);
              return false;
            },
            [&](const sys::Exit& c) {
              terminate(id, c.code, c.reason, std::string(c.message));
              return false;
            },
            [&](const auto&) -> bool {
              throw std::logic_error("system call not supported yet");
            },
        },
        call);
    if (!keeps_cpu) return;
  }
}

void Kernel::Impl::stop_running(TaskId id, StopReason reason) {
  detail::Task& t = tasks_[id];
  assert(t.state == TaskState::Running && t.cpu != kNoCpu);
  const CpuId cpu = t.cpu;
  bring_up_to_date(cpu);
  detail::Cpu& c = cpus_[cpu];
  assert(c.running == id);
  c.running = kNoTask;
  c.preempt_requested = false;
  ++c.epoch;  // its pending CpuStop event is stale now
  t.cpu = kNoCpu;
  const SliceRecord slice{id, cpu, c.slice_start, now_, reason};
  if (!observers_.empty()) notify([&](KernelObserver& o) { o.on_slice(slice); });
  policy_->stopping(id, cpu, now_ - c.slice_start, reason);
}

void Kernel::Impl::make_ready(TaskId id, Cause cause, EnqueueReason reason) {
  detail::Task& t = tasks_[id];
  if (t.in_policy) throw PolicyError(fmt::format("task {} ({}) enqueued twice", id, name_of(id)));
  transition(id, TaskState::Ready, cause);
  t.in_policy = true;
  policy_->enqueue(id, reason);
}

void Kernel::Impl::block(TaskId id, Cause cause, StopReason reason, Ticks wake_at) {
  stop_running(id, reason);
  detail::Task& t = tasks_[id];
  t.block_cause = cause;
  transition(id, TaskState::Blocked, cause);
  ++t.wake_epoch;
  if (wake_at != kNever)
    events_.push(Event{wake_at, EventQueue::make_key(Phase::Wake, sequence_++), id, t.wake_epoch, EventKind::Wake});
}

void Kernel::Impl::wake(TaskId id) {
  detail::Task& t = tasks_[id];
  assert(t.state == TaskState::Blocked);
  ++t.wake_epoch;
  const Cause cause = t.block_cause == Cause::Sleep ? Cause::SleepDone : Cause::IoDone;
  make_ready(id, cause, EnqueueReason::Wakeup);
}

void Kernel::Impl::terminate(TaskId id, std::int64_t code, ExitReason reason, const std::string& message) {
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
    case TaskState::New:
    case TaskState::Blocked: ++t.wake_epoch; break;
    case TaskState::Terminated: return;
  }
  transition(id, TaskState::Terminated, by_itself ? Cause::Exited : Cause::Killed);
  t.exit_code = static_cast<std::int32_t>(code);
  t.exit_reason = reason;
  t.compute_left = 0;
  --live_tasks_;
  if (!observers_.empty())
    notify([&](KernelObserver& o) {
      o.on_instant(InstantRecord{now_, InstantKind::Exit, id, kNoTask, code,
                                 message.empty() ? std::string(to_string(reason)) : message});
    });
  policy_->task_dead(id);
  backend_of(t)->release(id);
}

}  // namespace schedlab

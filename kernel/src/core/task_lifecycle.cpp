// How a task moves through its states, in the order of the state diagram:
//
//   New --arrival, spawn--> Ready --dispatch--> Running --slice over, preempted, yield--> Ready
//                                               Running --io, sleep, a wait--> Blocked
//                                               Blocked --done, granted, timed out--> Ready
//   New, Ready, Running, Blocked --exit, kill--> Terminated
//
// transition() is the one place a state changes: it rejects illegal moves and closes the
// state left in the task's time accounting (detail::time_in_state), which makes
// cpu_time + ready_time + blocked_time = turnaround hold for every task. The event loop
// (kernel.cpp) and the system calls (syscalls.cpp, process/, sync/) move tasks only
// through the functions below.
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

// ---- New -> Ready (and every other arrow into Ready) -----------------------------------

// Arrival (kernel.cpp), spawn (process_lifecycle.cpp), and the arrows from Running and
// Blocked below: the task joins the policy's queues.
void Kernel::Impl::make_ready(TaskId id, Cause cause, EnqueueReason reason) {
  detail::Task& t = tasks_[id];
  if (t.in_policy) throw PolicyError(fmt::format("task {} ({}) enqueued twice", id, name_of(id)));
  transition(id, TaskState::Ready, cause);
  t.in_policy = true;
  policy_->enqueue(id, reason);
}

// ---- Ready -> Running ------------------------------------------------------------------

// The policy picked `d.task` for idle `cpu`: checked, switched to (at the context-switch
// cost), and started; with no CPU work pending, its next calls are carried out at once.
void Kernel::Impl::run_on(CpuId cpu, const Dispatch& d) {
  if (d.task >= tasks_.size())
    throw PolicyError(fmt::format("policy picked task {} which does not exist", d.task));
  detail::Task& t = tasks_[d.task];
  if (t.state != TaskState::Ready || !t.in_policy)
    throw PolicyError(fmt::format("policy picked task {} ({}) which is {}, not ready", d.task, name_of(d.task),
                                  to_string(t.state)));
  if (!allowed_on(d.task, cpu))
    throw PolicyError(fmt::format("policy picked task {} ({}) for CPU {}, outside its affinity", d.task,
                                  name_of(d.task), cpu));
  if (d.slice <= 0) throw PolicyError(fmt::format("policy gave task {} a slice of {} ticks", d.task, d.slice));
  count_event();
  t.in_policy = false;
  detail::Cpu& c = cpus_[cpu];
  Ticks cost = 0;
  if (c.last != kNoTask && c.last != d.task) {
    ++context_switches_;
    const bool same_process = tasks_[c.last].pid == t.pid;
    cost = same_process ? (config_.thread_switch_cost >= 0 ? config_.thread_switch_cost : config_.switch_cost / 2)
                        : config_.switch_cost;
  }
  c.last = d.task;
  c.running = d.task;
  c.slice_start = now_;
  c.switch_ticks = cost;
  c.progress_at = now_ + cost;  // the task starts once the switch is done
  c.slice_end = d.slice > kNever - c.progress_at ? kNever : c.progress_at + d.slice;
  const std::uint32_t job = job_of(d.task);
  if (t.last_cpu != kNoCpu && t.last_cpu != cpu) {
    ++migrations_;
    if (job != UINT32_MAX) ++rt_jobs_[job].migrations;
  }
  if (job != UINT32_MAX && rt_jobs_[job].start < 0) rt_jobs_[job].start = now_;
  t.cpu = t.last_cpu = cpu;
  if (t.first_run < 0) t.first_run = now_;
  transition(d.task, TaskState::Running, Cause::Dispatch);
  notify([&](KernelObserver& o) { o.on_dispatch(now_, d.task, cpu); });
  // With a context-switch cost the task starts when the switch is done: the policy hears
  // running() then (the CPU event at progress_at), and its quantum counts from there.
  c.started = cost == 0;
  if (c.started) {
    policy_->running(d.task, cpu);
    if (tasks_[d.task].compute_left == 0) continue_task(d.task);
  }
  if (c.running == d.task) schedule_cpu_stop(cpu);
}

// ---- Running -> off its CPU (to Ready, Blocked or Terminated) --------------------------

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

// Take running task `id` off its CPU: its slice is recorded and the policy hears
// stopping(). The caller moves it on (Ready, Blocked or Terminated).
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

// ---- Running -> Ready ------------------------------------------------------------------

// Its slice ran out (the CPU's timer, kernel.cpp).
void Kernel::Impl::requeue_expired(TaskId id) {
  stop_running(id, StopReason::QuantumExpired);
  make_ready(id, Cause::QuantumExpired, EnqueueReason::QuantumExpired);
}

// The policy asked for its CPU (Context::preempt, carried out in dispatch()).
void Kernel::Impl::requeue_preempted(TaskId id) {
  const CpuId cpu = tasks_[id].cpu;
  stop_running(id, StopReason::Preempted);
  if (const std::uint32_t job = job_of(id); job != UINT32_MAX) ++rt_jobs_[job].preemptions;
  instant(InstantKind::Preempt, id, kNoTask, cpu);
  make_ready(id, Cause::Preempted, EnqueueReason::Preempted);
}

// It gave up its CPU (sys::Yield).
void Kernel::Impl::requeue_yielded(TaskId id) {
  stop_running(id, StopReason::Yielded);
  make_ready(id, Cause::Yielded, EnqueueReason::Yielded);
}

// ---- Running -> Blocked ----------------------------------------------------------------

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

// ---- Blocked -> Ready ------------------------------------------------------------------

// A wake-up timer fired: the I/O or the sleep is over, or the wait timed out.
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

// ---- -> Terminated ---------------------------------------------------------------------

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
  instant(InstantKind::Exit, id, kNoTask, code, message.empty() ? to_string(reason) : message);
  policy_->task_dead(id);
  backend_of(u)->release(id);
}

}  // namespace schedlab

// The event loop: the part of the kernel that reads like the textbook diagram.
//
// Contract of one instant t (the same-instant rules of docs/policies.md):
//   1. CPU events at t, by CPU id: a burst ends (the task's program goes on: it may block,
//      exit or start another burst) or a slice ends (the task is stopped and re-enqueued
//      with QuantumExpired, so it queues ahead of anything arriving at t);
//   2. policy timers at t, in the order they were asked for;
//   3. arrivals at t, in listing order;
//   4. wake-ups at t (I/O done, sleep over), in the order the waits began;
//   5. dispatch: preemptions the policy asked for, then every idle CPU, lowest id first,
//      asks the policy for work, then the policy may preempt in balance(); repeated
//      until nothing changes.
// Then the clock jumps to the next event. Nothing is done for ticks where nothing happens.
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

// The clock stops here: every duration in a file is at most 10^15 ticks, so every time the
// kernel computes from a time below this (now + a burst, an I/O, a timeout) fits in Ticks.
constexpr Ticks kClockLimit = 4'000'000'000'000'000'000;

// The loop, under the contract at the top of this file.
RunResult Kernel::Impl::run() {
  start_run();
  RunStatus status = RunStatus::Completed;
  std::string why;  // a limit that stopped the run
  try {
    for (;;) {
      const Ticks t = next_event_time();
      if (t == kNever) break;
      if (past_limit(t, why)) {
        status = RunStatus::LimitReached;
        break;
      }
      assert(t >= now_ && "time never goes back");
      now_ = t;
      // 1 + 2: CPU events and policy timers at t.
      while (!events_.empty() && events_.top().time == t && events_.top().phase() < Phase::Wake)
        handle(events_.pop());
      // 3: arrivals at t.
      admit_arrivals(t);
      // 4: wake-ups at t (and anything else still due at t).
      while (!events_.empty() && events_.top().time == t) handle(events_.pop());
      // 5: hand out the CPUs.
      dispatch();
    }
  } catch (const detail::LimitHit& hit) {  // --max-events, from deep inside an instant
    status = RunStatus::LimitReached;
    why = hit.what;
  }
  return finish_run(status, std::move(why));
}

// The next event, at `t`, lies past --until or the clock limit: the clock stops there.
bool Kernel::Impl::past_limit(Ticks t, std::string& why) {
  if (t > config_.until) {
    now_ = config_.until;
    why = fmt::format("time limit reached (--until {})", config_.until);
    return true;
  }
  if (t > kClockLimit) {  // e.g. repeat 10^18 times {cpu: 10^15}: stop before the clock overflows
    now_ = kClockLimit;
    why = fmt::format("clock limit reached ({} ticks, where a tick counter would soon overflow)", kClockLimit);
    return true;
  }
  return false;
}

// The verdict. Out of events with tasks left: a deadlock, unless the policy left some of
// them ready (its bug: PolicyError). Then the results, which every observer hears.
RunResult Kernel::Impl::finish_run(RunStatus status, std::string why) {
  std::optional<DeadlockReport> deadlock;
  if (status == RunStatus::Completed && live_tasks_ > 0) {
    std::size_t ready = 0;
    for (const auto& t : tasks_) ready += t.state == TaskState::Ready;
    if (ready > 0)
      throw PolicyError(fmt::format("policy left {} ready task{} unscheduled while CPUs were idle",
                                    ready, ready == 1 ? "" : "s"));
    status = RunStatus::Deadlock;
    deadlock = deadlock_report();
    why = deadlock->summary;
    instant(InstantKind::Deadlock, deadlock->cycle.empty() ? kNoTask : deadlock->cycle.front().task, kNoTask, 0,
            why);
  }
  RunResult result = collect_result(status, std::move(why));
  result.deadlock = std::move(deadlock);
  notify([&](KernelObserver& o) { o.on_finish(result); });
  return result;
}

Ticks Kernel::Impl::next_event_time() {
  // Skip processes killed before they arrived (daemons of a finished run).
  while (next_arrival_ < arrivals_.size() && tasks_[arrivals_[next_arrival_]].state != TaskState::New) ++next_arrival_;
  Ticks t = kNever;
  // Timers of the policy alone never keep a run alive: only look at them while some task
  // is still to come or running.
  if (!events_.empty() && (live_tasks_ > 0 || releases_ahead_ > 0)) t = events_.top().time;
  if (next_arrival_ < arrivals_.size()) t = std::min(t, tasks_[arrivals_[next_arrival_]].arrival);
  return t;
}

void Kernel::Impl::count_event() {
  // The event that would be one too many is not counted: a run stopped by --max-events N
  // reports N events.
  if (events_processed_ >= config_.max_events)
    throw detail::LimitHit{fmt::format("event limit reached (--max-events {})", config_.max_events)};
  ++events_processed_;
}

void Kernel::Impl::handle(const Event& e) {
  switch (e.kind) {
    case EventKind::CpuStop:
      if (e.epoch != cpus_[e.target].epoch || cpus_[e.target].running == kNoTask) return;
      count_event();
      cpu_stop(e.target);
      return;
    case EventKind::PolicyTimer:
      count_event();
      policy_->timer();
      return;
    case EventKind::Wake: {
      const detail::Task& t = tasks_[e.target];
      if (t.state != TaskState::Blocked || t.wake_epoch != e.epoch) return;
      count_event();
      wake(e.target);
      return;
    }
    case EventKind::Release: release_job(e.target); return;
    case EventKind::Deadline: job_deadline(e.target); return;
  }
}

void Kernel::Impl::admit_arrivals(Ticks t) {
  while (next_arrival_ < arrivals_.size() && tasks_[arrivals_[next_arrival_]].arrival == t) {
    const TaskId id = arrivals_[next_arrival_++];
    if (tasks_[id].state != TaskState::New) continue;  // killed before it arrived (a daemon)
    count_event();
    make_ready(id, Cause::Arrival, EnqueueReason::Arrival);
  }
}

// A CPU's timer fired: its task finished a burst, or its slice is over, or both.
void Kernel::Impl::cpu_stop(CpuId cpu) {
  bring_up_to_date(cpu);
  const TaskId id = cpus_[cpu].running;
  if (!cpus_[cpu].started) {  // the context switch is over: the task starts now
    cpus_[cpu].started = true;
    policy_->running(id, cpu);
    if (tasks_[id].compute_left == 0) continue_task(id);
    if (cpus_[cpu].running == id) schedule_cpu_stop(cpu);
    return;
  }
  if (tasks_[id].compute_left == 0) continue_task(id);  // may block, exit or compute on
  if (cpus_[cpu].running != id) return;                  // it left the CPU
  if (now_ >= cpus_[cpu].slice_end) {
    requeue_expired(id);
  } else {
    schedule_cpu_stop(cpu);
  }
}

void Kernel::Impl::schedule_cpu_stop(CpuId cpu) {
  detail::Cpu& c = cpus_[cpu];
  const detail::Task& t = tasks_[c.running];
  const Ticks burst_end = t.compute_left > kNever - c.progress_at ? kNever : c.progress_at + t.compute_left;
  const Ticks at = c.started ? std::min(burst_end, c.slice_end) : c.progress_at;
  events_.push(Event{at, EventQueue::make_key(Phase::Cpu, cpu), cpu, ++c.epoch, EventKind::CpuStop});
}

void Kernel::Impl::dispatch() {
  for (;;) {
    if (!preempt_requests_.empty()) {
      std::vector<CpuId> requests;
      requests.swap(preempt_requests_);
      std::sort(requests.begin(), requests.end());
      for (CpuId cpu : requests) {
        cpus_[cpu].preempt_requested = false;
        const TaskId id = cpus_[cpu].running;
        if (id != kNoTask) requeue_preempted(id);
      }
    }
    // Hand out idle CPUs, lowest id first, until every CPU is busy or nothing can run.
    // A task may leave its CPU at once (zero-time block or exit): go round again.
    for (bool handed_out = true; handed_out;) {
      handed_out = false;
      for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
        if (cpus_[cpu].running != kNoTask) continue;
        if (!policy_->has_ready()) break;
        std::optional<Dispatch> d = policy_->pick_next(cpu);
        if (!d) continue;
        run_on(cpu, *d);
        handed_out = true;
      }
    }
    if (preempt_requests_.empty() && policy_->has_ready()) policy_->balance();
    if (preempt_requests_.empty()) return;
  }
}


}  // namespace schedlab

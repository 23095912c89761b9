// The Context a policy sees: what it may ask of the kernel (a task's figures, who runs
// where, affinities) and what it may request (a preemption, a slice, a timer, a level).
#include <algorithm>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"

namespace schedlab {

using detail::Event;
using detail::EventKind;
using detail::EventQueue;
using detail::Phase;

TaskInfo Kernel::Impl::task(TaskId id) const {
  const detail::Task& t = tasks_.at(id);
  const ProcessSpec& spec = spec_of(t);
  TaskInfo info;
  info.id = id;
  info.pid = t.pid;
  info.name = spec.name;
  info.arrival = t.arrival;
  info.priority = t.priority;
  info.base_priority = spec.priority;
  info.tickets = spec.tickets;
  info.nice = spec.nice;
  info.state = t.state;
  info.cpu_time = detail::time_in_state(t, now_).running;
  Ticks compute_left = t.compute_left;
  if (t.state == TaskState::Running && t.cpu != kNoCpu) {
    // Lazily accounted: the part of this slice not yet charged. While the policy hears
    // stopping() the task is off its CPU (cpu = none) but still Running, and already
    // brought up to date.
    const detail::Cpu& c = cpus_[t.cpu];
    compute_left -= std::max<Ticks>(0, now_ - c.progress_at);
  }
  const Ticks rest = backend_of(t)->peek_burst(id);
  info.burst_remaining = rest < 0 ? -1 : (rest > kNever - compute_left ? kNever : compute_left + rest);
  return info;
}

TaskId Kernel::Impl::running_on(CpuId cpu) const {
  return cpu < cpus_.size() ? cpus_[cpu].running : kNoTask;
}

bool Kernel::Impl::allowed_on(TaskId id, CpuId cpu) const {
  if (!any_affinity_) return true;
  const std::uint32_t affinity = tasks_.at(id).affinity;
  if (affinity == 0) return true;
  const std::vector<CpuId>& set = affinities_[affinity];
  return set.empty() || std::binary_search(set.begin(), set.end(), cpu);
}

void Kernel::Impl::preempt(CpuId cpu) {
  if (cpu >= cpus_.size()) throw PolicyError(fmt::format("policy asked to preempt CPU {} of {}", cpu, cpus_.size()));
  if (cpus_[cpu].running == kNoTask || cpus_[cpu].preempt_requested) return;
  cpus_[cpu].preempt_requested = true;
  preempt_requests_.push_back(cpu);
}

void Kernel::Impl::set_slice(CpuId cpu, Ticks slice) {
  if (cpu >= cpus_.size() || cpus_[cpu].running == kNoTask) return;
  if (slice <= 0) throw PolicyError(fmt::format("policy set a slice of {} ticks (must be > 0)", slice));
  const Ticks from = std::max(now_, cpus_[cpu].progress_at);  // a slice starts after any switch
  cpus_[cpu].slice_end = slice > kNever - from ? kNever : from + slice;
  schedule_cpu_stop(cpu);
}

void Kernel::Impl::set_timer(Ticks at) {
  if (at < now_) throw PolicyError(fmt::format("policy set a timer in the past ({} < now {})", at, now_));
  events_.push(Event{at, EventQueue::make_key(Phase::Policy, sequence_++), 0, 0, EventKind::PolicyTimer});
}

void Kernel::Impl::set_level(TaskId id, int level) {
  if (observers_.empty()) return;
  notify([&](KernelObserver& o) {
    o.on_instant(InstantRecord{now_, InstantKind::Level, id, kNoTask, level, {}});
  });
}

}  // namespace schedlab

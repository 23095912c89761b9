// Turning the process table into the run's metrics (definitions in run_result.hpp).
#include <algorithm>

#include "kernel_impl.hpp"

namespace schedlab {

RunResult Kernel::Impl::collect_result(RunStatus status, std::string detail) {
  RunResult r;
  r.workload = workload_ != nullptr ? workload_->name : std::string();
  r.policy = policy_name_;
  r.cpus = static_cast<CpuId>(cpus_.size());
  r.status = status;
  r.status_detail = std::move(detail);
  r.end_time = now_;
  r.context_switches = context_switches_;
  r.migrations = migrations_;
  r.events = events_processed_;

  // Bring running tasks' CPU counters up to the end (a run stopped by a limit).
  for (CpuId c = 0; c < cpus_.size(); ++c)
    if (cpus_[c].running != kNoTask) bring_up_to_date(c);
  r.cpu_busy.reserve(cpus_.size());
  Ticks busy = 0;
  for (const detail::Cpu& c : cpus_) {
    r.cpu_busy.push_back(c.busy);
    busy += c.busy;
  }

  r.processes.reserve(tasks_.size());
  Ticks first_arrival = kNever, last_completion = 0;
  std::size_t finished = 0;
  double sum_turnaround = 0, sum_response = 0, sum_waiting = 0;
  double share_sum = 0, share_sq_sum = 0;
  std::size_t sharing = 0;
  for (const detail::Task& t : tasks_) {
    const ProcessSpec& spec = spec_of(t);
    ProcessMetrics& p = r.processes.emplace_back();
    p.pid = t.pid;
    p.ppid = 1;
    p.name = spec.name;
    p.arrival = t.arrival;
    p.first_run = t.first_run;
    p.completion = t.state == TaskState::Terminated ? t.state_since : -1;
    p.cpu_time = t.cpu_time;
    p.waiting = t.ready_time;
    p.blocked_time = t.blocked_time;
    p.io_time = t.io_time;
    // A task still alive when the run stopped is charged up to the end.
    if (t.state != TaskState::Terminated && t.state != TaskState::New) {
      const Ticks open = now_ - t.state_since;
      switch (t.state) {
        case TaskState::Ready: p.waiting += open; break;
        case TaskState::Running: p.cpu_time += open; break;
        case TaskState::Blocked:
          p.blocked_time += open;
          if (t.block_cause == Cause::Io) p.io_time += open;
          break;
        case TaskState::New:
        case TaskState::Terminated: break;
      }
    }
    p.exit_code = t.exit_code;
    p.exit_reason = t.exit_reason;
    p.priority = spec.priority;
    p.tickets = spec.tickets;
    p.nice = spec.nice;
    if (t.state != TaskState::New) first_arrival = std::min(first_arrival, t.arrival);
    if (p.completion >= 0) {
      p.turnaround = p.completion - t.arrival;
      p.response = t.first_run >= 0 ? t.first_run - t.arrival : 0;
      last_completion = std::max(last_completion, p.completion);
      ++finished;
      sum_turnaround += static_cast<double>(p.turnaround);
      sum_response += static_cast<double>(p.response);
      sum_waiting += static_cast<double>(p.waiting);
    } else {
      p.turnaround = t.state == TaskState::New ? 0 : now_ - t.arrival;
      p.response = t.first_run >= 0 ? t.first_run - t.arrival : 0;
    }
  }
  if (first_arrival == kNever) first_arrival = 0;
  const Ticks end = status == RunStatus::Completed ? last_completion : now_;
  r.makespan = std::max<Ticks>(0, end - first_arrival);
  if (r.makespan > 0) {
    r.cpu_utilization = static_cast<double>(busy) / (static_cast<double>(r.cpus) * static_cast<double>(r.makespan));
    r.throughput = static_cast<double>(finished) / static_cast<double>(r.makespan);
  }
  for (const ProcessMetrics& p : r.processes) {
    if (p.turnaround <= 0) continue;  // not arrived, or gone at once
    const double x = static_cast<double>(p.cpu_time) /
                     (static_cast<double>(std::max(1, p.tickets)) * static_cast<double>(p.turnaround));
    share_sum += x;
    share_sq_sum += x * x;
    ++sharing;
  }
  if (sharing > 0 && share_sq_sum > 0)
    r.fairness = share_sum * share_sum / (static_cast<double>(sharing) * share_sq_sum);
  if (finished > 0) {
    const auto n = static_cast<double>(finished);
    r.averages = Averages{sum_turnaround / n, sum_response / n, sum_waiting / n};
  }
  return r;
}

}  // namespace schedlab

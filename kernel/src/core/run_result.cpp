// Turning the process table into the run's metrics (definitions in run_result.hpp).
#include <algorithm>

#include <schedlab/detail/huge_pages.hpp>

#include "core/kernel_impl.hpp"

namespace schedlab {

namespace {

ProcessState state_of(const detail::Process& p, const std::vector<detail::Task>& tasks) {
  switch (p.state) {
    case detail::ProcState::Zombie: return ProcessState::Zombie;
    case detail::ProcState::Reaped: return ProcessState::Ended;
    case detail::ProcState::Alive: break;
  }
  // The liveliest of its threads.
  bool ready = false, blocked = false;
  for (TaskId t = p.main; t != kNoTask; t = tasks[t].next_thread) {
    switch (tasks[t].state) {
      case TaskState::Running: return ProcessState::Running;
      case TaskState::Ready: ready = true; break;
      case TaskState::Blocked: blocked = true; break;
      case TaskState::New:
      case TaskState::Terminated: break;
    }
  }
  return ready ? ProcessState::Ready : blocked ? ProcessState::Blocked : ProcessState::New;
}

}  // namespace

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
  r.forks_failed = forks_failed_;
  collect_realtime(r);
  r.output = std::move(output_);

  // Bring running tasks' CPU counters up to the end (a run stopped by a limit).
  for (CpuId c = 0; c < cpus_.size(); ++c)
    if (cpus_[c].running != kNoTask) bring_up_to_date(c);
  r.cpu_busy.reserve(cpus_.size());
  Ticks busy = 0;
  for (const detail::Cpu& c : cpus_) {
    r.cpu_busy.push_back(c.busy);
    busy += c.busy - c.switching;
    r.switch_overhead += c.switching;
  }

  // One pass for the totals (and, without a sink, the table); with a sink, a second pass
  // hands the same figures out one process at a time.
  MetricsSink* const sink = config_.metrics_sink;
  if (sink == nullptr) detail::reserve_on_huge_pages(r.processes, processes_.size());
  Ticks first_arrival = kNever, last_completion = 0;
  std::size_t finished = 0;
  double sum_turnaround = 0, sum_response = 0, sum_waiting = 0;
  // Jain's index of each process's CPU share per ticket while it was present.
  double share_sum = 0, share_sq_sum = 0;
  std::size_t sharing = 0;
  for (std::size_t pid = 2; pid < processes_.size(); ++pid) {
    ProcessMetrics p = process_metrics(pid);
    if (tasks_[processes_[pid].main].state != TaskState::New) first_arrival = std::min(first_arrival, p.arrival);
    if (p.completion >= 0) {
      last_completion = std::max(last_completion, p.completion);
      ++finished;
      sum_turnaround += static_cast<double>(p.turnaround);
      sum_response += static_cast<double>(p.response);
      sum_waiting += static_cast<double>(p.waiting);
    }
    if (p.turnaround > 0) {  // arrived, and not gone at once
      const double x = static_cast<double>(p.cpu_time) /
                       (static_cast<double>(std::max(1, p.tickets)) * static_cast<double>(p.turnaround));
      share_sum += x;
      share_sq_sum += x * x;
      ++sharing;
    }
    if (sink == nullptr) r.processes.push_back(std::move(p));
  }
  if (first_arrival == kNever) first_arrival = 0;
  const Ticks end = status == RunStatus::Completed ? last_completion : now_;
  r.makespan = std::max<Ticks>(0, end - first_arrival);
  if (r.makespan > 0) {
    r.cpu_utilization = static_cast<double>(busy) / (static_cast<double>(r.cpus) * static_cast<double>(r.makespan));
    r.throughput = static_cast<double>(finished) / static_cast<double>(r.makespan);
  }
  if (sharing > 0 && share_sq_sum > 0)
    r.fairness = share_sum * share_sum / (static_cast<double>(sharing) * share_sq_sum);
  if (finished > 0) {
    const auto n = static_cast<double>(finished);
    r.averages = Averages{sum_turnaround / n, sum_response / n, sum_waiting / n};
  }
  if (workload_ != nullptr && script_ != nullptr)
    for (std::uint32_t v = 0; v < workload_->variables.size(); ++v)
      if (workload_->variables[v].shared) r.variables.emplace_back(workload_->variables[v].name, script_->shared_value(v));
  if (sink != nullptr) {
    sink->begin(r);
    for (std::size_t pid = 2; pid < processes_.size(); ++pid) sink->process(process_metrics(pid));
  }
  return r;
}

ProcessMetrics Kernel::Impl::process_metrics(std::size_t pid) const {
  const detail::Process& proc = processes_[pid];
  const detail::Task& main = tasks_[proc.main];
  const ProcessSpec& spec = spec_of(main);
  ProcessMetrics p;
  p.pid = static_cast<Pid>(pid);
  p.ppid = proc.ppid;
  p.name = spec.name;
  p.arrival = proc.created;
  p.completion = proc.state == detail::ProcState::Alive ? -1 : proc.ended;
  p.exit_code = proc.exit_code;
  p.exit_reason = proc.state == detail::ProcState::Alive ? ExitReason::None : proc.exit_reason;
  p.priority = spec.priority;
  p.tickets = spec.tickets;
  p.nice = spec.nice;
  p.daemon = proc.daemon;
  p.state = state_of(proc, tasks_);
  p.thread_count = proc.thread_count;
  for (TaskId id = proc.main; id != kNoTask; id = tasks_[id].next_thread) {
    const detail::Task& t = tasks_[id];
    const detail::TimeInState f = detail::time_in_state(t, now_);  // a live task's up to now
    p.waiting += f.ready;
    p.cpu_time += f.running;
    p.blocked_time += f.blocked;
    p.io_time += f.io;
    p.switch_time += t.switch_time;
    if (t.first_run >= 0 && (p.first_run < 0 || t.first_run < p.first_run)) p.first_run = t.first_run;
    if (proc.thread_count > 1) {
      ThreadMetrics& th = p.threads.emplace_back();
      th.tid = id;
      th.name = std::string(name_of(id));
      th.arrival = t.arrival;
      th.first_run = t.first_run;
      th.completion = t.state == TaskState::Terminated ? t.state_since : -1;
      th.waiting = f.ready;
      th.cpu_time = f.running;
      th.io_time = f.io;
      th.blocked_time = f.blocked;
      th.exit_code = t.exit_code;
      th.exit_reason = t.exit_reason;
      th.state = t.state;
      th.daemon = t.daemon;
    }
  }
  p.response = p.first_run >= 0 ? p.first_run - p.arrival : 0;
  if (p.completion >= 0) p.turnaround = p.completion - p.arrival;
  else p.turnaround = main.state == TaskState::New ? 0 : now_ - p.arrival;
  return p;
}

}  // namespace schedlab

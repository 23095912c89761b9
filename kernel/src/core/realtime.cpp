// Periodic tasks: releases, deadlines, and one task (and process) per job.
//
// A periodic task of the workload (Workload::realtime) releases job 1 at its arrival and
// then one every `period` ticks, while fewer than `jobs` are released and the release is
// before the horizon. Each job is its own task, made at its release from the task's
// ProcessSpec (job 1 is the task the workload's process made at load), running the
// process's program once. The jobs of one task run strictly one at a time: a job released
// while an earlier one is unfinished stays New (keeping its release and deadline) until
// that one's process ends, then arrives. With `on_miss: abort` a job unfinished at its
// deadline is killed then (missed and aborted).
//
// Same instant (kernel.cpp): CPU events (a job whose work ends at t completes), then
// deadlines (Phase::Deadline: aborts), then releases (Phase::Release, by listing order),
// then policy timers, arrivals, wake-ups and the dispatch.
#include <algorithm>
#include <fmt/format.h>

#include "core/kernel_impl.hpp"

namespace schedlab {

using detail::Event;
using detail::EventKind;
using detail::EventQueue;
using detail::Phase;

void Kernel::Impl::load_realtime(const Workload& workload) {
  horizon_ = workload.horizon;
  on_miss_ = workload.on_miss;
  if (workload.realtime.empty()) return;
  job_of_task_.assign(tasks_.size(), UINT32_MAX);
  for (const RealtimeSpec& spec : workload.realtime) {
    if (spec.process >= loaded_ || spec.period <= 0 || spec.deadline <= 0)
      throw std::invalid_argument("kernel: a periodic task needs a process, a period and a deadline");
    if (spec.jobs < 0 && horizon_ < 0)
      throw std::invalid_argument("kernel: a periodic task without 'jobs' needs the workload's horizon");
    detail::RtTask& rt = rt_.emplace_back();
    rt.process = spec.process;
    rt.period = spec.period;
    rt.deadline = spec.deadline;
    rt.jobs = spec.jobs;
  }
}

// At run(): the periodic tasks leave the arrival list; their first release is an event.
void Kernel::Impl::start_realtime() {
  if (rt_.empty()) return;
  std::vector<bool> periodic(tasks_.size(), false);
  for (const detail::RtTask& rt : rt_) periodic[rt.process] = true;
  std::erase_if(arrivals_, [&](TaskId id) { return periodic[id]; });
  reserve_for_jobs();
  for (std::uint32_t r = 0; r < rt_.size(); ++r) {
    const Ticks first = tasks_[rt_[r].process].arrival;
    if (horizon_ >= 0 && first >= horizon_) continue;  // (the loader refuses it)
    events_.push(Event{first, EventQueue::make_key(Phase::Release, r), r, 0, EventKind::Release});
    ++releases_ahead_;
  }
}

// Each job is a task and a process, made at its release. The tables grow by one per job,
// so they are reserved for every job the workload will release (up to a cap, for a
// workload of 10^15 jobs that no run will finish): growing them one job at a time
// reallocated and re-touched them, page faults that took 40% of a 10^6-job run
// (docs/performance.md, "Real-time").
void Kernel::Impl::reserve_for_jobs() {
  constexpr std::uint64_t kCap = std::uint64_t{1} << 22;
  std::uint64_t jobs = 0;
  for (const detail::RtTask& rt : rt_) {
    const Ticks first = tasks_[rt.process].arrival;
    std::uint64_t n = rt.jobs < 0 ? kCap : static_cast<std::uint64_t>(rt.jobs);
    if (horizon_ >= 0)
      n = first >= horizon_ ? 0 : std::min<std::uint64_t>(n, static_cast<std::uint64_t>((horizon_ - 1 - first) / rt.period) + 1);
    jobs = std::min(kCap, jobs + n);
  }
  const std::size_t more = jobs > rt_.size() ? jobs - rt_.size() : 0;  // job 1 of each is loaded
  detail::reserve_on_huge_pages(tasks_, tasks_.size() + more);
  detail::reserve_on_huge_pages(processes_, processes_.size() + more);
  detail::reserve_on_huge_pages(job_of_task_, tasks_.size() + more);
  detail::reserve_on_huge_pages(rt_jobs_, jobs);
  script_->reserve(tasks_.size() + more);
}

void Kernel::Impl::release_job(std::uint32_t r) {
  --releases_ahead_;
  count_event();
  detail::RtTask& rt = rt_[r];
  const ProcessSpec& spec = workload_->processes[rt.process];
  TaskId id = rt.process;  // job 1: the workload's own task
  if (rt.released > 0) {
    id = add_task(rt.process, spec);
    tasks_[id].arrival = now_;
    ++live_tasks_;
    new_process(id, 1, false);
    script_->start(id, spec.program);
    job_of_task_.resize(tasks_.size(), UINT32_MAX);
    if (!observers_.empty()) {
      const TaskRecord record{id, tasks_[id].pid, 1, spec.name, now_, false};
      notify([&](KernelObserver& o) { o.on_task_created(record); });
    }
  } else if (tasks_[id].state != TaskState::New) {
    return;  // killed before its first release: the task is over
  }
  const auto j = static_cast<std::uint32_t>(rt_jobs_.size());
  detail::RtJob& job = rt_jobs_.emplace_back();
  job.rt = r;
  job.number = ++rt.released;
  job.task = id;
  job.release = now_;
  job.deadline = now_ + rt.deadline;
  job_of_task_[id] = j;
  instantf(InstantKind::Release, id, kNoTask, static_cast<std::int64_t>(job.number),
           "{} job {}", spec.name, job.number);
  if (on_miss_ == OnMiss::Abort)
    events_.push(Event{job.deadline, EventQueue::make_key(Phase::Deadline, j), j, 0, EventKind::Deadline});
  const Ticks next = now_ + rt.period;
  const bool more = (rt.jobs < 0 || static_cast<std::int64_t>(rt.released) < rt.jobs) && (horizon_ < 0 || next < horizon_);
  if (more) {
    events_.push(Event{next, EventQueue::make_key(Phase::Release, r), r, 0, EventKind::Release});
    ++releases_ahead_;
  }
  rt.pending.push_back(j);
  if (rt.pending.size() == 1) make_ready(id, Cause::Arrival, EnqueueReason::Arrival);
}

// `on_miss: abort`: the job is killed at its deadline unless it has ended.
void Kernel::Impl::job_deadline(std::uint32_t j) {
  if (rt_jobs_[j].ended) return;
  count_event();
  rt_jobs_[j].aborted = true;
  const TaskId id = rt_jobs_[j].task;
  instant(InstantKind::DeadlineMiss, id, kNoTask, static_cast<std::int64_t>(rt_jobs_[j].number), "aborted");
  kill_process(tasks_[id].pid, -1, ExitReason::Killed, "aborted at its deadline", kNoTask);
}

// A job's process ended (it completed, was aborted or was killed): the next job of its
// task, if one is waiting, arrives now.
void Kernel::Impl::job_process_ended(TaskId main, ExitReason reason) {
  const std::uint32_t j = job_of(main);
  if (j == UINT32_MAX || rt_jobs_[j].ended) return;
  detail::RtJob& job = rt_jobs_[j];
  job.ended = true;
  if (!job.aborted && reason == ExitReason::Exited) {
    job.completion = now_;
    if (now_ > job.deadline)
      instantf(InstantKind::DeadlineMiss, main, kNoTask, static_cast<std::int64_t>(job.number),
               "late by {}", now_ - job.deadline);
  }
  std::deque<std::uint32_t>& pending = rt_[job.rt].pending;
  const bool was_front = !pending.empty() && pending.front() == j;
  pending.erase(std::find(pending.begin(), pending.end(), j));
  if (!was_front || pending.empty()) return;
  const TaskId next = rt_jobs_[pending.front()].task;
  if (tasks_[next].state == TaskState::New) make_ready(next, Cause::Arrival, EnqueueReason::Arrival);
}

JobInfo Kernel::Impl::job(TaskId id) const {
  JobInfo info;
  const std::uint32_t j = job_of(id);
  if (j == UINT32_MAX) {
    info.order = id;
    info.release = tasks_.at(id).arrival;
    return info;
  }
  const detail::RtJob& job = rt_jobs_[j];
  const detail::RtTask& rt = rt_[job.rt];
  info.periodic = true;
  info.number = job.number;
  info.order = rt.process;
  info.period = rt.period;
  info.relative_deadline = rt.deadline;
  info.release = job.release;
  info.absolute_deadline = job.deadline;
  info.remaining = task(id).burst_remaining;
  return info;
}

namespace {

RealtimeTaskMetrics task_metrics(const Workload& w, const detail::RtTask& rt) {
  RealtimeTaskMetrics m;
  m.name = w.processes[rt.process].name;
  m.period = rt.period;
  m.deadline = rt.deadline;
  return m;
}

// Add `job` (figures as of the run's end, `now`) to its task's summary.
JobMetrics job_metrics(const detail::RtJob& job, Pid pid, Ticks now, RealtimeTaskMetrics& m) {
  JobMetrics out;
  out.task = job.rt;
  out.number = job.number;
  out.pid = pid;
  out.release = job.release;
  out.deadline = job.deadline;
  out.start = job.start;
  out.completion = job.completion;
  out.aborted = job.aborted;
  out.missed = out.completed() ? out.completion > out.deadline : (job.ended || now >= out.deadline);
  ++m.jobs;
  m.misses += out.missed;
  m.aborted += out.aborted;
  m.preemptions += job.preemptions;
  m.migrations += job.migrations;
  if (out.completed()) {
    m.worst_response = m.completed == 0 ? out.response() : std::max(m.worst_response, out.response());
    m.worst_lateness = m.completed == 0 ? out.lateness() : std::max(m.worst_lateness, out.lateness());
    m.mean_response += static_cast<double>(out.response());  // a sum until the end
    ++m.completed;
  }
  return out;
}

}  // namespace

void Kernel::Impl::collect_realtime(RunResult& r) const {
  if (rt_.empty()) return;
  r.realtime.reserve(rt_.size());
  for (const detail::RtTask& rt : rt_) r.realtime.push_back(task_metrics(*workload_, rt));
  r.jobs.reserve(rt_jobs_.size());
  for (const detail::RtJob& job : rt_jobs_)
    r.jobs.push_back(job_metrics(job, tasks_[job.task].pid, now_, r.realtime[job.rt]));
  for (RealtimeTaskMetrics& m : r.realtime) {
    if (m.completed > 0) m.mean_response /= static_cast<double>(m.completed);
    r.realtime_summary.jobs += m.jobs;
    r.realtime_summary.misses += m.misses;
    r.realtime_summary.aborted += m.aborted;
  }
  const RealtimeSummary& s = r.realtime_summary;
  r.realtime_summary.miss_ratio = s.jobs == 0 ? 0.0 : static_cast<double>(s.misses) / static_cast<double>(s.jobs);
}

}  // namespace schedlab

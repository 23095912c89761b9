#include "trace/invariant_checker.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <vector>

#include <schedlab/errors.hpp>

namespace schedlab::detail {

InvariantChecker::InvariantChecker(CpuId cpus) : cpu_owner_(cpus, kNoTask) {}

void InvariantChecker::fail(const std::string& what) const {
  throw InvariantError(fmt::format("invariant violated at t={}: {}", now_, what));
}

void InvariantChecker::advance(Ticks t) {
  if (t < now_) fail(fmt::format("time went back to {}", t));
  if (t > now_) {
    check_occupancy();  // the previous instant is complete
    now_ = t;
  }
}

void InvariantChecker::check_occupancy() const {
  if (running_ != occupied_)
    fail(fmt::format("{} tasks are Running but {} CPUs are occupied", running_, occupied_));
}

void InvariantChecker::on_task_created(const TaskRecord& r) {
  if (r.id != tasks_.size()) fail(fmt::format("task {} created out of order", r.id));
  Shadow& s = tasks_.emplace_back();
  s.pid = r.pid;
  if (r.pid < 0) fail(fmt::format("task {} has pid {}", r.id, r.pid));
  if (live_per_pid_.size() <= static_cast<std::size_t>(r.pid)) live_per_pid_.resize(static_cast<std::size_t>(r.pid) + 1, 0);
  ++live_per_pid_[static_cast<std::size_t>(r.pid)];
}

void InvariantChecker::on_transition(const TransitionRecord& r) {
  advance(r.time);
  if (r.task >= tasks_.size()) fail(fmt::format("transition of unknown task {}", r.task));
  Shadow& s = tasks_[r.task];
  if (r.from != s.state)
    fail(fmt::format("task {} moves from {} but is {}", r.task, to_string(r.from), to_string(s.state)));
  if (!is_legal_transition(r.from, r.to))
    fail(fmt::format("task {}: illegal transition {} -> {}", r.task, to_string(r.from), to_string(r.to)));
  if (r.from == TaskState::Running && s.cpu != kNoCpu)
    fail(fmt::format("task {} left Running while still on CPU {}", r.task, s.cpu));
  if (r.from != TaskState::New) s.time_in[static_cast<int>(r.from)] += r.time - s.since;
  if (r.from == TaskState::New) s.arrived = r.time;
  if (r.to == TaskState::Terminated) {
    s.ended = r.time;
    --live_per_pid_[static_cast<std::size_t>(s.pid)];
  }
  if (r.from == TaskState::Running) --running_;
  if (r.to == TaskState::Running) ++running_;
  s.state = r.to;
  s.since = r.time;
}

void InvariantChecker::on_dispatch(Ticks time, TaskId task, CpuId cpu) {
  advance(time);
  if (cpu >= cpu_owner_.size()) fail(fmt::format("dispatch on CPU {} of {}", cpu, cpu_owner_.size()));
  Shadow& s = tasks_.at(task);
  if (s.state != TaskState::Running) fail(fmt::format("task {} dispatched while {}", task, to_string(s.state)));
  if (cpu_owner_[cpu] != kNoTask)
    fail(fmt::format("task {} dispatched on CPU {} which runs task {}", task, cpu, cpu_owner_[cpu]));
  if (s.cpu != kNoCpu) fail(fmt::format("task {} dispatched on CPU {} while on CPU {}", task, cpu, s.cpu));
  cpu_owner_[cpu] = task;
  s.cpu = cpu;
  s.dispatched_at = time;
  ++occupied_;
}

void InvariantChecker::on_slice(const SliceRecord& r) {
  advance(r.end);
  if (r.cpu >= cpu_owner_.size() || cpu_owner_[r.cpu] != r.task)
    fail(fmt::format("slice of task {} on CPU {} which it does not occupy", r.task, r.cpu));
  Shadow& s = tasks_[r.task];
  if (r.start != s.dispatched_at || r.end < r.start)
    fail(fmt::format("slice [{}, {}) of task {} does not match its dispatch at {}", r.start, r.end, r.task,
                     s.dispatched_at));
  cpu_owner_[r.cpu] = kNoTask;
  s.cpu = kNoCpu;
  --occupied_;
}

void InvariantChecker::on_instant(const InstantRecord& r) {
  advance(r.time);
  if (r.kind == InstantKind::ProcessEnd) {
    const auto pid = static_cast<std::size_t>(r.value);
    if (pid < live_per_pid_.size() && live_per_pid_[pid] != 0)
      fail(fmt::format("process {} ended with {} of its threads still alive", pid, live_per_pid_[pid]));
  }
}

void InvariantChecker::on_finish(const RunResult& result) {
  check_occupancy();
  struct Sums {
    Ticks cpu = 0, ready = 0, blocked = 0;
  };
  Pid max_pid = 0;
  for (const Shadow& s : tasks_) max_pid = std::max(max_pid, s.pid);
  std::vector<Sums> per_pid(static_cast<std::size_t>(max_pid) + 1);
  std::vector<bool> seen(per_pid.size(), false);
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const Shadow& s = tasks_[i];
    Ticks in[5];
    std::copy(std::begin(s.time_in), std::end(s.time_in), in);
    // Tasks still alive at the end are counted up to the end of the run.
    if (s.state != TaskState::Terminated && s.state != TaskState::New)
      in[static_cast<int>(s.state)] += result.end_time - s.since;
    const Ticks cpu = in[static_cast<int>(TaskState::Running)];
    const Ticks ready = in[static_cast<int>(TaskState::Ready)];
    const Ticks blocked = in[static_cast<int>(TaskState::Blocked)];
    if (s.ended >= 0 && cpu + ready + blocked != s.ended - s.arrived)
      fail(fmt::format("task {}: cpu {} + ready {} + blocked {} != turnaround {}", i, cpu, ready, blocked,
                       s.ended - s.arrived));
    seen[s.pid] = true;
    Sums& sum = per_pid[s.pid];
    sum.cpu += cpu;
    sum.ready += ready;
    sum.blocked += blocked;
  }
  for (const ProcessMetrics& p : result.processes) {
    if (p.pid < 0 || static_cast<std::size_t>(p.pid) >= seen.size() || !seen[p.pid])
      fail(fmt::format("process {} reported but never created", p.pid));
    const Sums& sum = per_pid[p.pid];
    if (sum.cpu != p.cpu_time || sum.ready != p.waiting || sum.blocked != p.blocked_time)
      fail(fmt::format("process {} ({}): kernel reports cpu {} waiting {} blocked {}, trace says {} {} {}",
                       p.pid, p.name, p.cpu_time, p.waiting, p.blocked_time, sum.cpu, sum.ready, sum.blocked));
  }
}

}  // namespace schedlab::detail

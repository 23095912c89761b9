#include "results.hpp"

#include <pybind11/stl.h>

#include <sstream>

#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/run_report.hpp>

namespace schedlab::python {

namespace py = pybind11;

namespace {

py::object ticks_or_none(Ticks t) { return t < 0 ? py::object(py::none()) : py::object(py::int_(t)); }

py::dict summary_of(const RunResult& r) {
  py::dict s;
  s["workload"] = r.workload;
  s["policy"] = r.policy;
  s["cpus"] = r.cpus;
  s["status"] = std::string(to_string(r.status));
  s["status_detail"] = r.status_detail;
  s["end_time"] = r.end_time;
  s["makespan"] = r.makespan;
  s["cpu_utilization"] = r.cpu_utilization;
  s["throughput"] = r.throughput;
  s["context_switches"] = r.context_switches;
  s["migrations"] = r.migrations;
  s["events"] = r.events;
  s["fairness"] = r.fairness;
  s["switch_overhead"] = r.switch_overhead;
  s["avg_turnaround"] = r.averages.turnaround;
  s["avg_response"] = r.averages.response;
  s["avg_waiting"] = r.averages.waiting;
  s["processes"] = r.processes.size();
  s["forks_failed"] = r.forks_failed;
  s["cpu_busy"] = r.cpu_busy;
  py::dict vars;
  for (const auto& [name, value] : r.variables) vars[py::str(name)] = value;
  s["variables"] = vars;
  return s;
}

py::dict process_row(const ProcessMetrics& p) {
  py::dict d;
  d["pid"] = p.pid;
  d["ppid"] = p.ppid;
  d["name"] = p.name;
  d["arrival"] = p.arrival;
  d["first_run"] = ticks_or_none(p.first_run);
  d["completion"] = ticks_or_none(p.completion);
  d["turnaround"] = p.turnaround;
  d["response"] = p.response;
  d["waiting"] = p.waiting;
  d["cpu_time"] = p.cpu_time;
  d["switch_time"] = p.switch_time;
  d["io_time"] = p.io_time;
  d["blocked_time"] = p.blocked_time;
  d["exit_code"] = p.exit_code;
  d["exit_reason"] = std::string(to_string(p.exit_reason));
  d["priority"] = p.priority;
  d["tickets"] = p.tickets;
  d["nice"] = p.nice;
  d["state"] = std::string(to_string(p.state));
  d["daemon"] = p.daemon;
  d["threads"] = p.thread_count;
  return d;
}

py::dict thread_row(const ProcessMetrics& p, const ThreadMetrics& t) {
  py::dict d;
  d["pid"] = p.pid;
  d["process"] = p.name;
  d["tid"] = t.tid;
  d["name"] = t.name;
  d["arrival"] = t.arrival;
  d["first_run"] = ticks_or_none(t.first_run);
  d["completion"] = ticks_or_none(t.completion);
  d["waiting"] = t.waiting;
  d["cpu_time"] = t.cpu_time;
  d["io_time"] = t.io_time;
  d["blocked_time"] = t.blocked_time;
  d["exit_code"] = t.exit_code;
  d["exit_reason"] = std::string(to_string(t.exit_reason));
  d["state"] = std::string(to_string(t.state));
  d["daemon"] = t.daemon;
  return d;
}

py::list trace_slices(const Trace& trace) {
  py::list rows;
  for (const SliceRecord& s : trace.slices) {
    const TaskRecord& t = trace.tasks.at(s.task);
    py::dict d;
    d["task"] = s.task;
    d["pid"] = t.pid;
    d["name"] = t.name;
    d["cpu"] = s.cpu;
    d["start"] = s.start;
    d["end"] = s.end;
    d["reason"] = std::string(to_string(s.reason));
    d["switch_ticks"] = s.switch_ticks;
    rows.append(d);
  }
  return rows;
}

py::list trace_transitions(const Trace& trace) {
  py::list rows;
  for (const TransitionRecord& r : trace.transitions) {
    py::dict d;
    d["time"] = r.time;
    d["task"] = r.task;
    d["name"] = trace.tasks.at(r.task).name;
    d["from"] = std::string(to_string(r.from));
    d["to"] = std::string(to_string(r.to));
    d["cause"] = std::string(to_string(r.cause));
    rows.append(d);
  }
  return rows;
}

py::list waits_of(const std::vector<DeadlockReport::Wait>& waits) {
  py::list out;
  for (const DeadlockReport::Wait& w : waits) {
    py::dict d;
    d["task"] = w.task;
    d["name"] = w.task_name;
    d["waits_for"] = w.waits_for;
    d["held_by"] = w.held_by == kNoTask ? py::object(py::none()) : py::object(py::int_(w.held_by));
    d["held_by_name"] = w.held_by_name;
    d["holds"] = w.holds;
    out.append(d);
  }
  return out;
}

py::object deadlock_of(const RunResult& r) {
  if (!r.deadlock) return py::none();
  py::dict d;
  d["summary"] = r.deadlock->summary;
  d["cycle"] = waits_of(r.deadlock->cycle);
  d["blocked"] = waits_of(r.deadlock->blocked);
  return d;
}

// One row per job of a periodic task, the columns of `schedlab run --format csv --jobs`;
// figures that exist only for a job that ran or completed are None otherwise.
py::list job_rows(const RunResult& r) {
  py::list rows;
  for (const JobMetrics& j : r.jobs) {
    py::dict d;
    d["task"] = r.realtime.at(j.task).name;
    d["job"] = j.number;
    d["pid"] = j.pid;
    d["release"] = j.release;
    d["deadline"] = j.deadline;
    d["start"] = ticks_or_none(j.start);
    d["completion"] = ticks_or_none(j.completion);
    d["response"] = j.completed() ? py::object(py::int_(j.response())) : py::object(py::none());
    d["lateness"] = j.completed() ? py::object(py::int_(j.lateness())) : py::object(py::none());
    d["missed"] = j.missed;
    d["aborted"] = j.aborted;
    rows.append(d);
  }
  return rows;
}

// The run's real-time totals (None for a workload without periodic tasks) and, per task,
// the rows of the run table's real-time section.
py::object realtime_of(const RunResult& r) {
  if (r.realtime.empty()) return py::none();
  py::list tasks;
  for (const RealtimeTaskMetrics& m : r.realtime) {
    py::dict d;
    d["task"] = m.name;
    d["period"] = m.period;
    d["deadline"] = m.deadline;
    d["jobs"] = m.jobs;
    d["completed"] = m.completed;
    d["misses"] = m.misses;
    d["aborted"] = m.aborted;
    d["worst_response"] = m.completed > 0 ? py::object(py::int_(m.worst_response)) : py::object(py::none());
    d["mean_response"] = m.completed > 0 ? py::object(py::float_(m.mean_response)) : py::object(py::none());
    d["worst_lateness"] = m.completed > 0 ? py::object(py::int_(m.worst_lateness)) : py::object(py::none());
    d["preemptions"] = m.preemptions;
    d["migrations"] = m.migrations;
    tasks.append(d);
  }
  py::dict out;
  out["jobs"] = r.realtime_summary.jobs;
  out["misses"] = r.realtime_summary.misses;
  out["aborted"] = r.realtime_summary.aborted;
  out["miss_ratio"] = r.realtime_summary.miss_ratio;
  out["tasks"] = tasks;
  return out;
}

}  // namespace

py::dict run_to_python(const RunResult& r, const Trace& trace) {
  py::dict out;
  out["summary"] = summary_of(r);
  py::list processes, threads, output;
  for (const ProcessMetrics& p : r.processes) {
    processes.append(process_row(p));
    for (const ThreadMetrics& t : p.threads) threads.append(thread_row(p, t));
  }
  for (const OutputLine& line : r.output) {
    py::dict d;
    d["time"] = line.time;
    d["task"] = line.task;
    d["text"] = line.text;
    output.append(d);
  }
  out["processes"] = processes;
  out["threads"] = threads;
  out["slices"] = trace_slices(trace);
  out["transitions"] = trace_transitions(trace);
  out["output"] = output;
  out["deadlock"] = deadlock_of(r);
  out["jobs"] = job_rows(r);
  out["realtime"] = realtime_of(r);
  std::ostringstream json;
  {
    report::OutputBuffer buffer(json);
    report::write_run_json(buffer, r);
  }
  out["json"] = json.str();
  return out;
}

py::dict sweep_to_python(const report::SweepResults& r) {
  py::list workload, policy, seed, metric, value, status, cpus;
  const auto& metrics = report::compare_metrics();
  for (const report::CellResult& c : r.results) {
    for (std::size_t m = 0; m < c.metrics.size(); ++m) {
      workload.append(r.workloads[r.workload_of(c.cell)].label);
      policy.append(r.policies[r.policy_of(c.cell)].label);
      seed.append(r.seeds[r.seed_of(c.cell)]);
      metric.append(metrics[m].key);
      if (metrics[m].integer) value.append(py::int_(static_cast<long long>(c.metrics[m])));
      else value.append(py::float_(c.metrics[m]));
      status.append(std::string(to_string(c.status)));
      cpus.append(c.cpus);
    }
  }
  py::dict out;
  out["workload"] = workload;
  out["policy"] = policy;
  out["seed"] = seed;
  out["metric"] = metric;
  out["value"] = value;
  out["status"] = status;
  out["cpus"] = cpus;
  return out;
}

}  // namespace schedlab::python

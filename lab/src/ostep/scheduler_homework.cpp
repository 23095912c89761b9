// scheduler.py's text around schedlab's run of its jobs (see the header).
#include <schedlab/lab/ostep/scheduler_homework.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/lab/ostep/py_random.hpp>
#include <schedlab/lab/simulate.hpp>

#include "ostep/homework_support.hpp"

namespace schedlab::lab::ostep {

namespace {

struct Job {
  std::int64_t num = 0;
  double length = 0;  // the script's runtime: an int for random jobs, a float from -l
};

std::vector<Job> make_jobs(const SchedulerOptions& o, std::string& out) {
  std::vector<Job> jobs;
  out += "Here is the job list, with the run time of each job: \n";
  if (o.jlist.empty()) {
    if (std::fabs(static_cast<double>(o.maxlen)) > 0x1p53) throw UsageError("-m/--maxlen: at most 2^53 in magnitude");
    PyRandom rng;
    rng.seed_words(o.seed.words);
    for (std::int64_t j = 0; j < o.jobs; ++j) {
      const double runtime = std::trunc(static_cast<double>(o.maxlen) * rng.random()) + 1;
      jobs.push_back({j, runtime});
      out += fmt::format("  Job {} ( length = {} )\n", j, py_int_of_float(runtime));
    }
  } else {
    std::int64_t j = 0;
    for (const std::string& field : split(o.jlist, ',')) jobs.push_back({j++, parse_py_float(field)});
    for (const Job& job : jobs) out += fmt::format("  Job {} ( length = {} )\n", job.num, py_float_str(job.length));
  }
  out += "\n\n";
  return jobs;
}

// The kernel's slices of the run, in time order: (job, ended by the quantum?).
struct Slice {
  std::int64_t job = 0;
  bool expired = false;
};

std::vector<Slice> run_jobs(const std::vector<Job>& jobs, const std::string& policy, double quantum,
                            HomeworkRun& run) {
  std::vector<double> lengths;
  for (const Job& j : jobs) lengths.push_back(j.length);
  lengths.push_back(quantum);
  run.tick_scale = tick_scale(lengths, "job length");
  run.workload = Workload{};
  run.workload.source = "<ostep scheduler>";
  for (const Job& j : jobs)
    run.workload.add_process(fmt::format("job{}", j.num), 0, {cpu_step(to_ticks(j.length, run.tick_scale))});
  run.policy = policy == "RR" ? fmt::format("rr:quantum={}", to_ticks(quantum, run.tick_scale))
                              : (policy == "SJF" ? "sjf" : "fcfs");
  run.trace = Trace{};
  run.result = simulate(run.workload, builtin_registry().resolve(run.policy), KernelConfig{}, {&run.trace});
  run.ran = true;
  std::vector<SliceRecord> slices = run.trace.slices;
  std::stable_sort(slices.begin(), slices.end(), [](const SliceRecord& a, const SliceRecord& b) { return a.start < b.start; });
  std::vector<Slice> out;
  for (const SliceRecord& s : slices)
    out.push_back({job_number(run.trace.tasks.at(s.task).name), s.reason == StopReason::QuantumExpired});
  return out;
}

void print_fifo(const std::vector<Job>& jobs, const std::vector<Slice>& slices, std::string& out) {
  std::vector<Job> order;
  for (const Slice& s : slices) order.push_back(jobs.at(static_cast<std::size_t>(s.job)));
  out += "Execution trace:\n";
  double thetime = 0;
  for (const Job& job : order) {
    out += fmt::format("  [ time {:>3} ] Run job {} for {} secs ( DONE at {} )\n", py_int_of_float(thetime), job.num,
                       fixed(job.length, 2), fixed(thetime + job.length, 2));
    thetime += job.length;
  }
  out += "\nFinal statistics:\n";
  double t = 0, turnaround_sum = 0, wait_sum = 0, response_sum = 0;
  for (const Job& job : order) {
    out += fmt::format("  Job {:3} -- Response: {}  Turnaround {}  Wait {}\n", job.num, fixed(t, 2),
                       fixed(t + job.length, 2), fixed(t, 2));
    response_sum += t;
    turnaround_sum += t + job.length;
    wait_sum += t;
    t += job.length;
  }
  const auto count = static_cast<double>(order.size());
  out += fmt::format("\n  Average -- Response: {}  Turnaround {}  Wait {}\n\n", fixed(response_sum / count, 2),
                     fixed(turnaround_sum / count, 2), fixed(wait_sum / count, 2));
}

void print_rr(const std::vector<Job>& jobs, const std::vector<Slice>& slices, double quantum, std::string& out) {
  out += "Execution trace:\n";
  const std::size_t n = jobs.size();
  std::vector<double> left(n), lastran(n, 0.0), wait(n, 0.0), turnaround(n, 0.0), response(n, -1);
  for (std::size_t i = 0; i < n; ++i) left[i] = jobs[i].length;
  double thetime = 0;
  for (const Slice& s : slices) {
    const auto j = static_cast<std::size_t>(s.job);
    if (response[j] == -1) response[j] = thetime;
    wait[j] += thetime - lastran[j];
    double ranfor = left[j];
    if (s.expired) {
      left[j] -= quantum;
      ranfor = quantum;
      out += fmt::format("  [ time {:>3} ] Run job {:3} for {} secs\n", py_int_of_float(thetime), s.job, fixed(ranfor, 2));
    } else {
      out += fmt::format("  [ time {:>3} ] Run job {:3} for {} secs ( DONE at {} )\n", py_int_of_float(thetime), s.job,
                         fixed(ranfor, 2), fixed(thetime + ranfor, 2));
      turnaround[j] = thetime + ranfor;
    }
    thetime += ranfor;
    lastran[j] = thetime;
  }
  out += "\nFinal statistics:\n";
  double turnaround_sum = 0, wait_sum = 0, response_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    turnaround_sum += turnaround[i];
    response_sum += response[i];
    wait_sum += wait[i];
    out += fmt::format("  Job {:3} -- Response: {}  Turnaround {}  Wait {}\n", i, fixed(response[i], 2),
                       fixed(turnaround[i], 2), fixed(wait[i], 2));
  }
  const auto count = static_cast<double>(n);
  out += fmt::format("\n  Average -- Response: {}  Turnaround {}  Wait {}\n\n", fixed(response_sum / count, 2),
                     fixed(turnaround_sum / count, 2), fixed(wait_sum / count, 2));
}

void solve(const SchedulerOptions& o, const std::vector<Job>& jobs, HomeworkRun& run, std::string& out) {
  out += "** Solutions **\n\n";
  if (o.policy != "FIFO" && o.policy != "SJF" && o.policy != "RR") {
    out += fmt::format("Error: Policy {} is not available.\n", o.policy);
    return;
  }
  if (jobs.empty()) throw UsageError("-c needs at least one job (scheduler.py divides by zero)");
  const auto quantum = static_cast<double>(o.quantum);
  if (o.policy == "RR" && o.quantum < 1) throw UsageError("-q/--quantum must be at least 1 for RR (scheduler.py never ends)");
  const std::vector<Slice> slices = run_jobs(jobs, o.policy, quantum, run);
  if (o.policy == "RR") print_rr(jobs, slices, quantum, out);
  else print_fifo(jobs, slices, out);
}

}  // namespace

std::string scheduler_homework(const SchedulerOptions& o, HomeworkRun* run) {
  HomeworkRun local;
  HomeworkRun& r = run ? *run : local;
  r.ran = false;
  std::string out = fmt::format("ARG policy {}\n", o.policy);
  if (o.jlist.empty())
    out += fmt::format("ARG jobs {}\nARG maxlen {}\nARG seed {}\n", o.jobs, o.maxlen, o.seed.str());
  else
    out += fmt::format("ARG jlist {}\n", o.jlist);
  out += "\n";
  const std::vector<Job> jobs = make_jobs(o, out);
  if (o.solve) {
    solve(o, jobs, r, out);
  } else {
    out += "Compute the turnaround time, response time, and wait time for each job.\n"
           "When you are done, run this program again, with the same arguments,\n"
           "but with -c, which will thus provide you with the answers. You can use\n"
           "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
           "to generate different problems for yourself.\n\n";
  }
  return out;
}

}  // namespace schedlab::lab::ostep

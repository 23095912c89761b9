// KernelConfig::metrics_sink: the per-process metrics handed out one at a time must be
// exactly those RunResult::processes holds without a sink, and `schedlab run`'s streamed
// JSON and CSV must be byte for byte the documents written from a whole RunResult.
#include <sstream>

#include <gtest/gtest.h>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/workload_loader.hpp>

#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/run_report.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

struct Collector final : MetricsSink {
  int begun = 0;
  RunResult totals;
  std::vector<ProcessMetrics> processes;
  void begin(const RunResult& t) override {
    ++begun;
    EXPECT_TRUE(processes.empty()) << "begin() comes before the first process";
    totals = t;
  }
  void process(const ProcessMetrics& p) override { processes.push_back(p); }
};

void expect_same(const ProcessMetrics& a, const ProcessMetrics& b) {
  EXPECT_EQ(a.pid, b.pid);
  EXPECT_EQ(a.ppid, b.ppid);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.arrival, b.arrival);
  EXPECT_EQ(a.first_run, b.first_run);
  EXPECT_EQ(a.completion, b.completion);
  EXPECT_EQ(a.turnaround, b.turnaround);
  EXPECT_EQ(a.response, b.response);
  EXPECT_EQ(a.waiting, b.waiting);
  EXPECT_EQ(a.cpu_time, b.cpu_time);
  EXPECT_EQ(a.io_time, b.io_time);
  EXPECT_EQ(a.blocked_time, b.blocked_time);
  EXPECT_EQ(a.exit_code, b.exit_code);
  EXPECT_EQ(a.exit_reason, b.exit_reason);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.daemon, b.daemon);
  EXPECT_EQ(a.thread_count, b.thread_count);
  ASSERT_EQ(a.threads.size(), b.threads.size());
  for (std::size_t i = 0; i < a.threads.size(); ++i) {
    EXPECT_EQ(a.threads[i].name, b.threads[i].name);
    EXPECT_EQ(a.threads[i].completion, b.threads[i].completion);
    EXPECT_EQ(a.threads[i].cpu_time, b.threads[i].cpu_time);
  }
}

void expect_sink_matches(const std::string& file, const std::string& policy, Ticks until = kNever) {
  SCOPED_TRACE(file + " under " + policy);
  const Workload w = load_workload_file(source_path(file));
  KernelConfig config;
  config.until = until;
  const RunResult whole = run_policy_with(w, policy, config).result;
  Collector sink;
  config.metrics_sink = &sink;
  const RunResult streamed = run_policy_with(w, policy, config).result;

  EXPECT_EQ(sink.begun, 1);
  EXPECT_TRUE(streamed.processes.empty());
  EXPECT_TRUE(sink.totals.processes.empty());
  ASSERT_FALSE(whole.processes.empty());
  ASSERT_EQ(sink.processes.size(), whole.processes.size());
  for (std::size_t i = 0; i < whole.processes.size(); ++i) expect_same(sink.processes[i], whole.processes[i]);
  const RunResult* const copies[] = {&streamed, &sink.totals};
  for (const RunResult* r : copies) {
    EXPECT_EQ(r->status, whole.status);
    EXPECT_EQ(r->makespan, whole.makespan);
    EXPECT_EQ(r->end_time, whole.end_time);
    EXPECT_EQ(r->context_switches, whole.context_switches);
    EXPECT_EQ(r->cpu_utilization, whole.cpu_utilization);
    EXPECT_EQ(r->throughput, whole.throughput);
    EXPECT_EQ(r->fairness, whole.fairness);
    EXPECT_EQ(r->averages.turnaround, whole.averages.turnaround);
    EXPECT_EQ(r->averages.response, whole.averages.response);
    EXPECT_EQ(r->averages.waiting, whole.averages.waiting);
  }
  EXPECT_EQ(streamed.deadlock.has_value(), whole.deadlock.has_value());
}

TEST(MetricsSink, TheDeadlockCaseReallyDeadlocks) {  // or the test above proves less than it says
  const Workload w = load_workload_file(source_path("workloads/course/deadlock.yaml"));
  const RunResult r = run_policy_with(w, "rr:quantum=1", KernelConfig{}).result;
  EXPECT_EQ(r.status, RunStatus::Deadlock);
  ASSERT_TRUE(r.deadlock.has_value());
}

TEST(MetricsSink, HandsOutWhatRunResultWouldHold) {
  expect_sink_matches("workloads/default.yaml", "rr:quantum=4");
  expect_sink_matches("workloads/default.yaml", "srtf");
  expect_sink_matches("workloads/course/process-tree.yaml", "fcfs");     // forks, waits, reaping
  expect_sink_matches("workloads/course/daemon-thread.yaml", "rr");      // threads: per-thread rows
}

TEST(MetricsSink, AlsoForADeadlockAndAStoppedRun) {
  expect_sink_matches("workloads/course/deadlock.yaml", "rr:quantum=1");  // deadlocks: the report still comes back
  expect_sink_matches("workloads/default.yaml", "fcfs", 25);              // processes still running and new
}

// What `schedlab run` prints (streamed) against the writers fed a whole RunResult.
std::string whole_document(const std::string& file, const std::string& policy, bool json) {
  const Workload w = load_workload_file(source_path(file));
  RunResult r = run_policy_with(w, policy, KernelConfig{}).result;
  r.policy = builtin_registry().resolve(policy).canonical;
  std::ostringstream text;
  {
    report::OutputBuffer out(text);
    if (json) report::write_run_json(out, r);
    else report::write_run_csv(out, r);
  }
  return text.str();
}

TEST(MetricsSink, StreamedCliOutputIsByteForByteTheWholeDocument) {
  for (const char* file : {"workloads/default.yaml", "workloads/course/daemon-thread.yaml",
                           "workloads/course/deadlock.yaml", "workloads/course/tickets-unlocked.yaml"}) {
    SCOPED_TRACE(file);
    const CliResult json = run_cli({"run", source_path(file), "--policy", "rr:quantum=1", "--format", "json"});
    EXPECT_EQ(json.out, whole_document(file, "rr:quantum=1", true));
    const CliResult csv = run_cli({"run", source_path(file), "--policy", "rr:quantum=1", "--format", "csv"});
    EXPECT_EQ(csv.out, whole_document(file, "rr:quantum=1", false));
  }
}

}  // namespace
}  // namespace schedlab::test

// The kernel's documented rules (docs/policies.md, "same-instant order" and tie-breaking),
// each on a small hand-computed schedule, and determinism.
#include <deque>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <schedlab/builtin_policies.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

TEST(SameInstant, QuantumExpiryQueuesAheadOfAnArrival) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 6}
  - {name: B, arrival: 4, burst: 2}
)", "rr:quantum=4");
  EXPECT_THAT(o.gantt(true), ElementsAre("A@0:0-4(quantum_expired)", "A@0:4-6(exited)", "B@0:6-8(exited)"));
}

TEST(SameInstant, ArrivalsQueueAheadOfIoCompletions) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{cpu: 1}, {io: 3}, {cpu: 1}]}
  - {name: B, arrival: 4, burst: 2}
)", "fcfs");
  EXPECT_THAT(o.gantt(true), ElementsAre("A@0:0-1(burst_done)", "B@0:4-6(exited)", "A@0:6-7(exited)"));
  EXPECT_EQ(o.result.makespan, 7);
  EXPECT_NEAR(o.result.cpu_utilization, 4.0 / 7.0, 1e-12);  // idle 1-4
}

TEST(SameInstant, ArrivalsAtTheSameTickKeepListingOrder) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: C, arrival: 2, burst: 1}
  - {name: A, arrival: 2, burst: 1}
  - {name: B, arrival: 2, burst: 1}
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("C@0:2-3", "A@0:3-4", "B@0:4-5"));
}

TEST(RoundRobin, ALoneTaskIsDispatchedAgainAtOnce) {
  const Outcome o = run_yaml("processes:\n  - {name: A, burst: 5}\n", "rr:quantum=2");
  EXPECT_THAT(o.gantt(true),
              ElementsAre("A@0:0-2(quantum_expired)", "A@0:2-4(quantum_expired)", "A@0:4-5(exited)"));
  EXPECT_EQ(o.result.context_switches, 0u);
}

TEST(RoundRobin, ExactlyAQuantumLeftCompletesInTheSlice) {
  const Outcome o = run_yaml("processes:\n  - {name: A, burst: 4}\n  - {name: B, burst: 4}\n", "rr:quantum=4");
  EXPECT_THAT(o.gantt(true), ElementsAre("A@0:0-4(exited)", "B@0:4-8(exited)"));
}

TEST(Srtf, AnEqualRemainingBurstDoesNotPreempt) {
  const Outcome o = run_yaml("processes:\n  - {name: A, burst: 5}\n  - {name: B, arrival: 1, burst: 4}\n", "srtf");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-5", "B@0:5-9"));
}

TEST(Srtf, UsesTheRemainingBurstAfterIo) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{cpu: 1}, {io: 2}, {cpu: 6}]}
  - {name: B, burst: 5}
)", "srtf");
  // A (1) first; at 3 A is back with 6 to go while B has 3 left: B keeps the CPU.
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-1", "B@0:1-6", "A@0:6-12"));
}

TEST(Sjf, TiesGoToTheEarlierArrivalThenToListingOrder) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: P, arrival: 2, burst: 2}
  - {name: Q, arrival: 1, burst: 2}
  - {name: R, burst: 3}
  - {name: S, arrival: 1, burst: 2}
)", "sjf");
  EXPECT_THAT(o.gantt(), ElementsAre("R@0:0-3", "Q@0:3-5", "S@0:5-7", "P@0:7-9"));
}

TEST(Sjf, JudgesTheNextBurstNotTheWholeJob) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: long_job_short_bursts, program: [{cpu: 1}, {io: 1}, {cpu: 1}, {io: 1}, {cpu: 1}]}
  - {name: one_long_burst, burst: 4}
)", "sjf");
  EXPECT_THAT(o.gantt(), ElementsAre("long_job_short_bursts@0:0-1", "one_long_burst@0:1-5",
                                     "long_job_short_bursts@0:5-6", "long_job_short_bursts@0:7-8"));
}

TEST(Priority, EqualPriorityNeverPreempts) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 4, priority: 2}
  - {name: B, arrival: 1, burst: 1, priority: 2}
  - {name: C, arrival: 2, burst: 1, priority: 1}
)", "priority:preemptive=1");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-2", "C@0:2-3", "A@0:3-5", "B@0:5-6"));
}

TEST(MultiCpu, IdleCpusAreFilledLowestIdFirst) {
  const Outcome o = run_yaml(R"(
cpus: 2
processes:
  - {name: A, burst: 5}
  - {name: B, burst: 3}
  - {name: C, burst: 2}
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-5", "B@1:0-3", "C@1:3-5"));
  EXPECT_THAT(o.result.cpu_busy, ElementsAre(5, 5));
}

TEST(MultiCpu, CpusOptionOverridesTheWorkload) {
  const Outcome o = run_yaml("cpus: 1\nprocesses:\n  - {name: A, burst: 5}\n  - {name: B, burst: 3}\n", "fcfs", 2);
  EXPECT_EQ(o.result.cpus, 2u);
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-5", "B@1:0-3"));
}

TEST(Metrics, DefinitionsOnASmallRunWithIo) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{cpu: 2}, {io: 3}, {cpu: 1}]}
  - {name: B, arrival: 1, burst: 4}
)", "fcfs");
  const ProcessMetrics& a = o.process("A");
  EXPECT_EQ(a.completion, 7);
  EXPECT_EQ(a.turnaround, 7);
  EXPECT_EQ(a.response, 0);
  EXPECT_EQ(a.waiting, 1);
  EXPECT_EQ(a.cpu_time, 3);
  EXPECT_EQ(a.io_time, 3);
  const ProcessMetrics& b = o.process("B");
  EXPECT_EQ(b.first_run, 2);
  EXPECT_EQ(b.response, 1);
  EXPECT_EQ(b.turnaround, 5);
  EXPECT_EQ(b.waiting, 1);
  EXPECT_DOUBLE_EQ(o.result.averages.turnaround, 6.0);
  EXPECT_EQ(o.result.makespan, 7);
  EXPECT_DOUBLE_EQ(o.result.throughput, 2.0 / 7.0);
  EXPECT_EQ(o.result.context_switches, 2u);
}

TEST(Limits, UntilStopsTheClockAndReportsWhatRan) {
  const Workload w = workload_from_yaml("processes:\n  - {name: A, burst: 10}\n  - {name: B, burst: 10}\n");
  const Outcome o = run_policy(w, "rr:quantum=3", 0, 1, 7);
  EXPECT_EQ(o.result.status, RunStatus::LimitReached);
  EXPECT_EQ(o.result.end_time, 7);
  EXPECT_EQ(o.process("A").cpu_time + o.process("B").cpu_time, 7);
  EXPECT_EQ(o.process("A").completion, -1);
}

Outcome run_with_switch_cost(const std::string& yaml, const std::string& spec, Ticks process, Ticks thread) {
  const Workload w = workload_from_yaml(yaml);
  KernelConfig config;
  config.check_invariants = true;
  config.switch_cost = process;
  config.thread_switch_cost = thread;
  return run_policy_with(w, spec, config);
}

TEST(SwitchCost, EachSwitchCostsTheIncomingTaskCpuTime) {
  const Outcome o = run_with_switch_cost("processes:\n  - {name: A, burst: 24}\n  - {name: B, burst: 3}\n"
                                         "  - {name: C, burst: 3}\n",
                                         "rr:quantum=4", 1, -1);
  // B: switch 4-5 then 3 ticks; C: switch 8-9; A: switch 12-13, then its quantum; a lone
  // task re-dispatched costs nothing.
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-4", "B@0:4-8", "C@0:8-12", "A@0:12-17", "A@0:17-21", "A@0:21-25",
                                     "A@0:25-29", "A@0:29-33"));
  EXPECT_EQ(o.result.switch_overhead, 3);
  EXPECT_EQ(o.process("B").cpu_time, 4);
  EXPECT_EQ(o.process("B").switch_time, 1);
  EXPECT_NEAR(o.result.cpu_utilization, 30.0 / 33.0, 1e-12);
}

TEST(SwitchCost, ThreadsOfOneProcessSwitchCheaper) {
  const char* yaml = R"(
processes:
  - name: p
    program:
      - thread: {name: t, program: [{cpu: 2}]}
      - cpu: 2
)";
  // rr:quantum=1: p 0-1, t switches in (same process: 1 tick) 1-3, p 3-5 (1 + 1), t 5-7.
  const Outcome o = run_with_switch_cost(yaml, "rr:quantum=1", 10, 1);
  EXPECT_THAT(o.gantt(), ElementsAre("p@0:0-1", "p/t@0:1-3", "p@0:3-5", "p/t@0:5-7"));
  EXPECT_EQ(o.result.switch_overhead, 3);
}

// A policy may ask about the task it is hearing stopping() for: the task is off its CPU
// but still Running then (this used to read CPU "none" and crash).
class StoppingProbe final : public Policy {
 public:
  StoppingProbe(Context& ctx, std::vector<std::string>& seen) : Policy(ctx), seen_(seen) {}
  void enqueue(TaskId t, EnqueueReason) override { ready_.push_back(t); }
  void dequeue(TaskId t) override { std::erase(ready_, t); }
  bool has_ready() const override { return !ready_.empty(); }
  std::optional<Dispatch> pick_next(CpuId) override {
    const TaskId t = ready_.front();
    ready_.pop_front();
    return Dispatch{t, 3};
  }
  void stopping(TaskId t, CpuId, Ticks ran, StopReason) override {
    const TaskInfo info = ctx().task(t);
    seen_.push_back(fmt::format("{} ran {} cpu {} left {}", info.name, ran, info.cpu_time, info.burst_remaining));
  }

 private:
  std::deque<TaskId> ready_;
  std::vector<std::string>& seen_;
};

TEST(PolicyContext, TaskInfoIsAvailableInStopping) {
  std::vector<std::string> seen;
  PolicyConfig config{"probe", "probe",
                      [&](Context& ctx, const PolicyParams&) { return std::make_unique<StoppingProbe>(ctx, seen); },
                      {}};
  const Workload w = workload_from_yaml("processes: [{name: A, burst: 5}, {name: B, burst: 2}]");
  Kernel kernel(KernelConfig{}, config);
  kernel.load(w);
  const RunResult r = kernel.run();
  EXPECT_EQ(r.status, RunStatus::Completed);
  // A 0-3 (quantum), B 3-5 (done), A 5-7 (done).
  EXPECT_THAT(seen, ElementsAre("A ran 3 cpu 3 left 2", "B ran 2 cpu 2 left 0", "A ran 2 cpu 5 left 0"));
}

TEST(Determinism, EveryBundledPolicyGivesTheSameTraceTwice) {
  const Workload w = workload_from_yaml(R"(
cpus: 2
processes:
  - {name: a, program: [{cpu: 3}, {io: 4}, {cpu: 2}]}
  - {name: b, arrival: 1, program: [{cpu: 5}, {io: 1}, {cpu: 5}]}
  - {name: c, arrival: 1, burst: 7, priority: 1}
  - {name: d, arrival: 6, program: [{repeat: {times: 3, program: [{cpu: 1}, {io: 2}]}}]}
)");
  for (const std::string& spec : builtin_compare_set()) {
    const std::string first = trace_to_text(run_policy(w, spec).trace);
    EXPECT_EQ(first, trace_to_text(run_policy(w, spec).trace)) << spec;
    EXPECT_FALSE(first.empty());
  }
}

}  // namespace
}  // namespace schedlab::test

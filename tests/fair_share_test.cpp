// Proportional share: lottery and stride on tickets, cfs on nice weights. Long-run shares
// are measured over a fixed window (the run is stopped with --until while every task
// still competes) and must lie within the tolerance each test states; short runs have
// exact schedules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/policy_registry.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

// Run with the invariant checker on, stopping the clock at `until`.
RunResult run_until(const std::string& yaml, const std::string& spec, Ticks until, std::uint64_t seed = 1) {
  static const PolicyRegistry registry = [] {
    PolicyRegistry r;
    register_builtin_policies(r);
    return r;
  }();
  const Workload w = workload_from_yaml(yaml);
  KernelConfig config;
  config.until = until;
  config.seed = seed;
  config.check_invariants = true;
  Kernel kernel(config, registry.resolve(spec));
  kernel.load(w);
  return kernel.run();
}

double share(const RunResult& r, const std::string& name, Ticks window) {
  for (const ProcessMetrics& p : r.processes)
    if (p.name == name) return static_cast<double>(p.cpu_time) / static_cast<double>(window);
  throw std::out_of_range(name);
}

// Three CPU-bound tasks with 1:2:3 tickets, far longer than the window.
const char* kOneTwoThree = R"(
processes:
  - {name: A, tickets: 100, burst: 1000000}
  - {name: B, tickets: 200, burst: 1000000}
  - {name: C, tickets: 300, burst: 1000000}
)";

// ---- lottery -----------------------------------------------------------------------

TEST(Lottery, LongRunSharesFollowTickets) {
  // 60000 one-tick draws: the standard deviation of a share is at most 0.2 points, so
  // each share must be within 1 percentage point of its ticket share, for any seed.
  constexpr Ticks kWindow = 60000;
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunResult r = run_until(kOneTwoThree, "lottery:quantum=1", kWindow, seed);
    EXPECT_NEAR(share(r, "A", kWindow), 1.0 / 6, 0.01) << "seed " << seed;
    EXPECT_NEAR(share(r, "B", kWindow), 2.0 / 6, 0.01) << "seed " << seed;
    EXPECT_NEAR(share(r, "C", kWindow), 3.0 / 6, 0.01) << "seed " << seed;
    EXPECT_GT(r.fairness, 0.998) << "seed " << seed;
  }
}

TEST(Lottery, SeededAndReplayable) {
  const char* yaml = R"(
processes:
  - {name: A, tickets: 100, burst: 12}
  - {name: B, tickets: 300, burst: 12}
)";
  const Workload w = workload_from_yaml(yaml);
  // The same seed replays exactly; the exact draws are part of the contract (a 64-bit
  // Mersenne Twister and an unbiased bounded draw, the same on every platform).
  const Outcome a = run_policy(w, "lottery:quantum=3", 0, 42);
  EXPECT_EQ(a.gantt(), run_policy(w, "lottery:quantum=3", 0, 42).gantt());
  EXPECT_THAT(a.gantt(), ElementsAre("A@0:0-3", "A@0:3-6", "B@0:6-9", "A@0:9-12", "B@0:12-15", "A@0:15-18",
                                     "B@0:18-21", "B@0:21-24"));
  // seed= overrides the run's --seed.
  EXPECT_EQ(run_policy(w, "lottery:quantum=3,seed=5", 0, 1).gantt(),
            run_policy(w, "lottery:quantum=3,seed=5", 0, 2).gantt());
  EXPECT_NE(run_policy(w, "lottery:quantum=3", 0, 1).gantt(), run_policy(w, "lottery:quantum=3", 0, 2).gantt());
}

TEST(Lottery, DrawsOnlyAmongTasksAllowedOnTheCpu) {
  // A may only use CPU 1; CPU 0 must never pick it, however many tickets it holds.
  const Outcome o = run_yaml(R"(
cpus: 2
processes:
  - {name: A, tickets: 10000, burst: 30, affinity: [1]}
  - {name: B, tickets: 1, burst: 30}
  - {name: C, tickets: 1, burst: 30}
)", "lottery:quantum=5");
  for (const SliceRecord& s : o.trace.slices) {
    if (o.trace.tasks.at(s.task).name == "A") {
      EXPECT_EQ(s.cpu, 1u);
    }
  }
  EXPECT_EQ(o.process("A").cpu_time, 30);
}

// ---- stride ------------------------------------------------------------------------

TEST(Stride, ExactInterleavingThreeToOne) {
  // Strides 1:3. Equal passes go to the earlier-listed task, so A runs three ticks for
  // each of B's, starting A, B.
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, tickets: 300, burst: 9}
  - {name: B, tickets: 100, burst: 3}
)", "stride:quantum=1");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-1", "B@0:1-2", "A@0:2-3", "A@0:3-4", "A@0:4-5", "B@0:5-6", "A@0:6-7",
                                     "A@0:7-8", "A@0:8-9", "B@0:9-10", "A@0:10-11", "A@0:11-12"));
}

TEST(Stride, LongRunSharesWithinOneQuantum) {
  // Deterministic: after 60000 ticks each task is within one quantum (10 ticks) of its
  // exact ticket share.
  constexpr Ticks kWindow = 60000;
  const RunResult r = run_until(kOneTwoThree, "stride:quantum=10", kWindow);
  EXPECT_NEAR(share(r, "A", kWindow) * kWindow, kWindow / 6.0, 10);
  EXPECT_NEAR(share(r, "B", kWindow) * kWindow, kWindow * 2 / 6.0, 10);
  EXPECT_NEAR(share(r, "C", kWindow) * kWindow, kWindow * 3 / 6.0, 10);
  EXPECT_GT(r.fairness, 0.99999);
}

TEST(Stride, SleeperGetsNoBackCredit) {
  // B first runs at 10 and sleeps until 110 while A runs alone. Waking, B starts from the
  // global pass (A's pass when last picked): it alternates with A from then on instead of
  // running its whole 30-tick burst at once to catch up.
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 200}
  - {name: B, program: [{sleep: 100}, {cpu: 30}]}
)", "stride:quantum=10");
  const std::vector<std::string> g = o.gantt();
  ASSERT_GE(g.size(), 17u);
  EXPECT_THAT(std::vector<std::string>(g.begin() + 10, g.begin() + 17),
              ElementsAre("A@0:100-110", "B@0:110-120", "A@0:120-130", "B@0:130-140", "A@0:140-150", "B@0:150-160",
                          "A@0:160-170"));
  EXPECT_EQ(o.process("B").completion, 160);
}

// ---- cfs ---------------------------------------------------------------------------

TEST(Cfs, EqualWeightsShareTheTargetLatency) {
  // Three nice-0 tasks, latency 24: each slice is 24 / 3 = 8 ticks, in vruntime order
  // (ties: listing order).
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 16}
  - {name: B, burst: 16}
  - {name: C, burst: 16}
)", "cfs");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-8", "B@0:8-16", "C@0:16-24", "A@0:24-32", "B@0:32-40", "C@0:40-48"));
}

TEST(Cfs, MinimumGranularityStretchesThePeriod) {
  // Ten tasks: 24 / 10 would be below min_granularity=3, so the period becomes 30 and
  // every slice is 3 ticks.
  std::string yaml = "processes:\n";
  for (int i = 0; i < 10; ++i) yaml += "  - {name: T" + std::to_string(i) + ", burst: 6}\n";
  const Outcome o = run_yaml(yaml, "cfs");
  ASSERT_EQ(o.gantt().size(), 20u);
  EXPECT_EQ(o.gantt()[0], "T0@0:0-3");
  EXPECT_EQ(o.gantt()[9], "T9@0:27-30");
  EXPECT_EQ(o.gantt()[10], "T0@0:30-33");
}

TEST(Cfs, NiceWeightsSetTheShares) {
  // nice 0 vs nice 5: weights 1024 and 335, so A should get 1024/1359 = 75.3% of the CPU.
  // Within one percentage point over 30000 ticks.
  constexpr Ticks kWindow = 30000;
  const RunResult r = run_until(R"(
processes:
  - {name: A, nice: 0, burst: 1000000}
  - {name: B, nice: 5, burst: 1000000}
)", "cfs", kWindow);
  EXPECT_NEAR(share(r, "A", kWindow), 1024.0 / 1359, 0.01);
  EXPECT_NEAR(share(r, "B", kWindow), 335.0 / 1359, 0.01);
}

TEST(Cfs, WakingTaskPreemptsTheHog) {
  // B runs a tick between 10-tick I/Os. Each time it wakes, its vruntime is
  // min_vruntime - latency/2 at the lowest, far enough behind A's (more than
  // wakeup_granularity=4 ticks) that it preempts A at once.
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 100}
  - {name: B, program: [{cpu: 1}, {io: 10}, {cpu: 1}, {io: 10}, {cpu: 1}]}
)", "cfs");
  EXPECT_THAT(o.gantt(true),
              ElementsAre("A@0:0-12(quantum_expired)", "B@0:12-13(burst_done)", "A@0:13-23(preempted)",
                          "B@0:23-24(burst_done)", "A@0:24-34(preempted)", "B@0:34-35(exited)",
                          "A@0:35-59(quantum_expired)", "A@0:59-83(quantum_expired)", "A@0:83-103(exited)"));
}

TEST(Cfs, LargeWakeupGranularityDisablesWakeupPreemption) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, burst: 40}
  - {name: B, program: [{cpu: 1}, {io: 10}, {cpu: 1}]}
)", "cfs:wakeup_granularity=1000");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-12", "B@0:12-13", "A@0:13-37", "B@0:37-38", "A@0:38-42"));
}

}  // namespace
}  // namespace schedlab::test

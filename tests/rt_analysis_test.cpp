// `schedlab analyze` and the analysis library (lab/rt_analysis.hpp): textbook numbers,
// each worked by hand in the comment above its test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <schedlab/lab/rt_analysis.hpp>
#include <schedlab/workload_loader.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using lab::analyze_realtime;
using lab::Bound;
using lab::Fraction;
using lab::RtAnalysis;
using ::testing::HasSubstr;

RtAnalysis analyse_file(const std::string& relative, std::uint32_t cpus = 0) {
  return analyze_realtime(load_workload_file(source_path(relative)), cpus);
}

// Silberschatz §5.6.1: P1 (T 50, C 20), P2 (T 100, C 35). U = 2/5 + 7/20 = 3/4, under
// Liu & Layland's 2(sqrt 2 - 1) = 0.8284. RTA: R1 = 20; R2: 55 -> 35 + 2*20 = 75 -> 75.
TEST(RtAnalysis, SilberschatzRmSetIsUnderTheBound) {
  const RtAnalysis a = analyse_file("workloads/realtime/silberschatz-rm.yaml");
  EXPECT_EQ(a.total.text(), "3/4");
  EXPECT_NEAR(static_cast<double>(a.liu_layland), 0.828427, 1e-6);
  EXPECT_TRUE(a.liu_layland_ok);
  EXPECT_TRUE(a.hyperbolic_ok);  // 7/5 * 27/20 = 189/100
  EXPECT_EQ(a.hyperbolic.text(), "189/100");
  EXPECT_EQ(a.fixed[0].tasks[0].worst, 20);
  EXPECT_EQ(a.fixed[0].tasks[1].worst, 75);
  EXPECT_TRUE(a.fixed[0].schedulable);
  EXPECT_TRUE(a.fixed[0].exact);
  EXPECT_TRUE(a.edf.schedulable);
}

// Silberschatz §5.6.2: P1 (50, 25), P2 (80, 35). U = 1/2 + 7/16 = 15/16: above the bound,
// hyperbolic 3/2 * 23/16 = 69/32 > 2. RTA (rm): R2: 60 -> 35 + 2*25 = 85 -> 85 > 80, the
// miss the book shows at 80 (P2 completes at 85). EDF: U <= 1, and the synchronous busy
// period is 60 -> 50 + 35 = 85 -> 50 + 70 = 120 -> 75 + 70 = 145 -> 145.
TEST(RtAnalysis, SilberschatzEdfSetMissesUnderRmOnly) {
  const RtAnalysis a = analyse_file("workloads/realtime/silberschatz-edf.yaml");
  EXPECT_EQ(a.total.text(), "15/16");
  EXPECT_FALSE(a.liu_layland_ok);
  EXPECT_EQ(a.hyperbolic.text(), "69/32");
  EXPECT_FALSE(a.hyperbolic_ok);
  EXPECT_EQ(a.fixed[0].tasks[1].worst, 85);
  EXPECT_FALSE(a.fixed[0].tasks[1].schedulable);
  EXPECT_FALSE(a.fixed[0].schedulable);
  EXPECT_TRUE(a.edf.schedulable);
  EXPECT_EQ(a.edf.busy_period, 145);
}

// T1 (100, 41), T2 (141, 59): U = 41/100 + 59/141 = 11681/14100 = 0.828440, just above
// Liu & Layland's 0.828427, so that bound cannot tell; the hyperbolic bound is exactly met,
// 141/100 * 200/141 = 2, and only exact arithmetic sees "<= 2". RTA: R2 = 59 + 41 = 100.
TEST(RtAnalysis, HyperbolicBoundIsExactAtTwo) {
  const RtAnalysis a = analyse_file("workloads/realtime/liu-layland-bound.yaml");
  EXPECT_EQ(a.total.text(), "11681/14100");
  EXPECT_FALSE(a.liu_layland_ok);
  EXPECT_EQ(a.hyperbolic.text(), "2");
  EXPECT_TRUE(a.hyperbolic_ok);
  EXPECT_EQ(a.fixed[0].tasks[1].worst, 100);
  EXPECT_TRUE(a.fixed[0].schedulable);
}

// Three tasks (C, T) = (1, 4), (2, 6), (3, 10), U = 53/60 = 0.883 > 3(2^{1/3} - 1) =
// 0.7798. RTA for the lowest: 6 -> 3 + 2*1 + 1*2 = 7 -> 3 + 2 + 4 = 9 -> 3 + 3 + 4 = 10 ->
// 10 = D: schedulable exactly at its deadline.
TEST(RtAnalysis, ResponseTimeIterationReachesTheDeadline) {
  const Workload w = workload_from_yaml(R"(horizon: 60
processes:
  - {name: A, period: 4, burst: 1}
  - {name: B, period: 6, burst: 2}
  - {name: C, period: 10, burst: 3}
)");
  const RtAnalysis a = analyze_realtime(w);
  EXPECT_NEAR(static_cast<double>(a.liu_layland), 0.779763, 1e-6);
  EXPECT_FALSE(a.liu_layland_ok);
  EXPECT_EQ(a.fixed[0].tasks[0].worst, 1);
  EXPECT_EQ(a.fixed[0].tasks[1].worst, 3);
  EXPECT_EQ(a.fixed[0].tasks[2].worst, 10);
  EXPECT_TRUE(a.fixed[0].schedulable);
}

// Constrained deadlines: A (C 2, D 2, T 4), B (C 2, D 3, T 6). U = 5/6, yet the demand at
// t = 3 is 2 + 2 = 4 > 3: EDF cannot meet both. DM gives A the CPU first, so B ends at 4.
TEST(RtAnalysis, DemandTestFindsTheFirstOverloadedDeadline) {
  const Workload w = workload_from_yaml(R"(horizon: 12
processes:
  - {name: A, period: 4, deadline: 2, burst: 2}
  - {name: B, period: 6, deadline: 3, burst: 2}
)");
  const RtAnalysis a = analyze_realtime(w);
  EXPECT_FALSE(a.implicit_or_longer);
  EXPECT_FALSE(a.hyperbolic_ok);
  EXPECT_FALSE(a.edf.schedulable);
  EXPECT_EQ(a.edf.failure, 3);
  EXPECT_EQ(a.edf.demand_at_failure, 4);
  EXPECT_EQ(a.fixed[1].tasks[1].worst, 4);
  EXPECT_FALSE(a.fixed[1].schedulable);
}

// A deadline longer than the period: A (C 2, T 4) and B (C 3, T 6, D 10), U = 1. RM: A
// 0-2, B 2-4, A 4-6, B 6-7 (job 1 ends at 7 > its period: response 7), job 2 (released
// 6) 7-8, A 8-10, B 10-12 (response 6). RTA: q = 0: 5 -> 3 + 2*2 = 7 > 6, go on; q = 1:
// 10 -> 6 + 3*2 = 12 <= 12, the busy period ends: worst 7 <= 10.
TEST(RtAnalysis, DeadlineLongerThanPeriodUsesTheBusyPeriod) {
  const Workload w = workload_from_yaml(R"(horizon: 12
processes:
  - {name: A, period: 4, burst: 2}
  - {name: B, period: 6, deadline: 10, burst: 3}
)");
  const RtAnalysis a = analyze_realtime(w);
  EXPECT_EQ(a.fixed[0].tasks[1].worst, 7);
  EXPECT_TRUE(a.fixed[0].schedulable);
  EXPECT_TRUE(a.edf.schedulable);
  EXPECT_EQ(a.edf.busy_period, 12);
  const Outcome rm = run_policy(w, "rm");
  EXPECT_EQ(rm.result.realtime[1].worst_response, 7);
}

// Overload: U = 3/2 for rm's lower task: its busy period never ends.
TEST(RtAnalysis, OverloadHasNoBoundedResponse) {
  const Workload w = workload_from_yaml(R"(horizon: 8
processes:
  - {name: A, period: 2, burst: 1}
  - {name: B, period: 4, burst: 4}
)");
  const RtAnalysis a = analyze_realtime(w);
  EXPECT_EQ(a.fixed[0].tasks[0].worst, 1);
  EXPECT_EQ(a.fixed[0].tasks[1].bound, Bound::Unbounded);
  EXPECT_FALSE(a.edf.schedulable);
  EXPECT_EQ(a.edf.failure, -1);
}

// The Dhall set on 2 CPUs: U = 1/10 + 1/10 + 20/21 = 121/105. GFB: 2 - 20/21 = 22/21 =
// 110/105 < 121/105, inconclusive (and global EDF does miss). Both heuristics place H (the
// heaviest) on CPU 0; neither light fits beside it (20/21 + 1/10 > 1), so both go to CPU 1.
TEST(RtAnalysis, DhallSetPartitionsButFailsGfb) {
  const RtAnalysis a = analyse_file("workloads/realtime/dhall.yaml");
  ASSERT_TRUE(a.gfb.has_value());
  EXPECT_EQ(a.gfb->total.text(), "121/105");
  EXPECT_EQ(a.gfb->limit.text(), "22/21");
  EXPECT_FALSE(a.gfb->schedulable);
  ASSERT_EQ(a.partitions.size(), 2u);
  for (const lab::Partition& p : a.partitions) {
    EXPECT_TRUE(p.success);
    EXPECT_EQ(p.cpu, (std::vector<int>{1, 1, 0}));
    EXPECT_EQ(p.utilization[0].text(), "20/21");
    EXPECT_EQ(p.utilization[1].text(), "1/5");
  }
}

// GFB holds for light tasks: 4 tasks of U 1/4 on 2 CPUs: 1 <= 2 - 1/4.
TEST(RtAnalysis, GfbAcceptsLightTasks) {
  const Workload w = workload_from_yaml(R"(cpus: 2
horizon: 8
processes:
  - {name: A, period: 4, burst: 1}
  - {name: B, period: 4, burst: 1}
  - {name: C, period: 8, burst: 2}
  - {name: D, period: 8, burst: 2}
)");
  const RtAnalysis a = analyze_realtime(w);
  EXPECT_EQ(a.gfb->limit.text(), "7/4");
  EXPECT_TRUE(a.gfb->schedulable);
  EXPECT_TRUE(a.partitions[0].success);
  EXPECT_EQ(a.partitions[0].cpu, (std::vector<int>{0, 0, 0, 0}));  // first fit: U 1 on CPU 0
  EXPECT_EQ(a.partitions[1].cpu, (std::vector<int>{0, 1, 0, 1}));  // worst fit alternates
}

TEST(RtAnalysis, FractionsStayExactAndFallBack) {
  EXPECT_EQ((Fraction::of(1, 3) + Fraction::of(1, 6)).text(), "1/2");
  EXPECT_EQ((Fraction::of(2, 4) * Fraction::of(4, 1)).text(), "2");
  Fraction big = Fraction::of(1, 1);
  for (std::int64_t p : {999'999'937, 999'999'929, 999'999'893}) big = big + Fraction::of(1, p);
  EXPECT_FALSE(big.exact);
  EXPECT_NEAR(static_cast<double>(big.approx), 1.000000003, 1e-9);
}

TEST(RtAnalysis, CommandPrintsTheTableAndJson) {
  const std::string path = source_path("workloads/realtime/silberschatz-edf.yaml");
  const CliResult t = run_cli({"analyze", path});
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("P2                  0       35       80       80         7/16     85 !     85 !     85 !\n"));
  EXPECT_THAT(t.out, HasSubstr("utilization: 15/16 = 0.9375\n"));
  EXPECT_THAT(t.out, HasSubstr("response-time analysis (rm): not schedulable\n"));
  EXPECT_THAT(t.out, HasSubstr("EDF processor-demand test: schedulable (every deadline up to the busy period 145 checked)\n"));
  const CliResult j = run_cli({"analyze", path, "--format", "json"});
  EXPECT_EQ(j.code, 0) << j.err;
  EXPECT_THAT(j.out, HasSubstr("\"rm\": {\"rank\": 2, \"response\": 85, \"bounded\": true, \"schedulable\": false}"));
  EXPECT_THAT(j.out, HasSubstr("\"edf_demand\": {\"schedulable\": true, \"decided\": true, \"busy_period\": 145, \"failure\": null}"));
  const CliResult two = run_cli({"analyze", source_path("workloads/realtime/dhall.yaml")});
  EXPECT_THAT(two.out, HasSubstr("  - {name: H, affinity: [0]}\n"));
  EXPECT_THAT(two.out, HasSubstr("global EDF, GFB test: U 121/105 <= m - (m-1) max = 22/21: inconclusive\n"));
}

TEST(RtAnalysis, BadInputIsExitTwo) {
  const CliResult none = run_cli({"analyze", source_path("workloads/default.yaml")});
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("error: no periodic task to analyse"));
  const CliResult csv = run_cli({"analyze", source_path("workloads/realtime/dhall.yaml"), "--format", "csv"});
  EXPECT_EQ(csv.code, 2);
  const CliResult missing = run_cli({"analyze"});
  EXPECT_EQ(missing.code, 2);
}

}  // namespace
}  // namespace schedlab::test

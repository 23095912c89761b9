// The analysis against the simulator, on random task sets from `schedlab gen --tasks`
// (UUniFast). For synchronous sets (every offset 0) simulated over their hyperperiod:
//  - rm, dm, fp: each task's simulated worst response equals the response-time analysis,
//    and a task misses a deadline in simulation exactly when the analysis says it can;
//    where the analysis is only an upper bound (equal keys with different periods), it
//    bounds the simulation and its "schedulable" still means no miss;
//  - edf: the processor-demand test says schedulable exactly when the simulation meets
//    every deadline (utilization at most 1).
#include <gtest/gtest.h>

#include <numeric>

#include <schedlab/lab/rt_analysis.hpp>
#include <schedlab/lab/workload_generator.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using lab::Fraction;

constexpr Ticks kMaxHyperperiod = 20'000;  // keeps each simulation short

struct Tally {
  int sets = 0, exact_tasks = 0, bounded_tasks = 0, edf_sets = 0, misses_seen = 0;
};

lab::GeneratorConfig config_for(std::uint64_t seed) {
  lab::GeneratorConfig c;
  c.seed = seed;
  c.tasks = 2 + static_cast<std::uint32_t>(seed % 4);
  c.utilization = 0.6 + 0.05 * static_cast<double>(seed % 9);  // 0.6 .. 1.0
  c.period_set = seed % 2 == 0 ? lab::PeriodSet::Harmonic : lab::PeriodSet::LogUniform;
  c.periods = seed % 2 == 0 ? lab::IntRange{4, 128} : lab::IntRange{5, 30};
  c.deadlines = seed % 3 == 0 ? lab::DeadlineKind::Constrained : lab::DeadlineKind::Implicit;
  c.priority = {0, 9};
  return c;
}

Ticks hyperperiod(const Workload& w) {
  Ticks h = 1;
  for (const RealtimeSpec& rt : w.realtime) {
    h = std::lcm(h, rt.period);
    if (h > kMaxHyperperiod) return 0;
  }
  return h;
}

void check_fixed(const Workload& w, const lab::FixedPriorityAnalysis& a, bool utilization_at_most_one, Tally& tally) {
  const Outcome o = run_policy(w, std::string(lab::fixed_priority_name(a.order)));
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const lab::TaskResponse& r = a.tasks[i];
    const RealtimeTaskMetrics& m = o.result.realtime[i];
    const std::string where = fmt::format("{} task {} of {}", lab::fixed_priority_name(a.order), m.name, w.name);
    tally.misses_seen += m.misses > 0;
    if (r.schedulable) {
      EXPECT_EQ(m.misses, 0u) << where;
    }
    if (!utilization_at_most_one || r.bound != lab::Bound::Finite) continue;
    if (a.exact) {
      EXPECT_EQ(m.worst_response, r.worst) << where;
      EXPECT_EQ(m.misses > 0, !r.schedulable) << where;
      ++tally.exact_tasks;
    } else {
      EXPECT_LE(m.worst_response, r.worst) << where;
      ++tally.bounded_tasks;
    }
  }
}

TEST(RtAnalysisProperty, AnalysisMatchesSimulationOnRandomTaskSets) {
  Tally tally;
  for (std::uint64_t seed = 1; seed <= 160; ++seed) {
    const lab::GeneratorConfig c = config_for(seed);
    Workload w = lab::generate_workload(c, "gen:" + c.spec());
    const Ticks h = hyperperiod(w);
    if (h == 0) continue;
    w.horizon = h;
    ++tally.sets;
    const lab::RtAnalysis a = lab::analyze_realtime(w);
    const bool at_most_one = a.total.compare(Fraction::of(1, 1)) <= 0;
    for (const lab::FixedPriorityAnalysis& f : a.fixed) check_fixed(w, f, at_most_one, tally);
    const Outcome edf = run_policy(w, "edf");
    if (a.edf.schedulable) {
      EXPECT_EQ(edf.result.realtime_summary.misses, 0u) << w.name;
    }
    if (at_most_one && a.edf.decided) {
      EXPECT_EQ(edf.result.realtime_summary.misses == 0, a.edf.schedulable) << w.name;
      ++tally.edf_sets;
    }
  }
  // Not vacuous: enough sets of each kind were compared, some with misses.
  EXPECT_GE(tally.sets, 120);
  EXPECT_GE(tally.exact_tasks, 700);
  EXPECT_GE(tally.edf_sets, 100);
  EXPECT_GE(tally.misses_seen, 100);
  std::printf("sets %d, exact task comparisons %d, bounded %d, edf sets %d, tasks with misses %d\n", tally.sets,
              tally.exact_tasks, tally.bounded_tasks, tally.edf_sets, tally.misses_seen);
}

}  // namespace
}  // namespace schedlab::test

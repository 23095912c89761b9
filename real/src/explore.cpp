// Exploration: the loop over seeds. All the randomness is in the strategy policy (seeded
// by the run's seed), so this file only runs, judges and replays.
#include <schedlab/explore.hpp>

namespace schedlab::real {

Outcome replay(const PolicyConfig& strategy, const Program& program, std::uint64_t seed, RuntimeOptions options) {
  options.seed = seed;
  Runtime runtime(strategy, options);
  program(runtime);
  return runtime.run();
}

ExploreReport explore(const PolicyConfig& strategy, const Program& program, const ExploreOptions& options) {
  ExploreReport report;
  RuntimeOptions quick = options.runtime;
  quick.trace = false;  // the search runs without a trace; the failing seed is replayed with one
  for (std::uint64_t i = 0; i < options.schedules; ++i) {
    const std::uint64_t seed = options.first_seed + i;
    ++report.schedules_run;
    Outcome out = replay(strategy, program, seed, quick);
    if (!out.failed()) continue;
    report.seed = seed;
    report.failure = out.failure;
    if (options.keep_trace) {
      RuntimeOptions traced = options.runtime;
      traced.trace = true;
      report.failing_run = replay(strategy, program, seed, traced);
    } else {
      report.failing_run = std::move(out);
    }
    break;
  }
  return report;
}

}  // namespace schedlab::real

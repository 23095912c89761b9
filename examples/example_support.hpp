// What the example programs share: the policy registry and a report of one exploration.
#pragma once

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <schedlab/report/chrome_trace.hpp>  // the CLI's Perfetto/Chrome trace writer (schedlab_cli)

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab::examples {

inline const PolicyRegistry& registry() { return builtin_registry(); }

// `--trace FILE` on an example's command line: where to save the failing run's trace.
inline std::string trace_path(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--trace") == 0) return argv[i + 1];
  return {};
}

// Replay `seed` with the CLI's trace writer attached: the failing run as a Chrome Trace
// Event file for ui.perfetto.dev (the same format as `schedlab run --trace`).
inline void save_trace(const std::string& strategy, const real::Program& program, std::uint64_t seed,
                       const std::string& path) {
  std::ofstream out(path);
  report::ChromeTraceWriter writer(out, "explore", strategy);
  real::replay(registry().resolve(strategy), [&](real::Runtime& rt) {
    rt.kernel().add_observer(&writer);
    program(rt);
  }, seed);
  std::printf("%-28s %-14s trace of seed %llu saved to %s\n", "", "", static_cast<unsigned long long>(seed),
              path.c_str());
}

// Explore `program` under `strategy` and print what was found. Answers whether the
// finding matched `expect_bug`. With `trace`, the failing run's trace is saved there.
inline bool explore_and_report(const std::string& title, const std::string& strategy, const real::Program& program,
                               bool expect_bug, std::uint64_t schedules = 1000, const std::string& trace = {}) {
  real::ExploreOptions options;
  options.schedules = schedules;
  const real::ExploreReport report = real::explore(registry().resolve(strategy), program, options);
  if (report.found()) {
    std::printf("%-28s %-14s bug after %llu schedule(s): %s\n", title.c_str(), strategy.c_str(),
                static_cast<unsigned long long>(report.schedules_run), report.failure.c_str());
    // Replaying the seed must fail the same way (and produce the same trace).
    const real::Outcome again = real::replay(registry().resolve(strategy), program, *report.seed);
    std::printf("%-28s %-14s replay of seed %llu: %s\n", "", "", static_cast<unsigned long long>(*report.seed),
                again.failure == report.failure ? "same failure" : "DIFFERENT");
    if (again.failure != report.failure) return false;
    if (!trace.empty()) save_trace(strategy, program, *report.seed, trace);
  } else {
    std::printf("%-28s %-14s no bug in %llu schedules\n", title.c_str(), strategy.c_str(),
                static_cast<unsigned long long>(report.schedules_run));
  }
  return report.found() == expect_bug;
}

}  // namespace schedlab::examples

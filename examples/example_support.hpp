// What the example programs share: the policy registry and a report of one exploration.
#pragma once

#include <cstdio>
#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab::examples {

inline const PolicyRegistry& registry() {
  static const PolicyRegistry r = [] {
    PolicyRegistry reg;
    register_builtin_policies(reg);
    return reg;
  }();
  return r;
}

// Explore `program` under `strategy` and print what was found. Answers whether the
// finding matched `expect_bug`.
inline bool explore_and_report(const std::string& title, const std::string& strategy, const real::Program& program,
                               bool expect_bug, std::uint64_t schedules = 1000) {
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
  } else {
    std::printf("%-28s %-14s no bug in %llu schedules\n", title.c_str(), strategy.c_str(),
                static_cast<unsigned long long>(report.schedules_run));
  }
  return report.found() == expect_bug;
}

}  // namespace schedlab::examples

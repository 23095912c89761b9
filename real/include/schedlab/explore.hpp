// Schedule exploration: run one program under many schedules and stop at the first that
// fails (an escaping exception or failed real::require, a deadlock, the watchdog, or the
// program's end-of-run check), reporting the seed that replays it.
//
// The schedules come from a randomised policy given as `strategy` — `random` (a uniform
// choice among the ready tasks at every scheduling point) or `pct:depth=D` (probabilistic
// concurrency testing: random priorities with D-1 priority change points) — run with
// seeds first_seed, first_seed + 1, ... Because a run is a function of (policy, seed,
// program), replay(strategy, program, seed) reproduces the failing run exactly.
//
//   real::ExploreReport report = real::explore(registry.resolve("pct:depth=3"), program);
//   if (report.found()) std::cout << report.failure << " (replay with seed " << *report.seed << ")\n";
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <schedlab/real_runtime.hpp>

namespace schedlab::real {

// Sets up one run from scratch: the kernel objects, the tasks and the state they share
// (own it with shared_ptrs captured by the tasks, never across runs), and optionally an
// end-of-run check (Runtime::check_at_end).
using Program = std::function<void(Runtime&)>;

struct ExploreOptions {
  std::uint64_t first_seed = 1;
  std::uint64_t schedules = 1000;  // stop after this many runs without a failure
  RuntimeOptions runtime;          // cpus, watchdog...; the seed is set per run
  bool keep_trace = true;          // replay the failing seed with a trace into failing_run
};

struct ExploreReport {
  std::uint64_t schedules_run = 0;  // including the failing one
  std::optional<std::uint64_t> seed;  // the failing run's seed
  std::string failure;                // what went wrong in it
  Outcome failing_run;                // its replay (trace included) when keep_trace

  bool found() const { return seed.has_value(); }
};

ExploreReport explore(const PolicyConfig& strategy, const Program& program, const ExploreOptions& options = {});

// One run of `program` under `strategy` with `seed`.
Outcome replay(const PolicyConfig& strategy, const Program& program, std::uint64_t seed,
               RuntimeOptions options = {});

}  // namespace schedlab::real

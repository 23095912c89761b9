// The results of a comparison sweep: the grid (workloads x policies x seeds) and one
// record per cell that ran. Every output of `compare` and `merge` (table, JSON, CSV,
// HTML) is made from this, so a merged sweep prints exactly like an unsharded one.
//
// Cells are numbered in output order: cell = (workload * policies + policy) * seeds + seed.
// Shard K of N holds the cells with cell % N == K - 1 (round robin: every shard gets a
// similar mix of policies and seeds).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/types.hpp>

namespace schedlab::report {

struct Shard {
  std::uint64_t index = 1;  // 1-based
  std::uint64_t count = 1;
  bool whole() const { return count == 1; }
  bool holds(std::uint64_t cell) const { return cell % count == index - 1; }
  bool operator==(const Shard&) const = default;
};
// "K/N" with 1 <= K <= N; throws UsageError.
Shard parse_shard(const std::string& text);

// The kernel options a sweep ran with (recorded so a report can re-run a cell).
struct SweepOptions {
  CpuId cpus = 0;  // 0: each workload's own
  Ticks until = kNever;
  std::uint64_t max_events = 0;
  bool operator==(const SweepOptions&) const = default;
};

struct SweepWorkload {
  std::string label;  // shown in outputs
  std::string spec;   // as given: a file path or gen:...
  bool operator==(const SweepWorkload&) const = default;
};

struct SweepPolicy {
  std::string label;      // as given
  std::string canonical;  // every parameter spelled out
  bool operator==(const SweepPolicy&) const = default;
};

struct CellResult {
  std::uint64_t cell = 0;
  RunStatus status = RunStatus::Completed;
  CpuId cpus = 1;
  std::uint64_t processes = 0;
  std::vector<double> metrics;  // in compare_metrics() order
  // Only for a workload with periodic tasks: the run's deadline-miss ratio and the worst
  // response of any completed job (JSON keys "miss_ratio", "worst_response").
  bool realtime = false;
  double miss_ratio = 0;
  double worst_response = 0;
};

struct SweepResults {
  std::vector<SweepWorkload> workloads;
  std::vector<SweepPolicy> policies;
  std::vector<std::uint64_t> seeds;
  SweepOptions options;
  Shard shard;
  std::vector<CellResult> results;  // ascending cell

  std::uint64_t cell_count() const { return workloads.size() * policies.size() * seeds.size(); }
  std::uint64_t cell_of(std::size_t w, std::size_t p, std::size_t s) const {
    return (static_cast<std::uint64_t>(w) * policies.size() + p) * seeds.size() + s;
  }
  std::size_t workload_of(std::uint64_t cell) const { return cell / (policies.size() * seeds.size()); }
  std::size_t policy_of(std::uint64_t cell) const { return (cell / seeds.size()) % policies.size(); }
  std::size_t seed_of(std::uint64_t cell) const { return cell % seeds.size(); }
  // Same grid and options (what merge checks before combining shards).
  bool same_grid(const SweepResults& o) const {
    return workloads == o.workloads && policies == o.policies && seeds == o.seeds && options == o.options;
  }
};

// A `schedlab compare` command that runs the whole sweep (for reports of merged shards).
std::string sweep_command(const SweepResults& r);

// Seeds as written on the command line: "1..20", "1,5,9", "1..5,10".
std::vector<std::uint64_t> parse_seeds(const std::string& text);
// The inverse, compact: consecutive runs written as LO..HI.
std::string seeds_text(const std::vector<std::uint64_t>& seeds);

}  // namespace schedlab::report

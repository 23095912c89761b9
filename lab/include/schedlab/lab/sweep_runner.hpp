// Running a comparison sweep: every (workload, policy, seed) cell of the grid that
// belongs to this shard, on `jobs` threads, each cell an independent Kernel.
//
// Results never depend on the number of threads: each cell's run is deterministic, its
// record goes to its own slot, and outputs are written in cell order afterwards.
#pragma once

#include <functional>
#include <ostream>
#include <vector>

#include <schedlab/kernel.hpp>

#include <schedlab/lab/workload_source.hpp>
#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {
class SweepCheckpoint;
}

namespace schedlab::lab {

struct SweepPlan {
  std::vector<WorkloadSource> workloads;
  std::vector<PolicyConfig> policies;
  std::vector<std::uint64_t> seeds;
  KernelConfig config;  // its seed is replaced by each cell's
  report::Shard shard;
};

// The empty results of `plan` (grid, options, shard), without running anything.
report::SweepResults sweep_skeleton(const SweepPlan& plan);

// Runs the plan's cells. A progress bar is drawn on `err` when `progress` is set and
// `err` is a terminal. If runs throw, the error of the first failing cell (in the order
// cells are started, which is fixed) is rethrown after the others have stopped.
// With a `checkpoint`, the cells it holds are taken from it instead of run, and every
// cell that ends is recorded in it before it counts as done.
report::SweepResults run_sweep(const SweepPlan& plan, unsigned jobs, std::ostream& err, bool progress,
                               report::SweepCheckpoint* checkpoint = nullptr);

// Calls fn(0) ... fn(n-1) on up to `jobs` threads (0: one per core), claiming indices in
// order. The exception of the lowest failing index is rethrown; after a failure no new
// index is started.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn);

// `jobs`, or the number of cores when it is 0.
unsigned resolve_jobs(unsigned jobs);

}  // namespace schedlab::lab

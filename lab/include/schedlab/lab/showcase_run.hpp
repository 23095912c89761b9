// The traced runs behind a report's Gantt charts and per-process tables: one run per
// policy of a workload's first seed, keeping only what the page can show
// (report::ShowcaseRun).
#pragma once

#include <cstddef>
#include <vector>

#include <schedlab/kernel.hpp>
#include <schedlab/lab/workload_source.hpp>
#include <schedlab/report/showcase.hpp>

namespace schedlab::lab {

struct ShowcaseLimits {
  std::size_t max_slices_per_cpu = 400;  // then the chart covers only the start of the run
  std::size_t max_lane_processes = 24;  // per-process state lanes up to this many processes
  std::size_t max_processes = 200;   // rows of the per-process table
};

report::ShowcaseRun run_showcase(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                                 const ShowcaseLimits& limits = {});

// Every policy on `source` at `seed`, on up to `jobs` threads (0: one per core), in
// policy order: what report::ReportInput::showcase asks for, one workload at a time.
std::vector<report::ShowcaseRun> run_showcases(const WorkloadSource& source, std::uint64_t seed,
                                               const std::vector<PolicyConfig>& policies, KernelConfig config,
                                               unsigned jobs);

}  // namespace schedlab::lab

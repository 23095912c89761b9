// The traced runs behind a report's Gantt charts and per-process tables: one run per
// policy of a workload's first seed, keeping only what the page can show (the first few
// thousand slices, state spans of small workloads, the first processes' metrics).
#pragma once

#include <string>
#include <vector>

#include <schedlab/kernel.hpp>

namespace schedlab::cli {

struct StateSpan {
  TaskId task = kNoTask;
  TaskState state = TaskState::Ready;
  Ticks start = 0;
  Ticks end = 0;
};

struct ShowcaseRun {
  RunResult result;                // processes cut to the first `max_processes`
  std::size_t total_processes = 0;
  std::vector<std::string> names;  // per task
  std::vector<SliceRecord> slices;  // every slice that starts before `complete_until`
  Ticks complete_until = 0;         // the chart is complete up to here
  std::vector<StateSpan> spans;     // Ready/Running/Blocked spans, only for small workloads
};

struct ShowcaseLimits {
  std::size_t max_slices_per_cpu = 400;  // then the chart covers only the start of the run
  std::size_t max_lane_processes = 24;  // per-process state lanes up to this many processes
  std::size_t max_processes = 200;   // rows of the per-process table
};

ShowcaseRun run_showcase(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                         const ShowcaseLimits& limits = {});

}  // namespace schedlab::cli

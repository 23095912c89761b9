// What a report shows of one traced run (a Gantt chart and a per-process table): the
// first few thousand slices, the state spans of small workloads, the first processes'
// metrics. lab::run_showcase() makes one; the writers here only draw it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

namespace schedlab::report {

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

}  // namespace schedlab::report

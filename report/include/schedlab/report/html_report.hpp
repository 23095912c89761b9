// `--report FILE.html`: one self-contained page (inline CSS and SVG, no scripts, no
// network) for a paper or a lecture. Per workload: the summary table, bar charts of the
// averages with the best policy per metric highlighted, box plots of the response time
// across seeds, a Gantt chart per policy (CPU lanes; per-process state lanes for small
// workloads) and per-process tables, plus the exact command that produced it.
#pragma once

#include <string>
#include <vector>

#include <schedlab/kernel.hpp>

#include "output_buffer.hpp"
#include "sweep_results.hpp"
#include "workload_source.hpp"

namespace schedlab::cli {

struct ReportInput {
  const SweepResults& results;
  const std::vector<WorkloadSource>& workloads;  // same order as results.workloads
  const std::vector<PolicyConfig>& policies;     // same order as results.policies
  KernelConfig config;                           // for the showcase runs
  std::string command;                           // the command line that produced it
  unsigned jobs = 0;
  std::string note = {};                         // shown under the command, e.g. what was merged
};

// The Gantt charts and per-process tables come from re-running the first seed of every
// workload with a trace (deterministic: the same as in the sweep).
void write_html_report(OutputBuffer& out, const ReportInput& input);

}  // namespace schedlab::cli

// `--report FILE.html`: one self-contained page (inline CSS and SVG, no scripts, no
// network) for a paper or a lecture. Per workload: the summary table, bar charts of the
// averages with the best policy per metric highlighted, box plots of the response time
// across seeds, a Gantt chart per policy (CPU lanes; per-process state lanes for small
// workloads) and per-process tables, plus the exact command that produced it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/showcase.hpp>
#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {

struct ReportInput {
  const SweepResults& results;
  // The traced runs of workload `w` (index into results.workloads), one per policy in
  // results.policies order, at the sweep's first seed: lab::run_showcases() re-runs them
  // (deterministic: the same runs as in the sweep). Asked once per workload, as its
  // section is written, so only one workload's runs are held at a time.
  std::function<std::vector<ShowcaseRun>(std::size_t w)> showcase;
  std::string command;    // the command line that produced it
  std::string note = {};  // shown under the command, e.g. what was merged
};

void write_html_report(OutputBuffer& out, const ReportInput& input);

}  // namespace schedlab::report

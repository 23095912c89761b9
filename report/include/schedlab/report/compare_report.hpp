// Printing a comparison sweep: a table per workload for people, JSON and a tidy CSV for
// programs (one row per workload x policy x seed x metric: pandas.read_csv and R's
// read.csv load it as is). docs/cli.md describes every field.
#pragma once

#include <string>
#include <vector>

#include <schedlab/run_result.hpp>

#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {

// The metrics every comparison shows, with which direction is better.
struct CompareMetric {
  const char* key;     // for JSON and CSV
  const char* header;  // for the table
  bool lower_is_better;
  double (*get)(const RunResult&);
  bool integer;
};
const std::vector<CompareMetric>& compare_metrics();
// Index of a metric key in compare_metrics(), or -1.
int compare_metric_index(std::string_view key);

// The record a sweep keeps of one run.
CellResult make_cell_result(std::uint64_t cell, const RunResult& r);

// Per (workload, policy): the mean of each metric over the seeds that ran; `runs` = 0
// when none of them is in these results.
struct PolicySummary {
  std::size_t runs = 0;
  bool all_completed = true;
  std::vector<double> means;  // compare_metrics() order
  bool realtime = false;       // the workload has periodic tasks: the two means below
  double miss_ratio = 0;
  double worst_response = 0;
};
std::vector<PolicySummary> summarize(const SweepResults& r, std::size_t workload);
// Whether `v` is the best value of metric `m` among `values` (ties: all are best).
bool is_best_value(std::size_t metric, double v, const std::vector<double>& values);

void write_compare_table(OutputBuffer& out, const SweepResults& r);
void write_compare_json(OutputBuffer& out, const SweepResults& r);
// The CSV of a shard (shard.count > 1) has a last column `cell`, the cell's index in the
// whole grid, so `schedlab merge` can restore the order; an unsharded one does not.
void write_compare_csv(OutputBuffer& out, const SweepResults& r);

// "12.50", "93.1%", "0.0123": how the table shows a metric.
std::string format_metric(std::size_t metric, double v, bool mean_of_several);

}  // namespace schedlab::report

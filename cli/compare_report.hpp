// Printing a comparison of several policies on one workload.
#pragma once

#include <string>
#include <vector>

#include <schedlab/run_result.hpp>

#include "output_buffer.hpp"

namespace schedlab::cli {

struct CompareRow {
  std::string label;  // the spec as given
  RunResult result;
};

// The metrics every comparison shows, with which direction is better.
struct CompareMetric {
  const char* key;     // for JSON and CSV
  const char* header;  // for the table
  bool lower_is_better;
  double (*get)(const RunResult&);
  bool integer;
};
const std::vector<CompareMetric>& compare_metrics();

void write_compare_table(OutputBuffer& out, const std::string& workload, const std::vector<CompareRow>& rows);
void write_compare_json(OutputBuffer& out, const std::string& workload, const std::vector<CompareRow>& rows);
// Tidy long format: one row per workload x policy x seed x metric.
void write_compare_csv(OutputBuffer& out, const std::string& workload, std::uint64_t seed,
                       const std::vector<CompareRow>& rows);

}  // namespace schedlab::cli

// Reading back what `compare --shard K/N` wrote, for `schedlab merge`.
//
// JSON shards describe their sweep in full (grid, options, shard), so merge can check
// that they belong together and that every shard is there. CSV shards carry only the
// `cell` column: merge restores the order from it and checks for gaps and repeats.
#pragma once

#include <string>
#include <vector>

#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {

// Throws InputError ("FILE: error: ...") when the file is not a compare JSON output.
SweepResults read_sweep_json(const std::string& path);

struct CsvRow {
  std::uint64_t cell = 0;
  std::string line;  // the row without its `cell` column, as written
};
// Rows of a shard CSV (header `workload,policy,seed,metric,value,cell`), in file order.
std::vector<CsvRow> read_sweep_csv(const std::string& path);

// Whether the file holds JSON (else it is taken for CSV).
bool looks_like_json(const std::string& path);

}  // namespace schedlab::report

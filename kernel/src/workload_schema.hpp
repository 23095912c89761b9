// Reading the workload schema from a YAML event cursor into a Workload.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <schedlab/workload.hpp>
#include <schedlab/workload_loader.hpp>

#include "name_index.hpp"
#include "yaml_cursor.hpp"

namespace schedlab::detail {

// For reading the first part of a split file: stop at the process entry that starts at
// this position (line 0: read everything).
struct StopAt {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct SchemaResult {
  std::vector<std::pair<std::string, SourcePos>> root_keys;  // in file order
  bool stopped = false;       // the read ended at or after StopAt
  bool reached_stop = false;  // ... exactly at a process entry starting there
};

// Append everything `cursor` reads to `out` (whose processes `names` indexes). Throws
// InputError.
void read_workload(YamlCursor& cursor, const LoadLimits& limits, Workload& out, NameIndex& names, const StopAt& stop,
                   SchemaResult* result = nullptr);

}  // namespace schedlab::detail

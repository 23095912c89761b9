// Reading workload files (YAML; format in docs/workload-format.md).
//
// The loader streams libyaml's events straight into a Workload: memory stays bounded by
// the result, not by a document tree, and every error names FILE:LINE:COL. All errors
// are InputError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <schedlab/workload.hpp>

namespace schedlab {

struct LoadLimits {
  std::size_t max_processes = 10'000'000;
  std::size_t max_depth = 64;        // nesting of programs inside programs
  CpuId max_cpus = 4096;
  Ticks max_ticks = 1'000'000'000'000'000;  // 10^15: any time or duration in the file
  // Files at least this big are read by two parsers at once (when they are block lists
  // of processes and the machine has two cores).
  std::uintmax_t split_threshold = 8u << 20;
};

Workload load_workload_file(const std::string& path, const LoadLimits& limits = {});
// `source` is the name used in messages.
Workload load_workload_string(std::string_view yaml, const std::string& source = "<string>",
                              const LoadLimits& limits = {});

}  // namespace schedlab

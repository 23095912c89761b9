// Writing a finished sweep (shared by compare and merge): the chosen format to a file or
// stdout, and the exit status it implies.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "common.hpp"
#include "output_buffer.hpp"
#include "sweep_results.hpp"

namespace schedlab::cli {

// Calls `write` with a buffer on the file at `path`, or on `fallback` when `path` is
// empty or "-". A file that cannot be opened is a usage error (exit 2).
void write_to_path(const std::string& path, std::ostream& fallback, const std::function<void(OutputBuffer&)>& write);

// `results` as a table, JSON or CSV.
void write_sweep(const SweepResults& results, Format format, const std::string& path, std::ostream& out);

// 3 (with one line on `err`) if a run deadlocked, else 0.
int sweep_exit_code(const SweepResults& results, std::ostream& err, const std::string& command);

}  // namespace schedlab::cli

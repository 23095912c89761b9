// Writing a finished sweep (shared by compare and merge): the chosen format to a file or
// stdout.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/output_format.hpp>
#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {

// Calls `write` with a buffer on the file at `path`, or on `fallback` when `path` is
// empty or "-". The file is written whole or not at all (AtomicFile): a file that cannot
// be written throws WriteError (exit 1) and leaves what was at `path` untouched.
void write_to_path(const std::string& path, std::ostream& fallback, const std::function<void(OutputBuffer&)>& write);

// `results` as a table, JSON or CSV.
void write_sweep(const SweepResults& results, Format format, const std::string& path, std::ostream& out);

}  // namespace schedlab::report

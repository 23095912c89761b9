// Printing one run: a table for people, JSON and CSV for programs.
#pragma once

#include <schedlab/run_result.hpp>

#include "output_buffer.hpp"

namespace schedlab::cli {

void write_run_table(OutputBuffer& out, const RunResult& r);
void write_run_json(OutputBuffer& out, const RunResult& r);
void write_run_csv(OutputBuffer& out, const RunResult& r);
// Threads, shared variables, printed output, failed forks and a deadlock report, when
// the run has any (part of the table).
void write_run_extras(OutputBuffer& out, const RunResult& r);

// "12.50" style fixed formatting used by tables.
std::string fixed2(double v);
std::string percent(double v);

}  // namespace schedlab::cli

// Printing one run: a table for people, JSON and CSV for programs.
#pragma once

#include <schedlab/run_result.hpp>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::report {

void write_run_table(OutputBuffer& out, const RunResult& r);
void write_run_json(OutputBuffer& out, const RunResult& r);
void write_run_csv(OutputBuffer& out, const RunResult& r);
// The same documents in pieces, for a run that streams its processes (MetricsSink):
// head, then each process in pid order, then tail. Byte for byte what the above write.
void write_run_json_head(OutputBuffer& out, const RunResult& totals);
void write_process_json(OutputBuffer& out, const RunResult& totals, const ProcessMetrics& p, bool first);
void write_run_json_tail(OutputBuffer& out, const RunResult& r);
void write_run_csv_head(OutputBuffer& out);
void write_process_csv(OutputBuffer& out, const ProcessMetrics& p);
// Threads, shared variables, printed output, failed forks and a deadlock report, when
// the run has any (part of the table).
void write_run_extras(OutputBuffer& out, const RunResult& r);

// "12.50" style fixed formatting used by tables.
std::string fixed2(double v);
std::string percent(double v);

}  // namespace schedlab::report

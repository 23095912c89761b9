// Real-time figures of a run: jobs and periodic tasks (RunResult::realtime, ::jobs).
// Each writes nothing for a run without periodic tasks.
#pragma once

#include <fmt/format.h>

#include <schedlab/run_result.hpp>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::report {

// The per-task table and the run's deadline-miss line (part of the run table).
void write_realtime_table(OutputBuffer& out, const RunResult& r);
// `,"realtime":{...},"jobs":[...]` for the JSON report (inside its top-level object).
void append_realtime_json(fmt::memory_buffer& b, const RunResult& r);
// `--format csv --jobs`: a header and one row per job, in release order.
void write_jobs_csv(OutputBuffer& out, const RunResult& r);

}  // namespace schedlab::report

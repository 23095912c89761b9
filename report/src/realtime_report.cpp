// Real-time figures of a run (docs/metrics.md, "Real-time"): the per-task table under
// the run table, the "realtime" summary and "jobs" list of the JSON report, and the
// one-row-per-job CSV. Written only for workloads with periodic tasks, so the reports of
// other workloads stay byte for byte what they were.
#include <schedlab/report/realtime_report.hpp>

#include <iterator>

#include <schedlab/report/run_report.hpp>
#include <schedlab/report/text_table.hpp>

namespace schedlab::report {

namespace {
// A figure that exists only for completed jobs: "null" (JSON) or "" (CSV) otherwise.
std::string or_null(bool have, Ticks v, const char* none) { return have ? std::to_string(v) : std::string(none); }
}  // namespace

void write_realtime_table(OutputBuffer& out, const RunResult& r) {
  if (r.realtime.empty()) return;
  out.write("\nreal-time tasks\n");
  TextTable t;
  using A = TextTable::Align;
  for (const char* h : {"task", "period", "deadline", "jobs", "missed", "aborted", "worst resp", "mean resp",
                        "worst late", "preempt", "migr"})
    t.add_column(h, std::string_view(h) == "task" ? A::Left : A::Right);
  for (const RealtimeTaskMetrics& m : r.realtime) {
    const bool any = m.completed > 0;
    t.add_row({m.name, std::to_string(m.period), std::to_string(m.deadline), std::to_string(m.jobs),
               std::to_string(m.misses), std::to_string(m.aborted), or_null(any, m.worst_response, "-"),
               any ? fixed2(m.mean_response) : "-", or_null(any, m.worst_lateness, "-"), std::to_string(m.preemptions),
               std::to_string(m.migrations)});
  }
  t.render(out);
  const RealtimeSummary& s = r.realtime_summary;
  out.print("\ndeadline misses {} of {} jobs ({}){}\n", s.misses, s.jobs, percent(s.miss_ratio),
            s.aborted > 0 ? fmt::format(", {} aborted", s.aborted) : std::string());
}

void append_realtime_json(fmt::memory_buffer& b, const RunResult& r) {
  if (r.realtime.empty()) return;
  auto it = std::back_inserter(b);
  const RealtimeSummary& s = r.realtime_summary;
  fmt::format_to(it, ",\"realtime\":{{\"jobs\":{},\"misses\":{},\"aborted\":{},\"miss_ratio\":", s.jobs, s.misses,
                 s.aborted);
  append_json_double(b, s.miss_ratio);
  b.append(std::string_view(",\"tasks\":["));
  for (std::size_t i = 0; i < r.realtime.size(); ++i) {
    const RealtimeTaskMetrics& m = r.realtime[i];
    const bool any = m.completed > 0;
    b.append(std::string_view(i == 0 ? "{\"name\":" : ",{\"name\":"));
    append_json_string(b, m.name);
    fmt::format_to(it, ",\"period\":{},\"deadline\":{},\"jobs\":{},\"completed\":{},\"misses\":{},\"aborted\":{},"
                       "\"worst_response\":{},\"mean_response\":",
                   m.period, m.deadline, m.jobs, m.completed, m.misses, m.aborted, or_null(any, m.worst_response, "null"));
    if (any) append_json_double(b, m.mean_response);
    else b.append(std::string_view("null"));
    fmt::format_to(it, ",\"worst_lateness\":{},\"preemptions\":{},\"migrations\":{}}}",
                   or_null(any, m.worst_lateness, "null"), m.preemptions, m.migrations);
  }
  b.append(std::string_view("]},\"jobs\":["));
  for (std::size_t i = 0; i < r.jobs.size(); ++i) {
    const JobMetrics& j = r.jobs[i];
    b.append(std::string_view(i == 0 ? "\n{\"task\":" : ",\n{\"task\":"));
    append_json_string(b, r.realtime[j.task].name);
    fmt::format_to(it,
                   ",\"job\":{},\"pid\":{},\"release\":{},\"deadline\":{},\"start\":{},\"completion\":{},"
                   "\"response\":{},\"lateness\":{},\"missed\":{},\"aborted\":{}}}",
                   j.number, j.pid, j.release, j.deadline, or_null(j.start >= 0, j.start, "null"),
                   or_null(j.completed(), j.completion, "null"), or_null(j.completed(), j.response(), "null"),
                   or_null(j.completed(), j.lateness(), "null"), j.missed, j.aborted);
  }
  b.append(std::string_view("\n]"));
}

void write_jobs_csv(OutputBuffer& out, const RunResult& r) {
  out.write("task,job,pid,release,deadline,start,completion,response,lateness,missed,aborted\n");
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  for (const JobMetrics& j : r.jobs) {
    append_csv_field(b, r.realtime[j.task].name);
    fmt::format_to(it, ",{},{},{},{},{},{},{},{},{},{}\n", j.number, j.pid, j.release, j.deadline,
                   or_null(j.start >= 0, j.start, ""), or_null(j.completed(), j.completion, ""),
                   or_null(j.completed(), j.response(), ""), or_null(j.completed(), j.lateness(), ""), j.missed,
                   j.aborted);
    if (b.size() > (1u << 20)) out.flush();
  }
}

}  // namespace schedlab::report

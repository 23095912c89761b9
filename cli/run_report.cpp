#include "run_report.hpp"

#include <iterator>

#include "text_table.hpp"

namespace schedlab::cli {

std::string fixed2(double v) { return fmt::format("{:.2f}", v); }
std::string percent(double v) { return fmt::format("{:.1f}%", v * 100.0); }

namespace {
std::string or_dash(Ticks t) { return t < 0 ? std::string("-") : std::to_string(t); }
}  // namespace

void write_run_table(OutputBuffer& out, const RunResult& r) {
  out.print("workload: {}   policy: {}   cpus: {}   status: {}\n", r.workload.empty() ? "(unnamed)" : r.workload,
            r.policy, r.cpus, to_string(r.status));
  if (!r.status_detail.empty()) out.print("note: {}\n", r.status_detail);
  out.write("\n");
  TextTable t;
  using A = TextTable::Align;
  for (const char* h : {"pid", "name", "arrival", "first run", "completion", "turnaround", "response", "waiting",
                        "cpu", "io", "exit"})
    t.add_column(h, std::string_view(h) == "name" || std::string_view(h) == "exit" ? A::Left : A::Right);
  for (const ProcessMetrics& p : r.processes) {
    const bool done = p.completion >= 0;
    t.add_row({std::to_string(p.pid), p.name, std::to_string(p.arrival), or_dash(p.first_run), or_dash(p.completion),
               done ? std::to_string(p.turnaround) : "-", p.first_run >= 0 ? std::to_string(p.response) : "-",
               std::to_string(p.waiting), std::to_string(p.cpu_time), std::to_string(p.io_time),
               p.exit_reason == ExitReason::None ? std::string("(running)")
                                                 : fmt::format("{} {}", p.exit_code, to_string(p.exit_reason))});
  }
  t.add_rule();
  t.add_row({"", "average", "", "", "", fixed2(r.averages.turnaround), fixed2(r.averages.response),
             fixed2(r.averages.waiting), "", "", ""});
  t.render(out);
  out.print("\nmakespan {} · CPU utilization {} · throughput {:.4f}/tick · context switches {}\n", r.makespan,
            percent(r.cpu_utilization), r.throughput, r.context_switches);
}

void write_run_json(OutputBuffer& out, const RunResult& r) {
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  b.append(std::string_view("{\"policy\":"));
  append_json_string(b, r.policy);
  b.append(std::string_view(",\"workload\":"));
  append_json_string(b, r.workload);
  fmt::format_to(it, ",\"cpus\":{},\"status\":\"{}\"", r.cpus, to_string(r.status));
  if (!r.status_detail.empty()) {
    b.append(std::string_view(",\"status_detail\":"));
    append_json_string(b, r.status_detail);
  }
  fmt::format_to(it, ",\"end_time\":{},\"makespan\":{},\"cpu_utilization\":", r.end_time, r.makespan);
  append_json_double(b, r.cpu_utilization);
  b.append(std::string_view(",\"throughput\":"));
  append_json_double(b, r.throughput);
  b.append(std::string_view(",\"fairness\":"));
  append_json_double(b, r.fairness);
  fmt::format_to(it, ",\"context_switches\":{},\"migrations\":{},\"events\":{},\"cpu_busy\":[{}]", r.context_switches, r.migrations, r.events,
                 fmt::join(r.cpu_busy, ","));
  b.append(std::string_view(",\"processes\":["));
  bool first = true;
  for (const ProcessMetrics& p : r.processes) {
    b.append(std::string_view(first ? "\n{\"pid\":" : ",\n{\"pid\":"));
    first = false;
    fmt::format_to(it, "{},\"ppid\":{},\"name\":", p.pid, p.ppid);
    append_json_string(b, p.name);
    fmt::format_to(it,
                   ",\"arrival\":{},\"first_run\":{},\"completion\":{},\"turnaround\":{},\"response\":{},"
                   "\"waiting\":{},\"cpu_time\":{},\"io_time\":{},\"blocked_time\":{},\"exit_code\":{},"
                   "\"exit_reason\":\"{}\",\"priority\":{},\"tickets\":{},\"nice\":{}}}",
                   p.arrival, p.first_run, p.completion, p.turnaround, p.response, p.waiting, p.cpu_time, p.io_time,
                   p.blocked_time, p.exit_code, to_string(p.exit_reason), p.priority, p.tickets, p.nice);
    if (b.size() > (1u << 20)) out.flush();
  }
  b.append(std::string_view("\n],\"averages\":{\"turnaround\":"));
  append_json_double(b, r.averages.turnaround);
  b.append(std::string_view(",\"response\":"));
  append_json_double(b, r.averages.response);
  b.append(std::string_view(",\"waiting\":"));
  append_json_double(b, r.averages.waiting);
  b.append(std::string_view("}}\n"));
}

void write_run_csv(OutputBuffer& out, const RunResult& r) {
  out.write("pid,ppid,name,arrival,first_run,completion,turnaround,response,waiting,cpu_time,io_time,blocked_time,"
            "exit_code,exit_reason\n");
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  for (const ProcessMetrics& p : r.processes) {
    fmt::format_to(it, "{},{},", p.pid, p.ppid);
    append_csv_field(b, p.name);
    fmt::format_to(it, ",{},{},{},{},{},{},{},{},{},{},{}\n", p.arrival, p.first_run, p.completion, p.turnaround,
                   p.response, p.waiting, p.cpu_time, p.io_time, p.blocked_time, p.exit_code,
                   to_string(p.exit_reason));
    if (b.size() > (1u << 20)) out.flush();
  }
}

}  // namespace schedlab::cli

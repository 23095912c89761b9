#include <schedlab/report/run_report.hpp>

#include <fmt/compile.h>
#include <iterator>

#include <schedlab/report/realtime_report.hpp>
#include <schedlab/report/text_table.hpp>

namespace schedlab::report {

std::string fixed2(double v) { return fmt::format("{:.2f}", v); }
std::string percent(double v) { return fmt::format("{:.1f}%", v * 100.0); }

namespace {
std::string or_dash(Ticks t) { return t < 0 ? std::string("-") : std::to_string(t); }

void append_wait(fmt::memory_buffer& b, const DeadlockReport::Wait& w) {
  auto it = std::back_inserter(b);
  fmt::format_to(it, "{{\"task\":{},\"name\":", w.task);
  append_json_string(b, w.task_name);
  b.append(std::string_view(",\"waits_for\":"));
  append_json_string(b, w.waits_for);
  if (w.held_by != kNoTask) {
    fmt::format_to(it, ",\"held_by\":{},\"held_by_name\":", w.held_by);
    append_json_string(b, w.held_by_name);
  }
  b.append(std::string_view(",\"holds\":["));
  for (std::size_t i = 0; i < w.holds.size(); ++i) {
    if (i > 0) b.push_back(',');
    append_json_string(b, w.holds[i]);
  }
  b.append(std::string_view("]}"));
}
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
               p.exit_reason == ExitReason::None ? fmt::format("({})", to_string(p.state))
                                                 : fmt::format("{} {}", p.exit_code, to_string(p.exit_reason))});
  }
  t.add_rule();
  t.add_row({"", "average", "", "", "", fixed2(r.averages.turnaround), fixed2(r.averages.response),
             fixed2(r.averages.waiting), "", "", ""});
  t.render(out);
  out.print("\nmakespan {} · CPU utilization {} · throughput {:.4f}/tick · context switches {}", r.makespan,
            percent(r.cpu_utilization), r.throughput, r.context_switches);
  if (r.switch_overhead > 0) out.print(" ({} ticks of CPU spent switching)", r.switch_overhead);
  out.write("\n");
  write_realtime_table(out, r);
  write_run_extras(out, r);
}

void write_run_extras(OutputBuffer& out, const RunResult& r) {
  bool any_threads = false;
  for (const ProcessMetrics& p : r.processes) any_threads |= !p.threads.empty();
  if (any_threads) {
    out.write("\nthreads\n");
    TextTable t;
    using A = TextTable::Align;
    for (const char* h : {"pid", "tid", "thread", "arrival", "first run", "completion", "waiting", "cpu", "exit"})
      t.add_column(h, std::string_view(h) == "thread" || std::string_view(h) == "exit" ? A::Left : A::Right);
    for (const ProcessMetrics& p : r.processes)
      for (const ThreadMetrics& th : p.threads)
        t.add_row({std::to_string(p.pid), std::to_string(th.tid), th.name + (th.daemon ? " (daemon)" : ""),
                   std::to_string(th.arrival), or_dash(th.first_run), or_dash(th.completion), std::to_string(th.waiting),
                   std::to_string(th.cpu_time),
                   th.exit_reason == ExitReason::None ? std::string(to_string(th.state))
                                                      : fmt::format("{} {}", th.exit_code, to_string(th.exit_reason))});
    t.render(out);
  }
  if (!r.variables.empty()) {
    out.write("\nshared variables at the end:");
    for (const auto& [name, value] : r.variables) out.print(" {} = {}", name, value);
    out.write("\n");
  }
  if (!r.output.empty()) {
    out.write("\noutput\n");
    for (const OutputLine& line : r.output) out.print("  t={:<6} {}: {}\n", line.time, line.task, line.text);
  }
  if (r.forks_failed > 0) out.print("\n{} fork{} failed: the process limit was reached\n", r.forks_failed, r.forks_failed == 1 ? "" : "s");
  if (r.deadlock) {
    const DeadlockReport& d = *r.deadlock;
    out.print("\nDEADLOCK at t={}: no task can ever run again\n", r.end_time);
    const auto& list = d.cycle.empty() ? d.blocked : d.cycle;
    out.write(d.cycle.empty() ? "  blocked forever:\n" : "  wait-for cycle:\n");
    for (const DeadlockReport::Wait& w : list)
      out.print("    {}{} waits for {}{}\n", w.task_name,
                w.holds.empty() ? std::string() : fmt::format(" (holds {})", fmt::join(w.holds, ", ")), w.waits_for,
                w.releaser_phrase);
  }
}

void write_run_json_head(OutputBuffer& out, const RunResult& r) {
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
  if (r.switch_overhead > 0) fmt::format_to(it, ",\"switch_overhead\":{}", r.switch_overhead);
  fmt::format_to(it, ",\"context_switches\":{},\"migrations\":{},\"events\":{},\"cpu_busy\":[{}]", r.context_switches, r.migrations, r.events,
                 fmt::join(r.cpu_busy, ","));
  b.append(std::string_view(",\"processes\":["));
}

void write_process_json(OutputBuffer& out, const RunResult& r, const ProcessMetrics& p, bool first) {
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  b.append(std::string_view(first ? "\n{\"pid\":" : ",\n{\"pid\":"));
  // Compiled formats: a million of these lines must not re-parse the format each time.
  fmt::format_to(it, FMT_COMPILE("{},\"ppid\":{},\"name\":"), p.pid, p.ppid);
  append_json_string(b, p.name);
  fmt::format_to(it,
                 FMT_COMPILE(",\"arrival\":{},\"first_run\":{},\"completion\":{},\"turnaround\":{},\"response\":{},"
                             "\"waiting\":{},\"cpu_time\":{},\"io_time\":{},\"blocked_time\":{},\"exit_code\":{},"
                             "\"exit_reason\":\"{}\",\"priority\":{},\"tickets\":{},\"nice\":{}}}"),
                 p.arrival, p.first_run, p.completion, p.turnaround, p.response, p.waiting, p.cpu_time, p.io_time,
                 p.blocked_time, p.exit_code, to_string(p.exit_reason), p.priority, p.tickets, p.nice);
  if (r.switch_overhead > 0) {
    b.resize(b.size() - 1);  // reopen the object
    fmt::format_to(it, ",\"switch_time\":{}}}", p.switch_time);
  }
  if (p.state != ProcessState::Ended || p.daemon || !p.threads.empty()) {
    b.resize(b.size() - 1);  // reopen the object
    fmt::format_to(it, ",\"state\":\"{}\",\"daemon\":{}", to_string(p.state), p.daemon);
    if (!p.threads.empty()) {
      b.append(std::string_view(",\"threads\":["));
      bool first_thread = true;
      for (const ThreadMetrics& th : p.threads) {
        if (!first_thread) b.push_back(',');
        first_thread = false;
        fmt::format_to(it, "{{\"tid\":{},\"name\":", th.tid);
        append_json_string(b, th.name);
        fmt::format_to(it,
                       ",\"arrival\":{},\"first_run\":{},\"completion\":{},\"waiting\":{},\"cpu_time\":{},"
                       "\"io_time\":{},\"blocked_time\":{},\"exit_code\":{},\"exit_reason\":\"{}\","
                       "\"state\":\"{}\",\"daemon\":{}}}",
                       th.arrival, th.first_run, th.completion, th.waiting, th.cpu_time, th.io_time, th.blocked_time,
                       th.exit_code, to_string(th.exit_reason), to_string(th.state), th.daemon);
      }
      b.push_back(']');
    }
    b.push_back('}');
  }
  if (b.size() > (1u << 20)) out.flush();
}

void write_run_json_tail(OutputBuffer& out, const RunResult& r) {
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  b.append(std::string_view("\n],\"averages\":{\"turnaround\":"));
  append_json_double(b, r.averages.turnaround);
  b.append(std::string_view(",\"response\":"));
  append_json_double(b, r.averages.response);
  b.append(std::string_view(",\"waiting\":"));
  append_json_double(b, r.averages.waiting);
  b.append(std::string_view("}"));
  if (!r.variables.empty()) {
    b.append(std::string_view(",\"variables\":{"));
    for (std::size_t i = 0; i < r.variables.size(); ++i) {
      if (i > 0) b.push_back(',');
      append_json_string(b, r.variables[i].first);
      fmt::format_to(it, ":{}", r.variables[i].second);
    }
    b.push_back('}');
  }
  if (!r.output.empty()) {
    b.append(std::string_view(",\"output\":["));
    for (std::size_t i = 0; i < r.output.size(); ++i) {
      if (i > 0) b.push_back(',');
      fmt::format_to(it, "{{\"time\":{},\"task\":", r.output[i].time);
      append_json_string(b, r.output[i].task);
      b.append(std::string_view(",\"text\":"));
      append_json_string(b, r.output[i].text);
      b.push_back('}');
    }
    b.push_back(']');
  }
  if (r.forks_failed > 0) fmt::format_to(it, ",\"forks_failed\":{}", r.forks_failed);
  if (r.deadlock) {
    b.append(std::string_view(",\"deadlock\":{\"summary\":"));
    append_json_string(b, r.deadlock->summary);
    b.append(std::string_view(",\"cycle\":["));
    for (std::size_t i = 0; i < r.deadlock->cycle.size(); ++i) {
      if (i > 0) b.push_back(',');
      append_wait(b, r.deadlock->cycle[i]);
    }
    b.append(std::string_view("],\"blocked\":["));
    for (std::size_t i = 0; i < r.deadlock->blocked.size(); ++i) {
      if (i > 0) b.push_back(',');
      append_wait(b, r.deadlock->blocked[i]);
    }
    b.append(std::string_view("]}"));
  }
  append_realtime_json(b, r);
  b.append(std::string_view("}\n"));
}

void write_run_json(OutputBuffer& out, const RunResult& r) {
  write_run_json_head(out, r);
  bool first = true;
  for (const ProcessMetrics& p : r.processes) {
    write_process_json(out, r, p, first);
    first = false;
  }
  write_run_json_tail(out, r);
}

void write_run_csv_head(OutputBuffer& out) {
  out.write("pid,ppid,name,arrival,first_run,completion,turnaround,response,waiting,cpu_time,io_time,blocked_time,"
            "exit_code,exit_reason\n");
}

void write_process_csv(OutputBuffer& out, const ProcessMetrics& p) {
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  fmt::format_to(it, FMT_COMPILE("{},{},"), p.pid, p.ppid);
  append_csv_field(b, p.name);
  fmt::format_to(it, FMT_COMPILE(",{},{},{},{},{},{},{},{},{},{},{}\n"), p.arrival, p.first_run, p.completion,
                 p.turnaround, p.response, p.waiting, p.cpu_time, p.io_time, p.blocked_time, p.exit_code,
                 to_string(p.exit_reason));
  if (b.size() > (1u << 20)) out.flush();
}

void write_run_csv(OutputBuffer& out, const RunResult& r) {
  write_run_csv_head(out);
  for (const ProcessMetrics& p : r.processes) write_process_csv(out, p);
}

}  // namespace schedlab::report

// `schedlab analyze` output (docs/realtime.md): a table for people, JSON for programs.
// Both are functions of the analysis only, so they are byte-identical run to run.
#include <schedlab/lab/rt_analysis.hpp>

#include <iterator>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::lab {

namespace {

using Out = fmt::memory_buffer;

template <typename... Args>
void put(Out& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string_view heuristic_name(Heuristic h) {
  return h == Heuristic::FirstFitDecreasing ? "first-fit-decreasing" : "worst-fit-decreasing";
}

std::string bound_verdict(bool applies, bool ok) {
  return !applies ? "not-applicable" : ok ? "schedulable" : "inconclusive";
}

std::string value(const Fraction& f) { return fmt::format("{:.4f}", static_cast<double>(f.approx)); }

// "85", "85 !" (late), "none" (unbounded busy period) or "?" (gave up).
std::string response_cell(const TaskResponse& r) {
  switch (r.bound) {
    case Bound::Finite: return r.schedulable ? fmt::format("{}", r.worst) : fmt::format("{} !", r.worst);
    case Bound::Unbounded: return "inf !";
    case Bound::GaveUp: return "?";
  }
  return "?";
}

std::string fixed_verdict(const FixedPriorityAnalysis& f) {
  std::string s = f.schedulable ? "schedulable" : "not schedulable";
  if (!f.exact) s += f.schedulable ? " (sufficient: offsets or ties)" : " (by upper bounds: offsets or ties)";
  return s;
}

void table_tasks(Out& out, const RtAnalysis& a) {
  fmt::format_to(std::back_inserter(out), "{:<12} {:>8} {:>8} {:>8} {:>8} {:>12} {:>8} {:>8} {:>8}\n", "task", "offset",
                 "C", "T", "D", "U", "R rm", "R dm", "R fp");
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const RtTask& t = a.tasks[i];
    fmt::format_to(std::back_inserter(out), "{:<12} {:>8} {:>8} {:>8} {:>8} {:>12} {:>8} {:>8} {:>8}\n", t.name,
                   t.offset, t.wcet, t.period, t.deadline, a.utilization[i].text(), response_cell(a.fixed[0].tasks[i]),
                   response_cell(a.fixed[1].tasks[i]), response_cell(a.fixed[2].tasks[i]));
  }
}

void table_multi(Out& out, const RtAnalysis& a) {
  for (const Partition& p : a.partitions) {
    fmt::format_to(std::back_inserter(out), "{} (EDF on each CPU): {}\n", heuristic_name(p.heuristic),
                   p.success ? "schedulable" : "fails");
    for (std::uint32_t c = 0; c < a.cpus; ++c) {
      fmt::format_to(std::back_inserter(out), "  CPU {}: U {}:", c, p.utilization[c].text());
      for (std::size_t i = 0; i < a.tasks.size(); ++i)
        if (p.cpu[i] == static_cast<int>(c)) fmt::format_to(std::back_inserter(out), " {}", a.tasks[i].name);
      out.push_back('\n');
    }
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
      if (p.cpu[i] >= 0) fmt::format_to(std::back_inserter(out), "  - {{name: {}, affinity: [{}]}}\n", a.tasks[i].name, p.cpu[i]);
      else fmt::format_to(std::back_inserter(out), "  - {}: fits on no CPU\n", a.tasks[i].name);
    }
  }
  const GfbTest& g = *a.gfb;
  fmt::format_to(std::back_inserter(out), "global EDF, GFB test: {} {} <= m - (m-1) max = {}: {}\n",
                 g.density ? "density" : "U", g.total.text(), g.limit.text(), g.schedulable ? "schedulable" : "inconclusive");
}

}  // namespace

void append_analysis_table(Out& out, const RtAnalysis& a) {
  put(out, "{}: {} periodic task{} on {} CPU{}", a.source, a.tasks.size(), a.tasks.size() == 1 ? "" : "s", a.cpus,
      a.cpus == 1 ? "" : "s");
  if (a.ordinary_processes > 0) put(out, " ({} ordinary process{} not analysed)", a.ordinary_processes, a.ordinary_processes == 1 ? "" : "es");
  put(out, "\n\n");
  table_tasks(out, a);
  put(out, "\nutilization: {} = {}\n", a.total.text(), value(a.total));
  const std::string na = a.implicit_or_longer ? "" : " (not applicable: a deadline is shorter than its period)";
  put(out, "Liu & Layland bound (rm): U <= {:.4f}: {}{}\n", static_cast<double>(a.liu_layland),
      bound_verdict(a.implicit_or_longer, a.liu_layland_ok), na);
  put(out, "hyperbolic bound (rm): prod(U+1) = {} <= 2: {}{}\n", a.hyperbolic.text(),
      bound_verdict(a.implicit_or_longer, a.hyperbolic_ok), na);
  for (const FixedPriorityAnalysis& f : a.fixed)
    put(out, "response-time analysis ({}): {}\n", fixed_priority_name(f.order), fixed_verdict(f));
  put(out, "EDF processor-demand test: ");
  if (!a.edf.decided) put(out, "not decided (busy period too long to check)\n");
  else if (a.edf.schedulable) put(out, "schedulable (every deadline up to the busy period {} checked)\n", a.edf.busy_period);
  else if (a.edf.failure >= 0) put(out, "not schedulable (demand {} > {} at t = {})\n", a.edf.demand_at_failure, a.edf.failure, a.edf.failure);
  else put(out, "not schedulable (utilization above 1)\n");
  if (a.cpus > 1) {
    put(out, "\non {} CPUs (the tests above are for one CPU):\n", a.cpus);
    table_multi(out, a);
  }
}

namespace {

void json_fraction(Out& out, const Fraction& f) {
  fmt::format_to(std::back_inserter(out), "{{\"fraction\": \"{}\", \"value\": {:.6f}}}", f.text(), static_cast<double>(f.approx));
}

void json_response(Out& out, const TaskResponse& r) {
  fmt::format_to(std::back_inserter(out), "{{\"rank\": {}, \"response\": ", r.rank);
  if (r.bound == Bound::Finite) fmt::format_to(std::back_inserter(out), "{}", r.worst);
  else out.append(std::string_view("null"));
  fmt::format_to(std::back_inserter(out), ", \"bounded\": {}, \"schedulable\": {}}}", r.bound != Bound::Unbounded ? "true" : "false",
                 r.schedulable ? "true" : "false");
}

void json_tasks(Out& out, const RtAnalysis& a) {
  out.append(std::string_view("  \"tasks\": ["));
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const RtTask& t = a.tasks[i];
    out.append(std::string_view(i == 0 ? "\n    {\"name\": " : ",\n    {\"name\": "));
    report::append_json_string(out, t.name);
    fmt::format_to(std::back_inserter(out), ", \"offset\": {}, \"period\": {}, \"deadline\": {}, \"wcet\": {}, \"sporadic\": {}, \"utilization\": ",
                   t.offset, t.period, t.deadline, t.wcet, t.sporadic ? "true" : "false");
    json_fraction(out, a.utilization[i]);
    for (const FixedPriorityAnalysis& f : a.fixed) {
      fmt::format_to(std::back_inserter(out), ", \"{}\": ", fixed_priority_name(f.order));
      json_response(out, f.tasks[i]);
    }
    out.push_back('}');
  }
  out.append(std::string_view("\n  ],\n"));
}

void json_multi(Out& out, const RtAnalysis& a) {
  out.append(std::string_view(",\n  \"partitions\": ["));
  for (std::size_t k = 0; k < a.partitions.size(); ++k) {
    const Partition& p = a.partitions[k];
    fmt::format_to(std::back_inserter(out), "{}\n    {{\"heuristic\": \"{}\", \"schedulable\": {}, \"cpu\": [{}], \"utilization\": [",
                   k == 0 ? "" : ",", heuristic_name(p.heuristic), p.success ? "true" : "false", fmt::join(p.cpu, ", "));
    for (std::size_t c = 0; c < p.utilization.size(); ++c) {
      if (c > 0) out.append(std::string_view(", "));
      json_fraction(out, p.utilization[c]);
    }
    out.append(std::string_view("]}"));
  }
  const GfbTest& g = *a.gfb;
  fmt::format_to(std::back_inserter(out), "\n  ],\n  \"gfb\": {{\"density\": {}, \"total\": ", g.density ? "true" : "false");
  json_fraction(out, g.total);
  out.append(std::string_view(", \"limit\": "));
  json_fraction(out, g.limit);
  fmt::format_to(std::back_inserter(out), ", \"schedulable\": {}}}", g.schedulable ? "true" : "false");
}

}  // namespace

void append_analysis_json(Out& out, const RtAnalysis& a) {
  out.append(std::string_view("{\n  \"workload\": "));
  report::append_json_string(out, a.source);
  put(out, ",\n  \"cpus\": {},\n  \"ordinary_processes\": {},\n", a.cpus, a.ordinary_processes);
  json_tasks(out, a);
  out.append(std::string_view("  \"utilization\": "));
  json_fraction(out, a.total);
  put(out, ",\n  \"liu_layland\": {{\"bound\": {:.6f}, \"verdict\": \"{}\"}},\n", static_cast<double>(a.liu_layland),
      bound_verdict(a.implicit_or_longer, a.liu_layland_ok));
  out.append(std::string_view("  \"hyperbolic\": {\"product\": "));
  json_fraction(out, a.hyperbolic);
  put(out, ", \"verdict\": \"{}\"}},\n", bound_verdict(a.implicit_or_longer, a.hyperbolic_ok));
  for (const FixedPriorityAnalysis& f : a.fixed)
    put(out, "  \"{}\": {{\"schedulable\": {}, \"exact\": {}}},\n", fixed_priority_name(f.order), f.schedulable ? "true" : "false",
        f.exact ? "true" : "false");
  put(out, "  \"edf_demand\": {{\"schedulable\": {}, \"decided\": {}, \"busy_period\": {}, \"failure\": ", a.edf.schedulable ? "true" : "false",
      a.edf.decided ? "true" : "false", a.edf.busy_period);
  if (a.edf.failure >= 0) put(out, "{{\"t\": {}, \"demand\": {}}}}}", a.edf.failure, a.edf.demand_at_failure);
  else put(out, "null}}");
  if (a.cpus > 1) json_multi(out, a);
  out.append(std::string_view("\n}\n"));
}

}  // namespace schedlab::lab

#include <schedlab/report/html_report.hpp>

#include <algorithm>
#include <memory>

#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/gantt_svg.hpp>
#include <schedlab/report/html_util.hpp>
#include <schedlab/report/run_report.hpp>
#include <schedlab/report/svg_charts.hpp>

#include "html_report_style.hpp"

namespace schedlab::report {

namespace {

using Buffer = fmt::memory_buffer;

// The best of `values` (a policy to highlight) exists only if they are not all equal.
bool highlight(std::size_t metric, double v, const std::vector<double>& values) {
  const bool all_equal = std::all_of(values.begin(), values.end(), [&](double x) { return x == values.front(); });
  return values.size() > 1 && !all_equal && is_best_value(metric, v, values);
}

void summary_table(Buffer& b, const SweepResults& r, const std::vector<PolicySummary>& summaries) {
  const auto& metrics = compare_metrics();
  const bool several = r.seeds.size() > 1;
  std::vector<std::vector<double>> columns(metrics.size());
  for (const PolicySummary& s : summaries)
    if (s.runs)
      for (std::size_t m = 0; m < metrics.size(); ++m) columns[m].push_back(s.means[m]);
  append_raw(b, "<table class=\"summary\"><thead><tr><th>policy</th>");
  for (const CompareMetric& m : metrics) fmt::format_to(std::back_inserter(b), "<th>{}</th>", m.header);
  append_raw(b, "</tr></thead><tbody>\n");
  for (std::size_t p = 0; p < summaries.size(); ++p) {
    const PolicySummary& s = summaries[p];
    if (!s.runs) continue;
    append_raw(b, "<tr><td>");
    append_html(b, r.policies[p].label);
    if (!s.all_completed) append_raw(b, " <span title=\"a run did not complete\">(!)</span>");
    append_raw(b, "</td>");
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const bool best = highlight(m, s.means[m], columns[m]);
      fmt::format_to(std::back_inserter(b), "<td{}>{}</td>", best ? " class=\"best\"" : "",
                     format_metric(m, s.means[m], several));
    }
    append_raw(b, "</tr>\n");
  }
  append_raw(b, "</tbody></table>\n");
  fmt::format_to(std::back_inserter(b),
                 "<p class=\"note\">{}Highlighted: the best value of each column (lowest times and switches; highest "
                 "utilization, throughput and fairness), unless every policy ties.</p>\n",
                 several ? "Means over the seeds. " : "");
}

void bar_charts(Buffer& b, const SweepResults& r, const std::vector<PolicySummary>& summaries) {
  const auto& metrics = compare_metrics();
  const bool several = r.seeds.size() > 1;
  append_raw(b, "<div class=\"charts\">\n");
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> values;
    for (const PolicySummary& s : summaries)
      if (s.runs) values.push_back(s.means[m]);
    std::vector<Bar> bars;
    for (std::size_t p = 0; p < summaries.size(); ++p)
      if (summaries[p].runs)
        bars.push_back(Bar{r.policies[p].label, summaries[p].means[m], format_metric(m, summaries[p].means[m], several),
                           highlight(m, summaries[p].means[m], values)});
    fmt::format_to(std::back_inserter(b), "<figure><figcaption>{} <small>({} is better{})</small></figcaption>\n",
                   metrics[m].header, metrics[m].lower_is_better ? "lower" : "higher", several ? ", mean over seeds" : "");
    append_bar_chart(b, bars);
    append_raw(b, "</figure>\n");
  }
  append_raw(b, "</div>\n");
}

void box_plots(Buffer& b, const SweepResults& r, std::size_t w) {
  for (const char* key : {"avg_response", "avg_turnaround"}) {
    const int m = compare_metric_index(key);
    std::vector<Box> boxes(r.policies.size());
    for (std::size_t p = 0; p < r.policies.size(); ++p) boxes[p].label = r.policies[p].label;
    for (const CellResult& c : r.results)
      if (r.workload_of(c.cell) == w) boxes[r.policy_of(c.cell)].values.push_back(c.metrics[static_cast<std::size_t>(m)]);
    std::erase_if(boxes, [](const Box& x) { return x.values.empty(); });
    double best = 0;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      std::vector<double> v = boxes[i].values;
      std::sort(v.begin(), v.end());
      const double med = quantile(v, 0.5);
      if (i == 0 || med < best) best = med;
    }
    std::size_t at_best = 0;
    for (Box& x : boxes) {
      std::vector<double> v = x.values;
      std::sort(v.begin(), v.end());
      x.best = quantile(v, 0.5) == best;
      at_best += x.best;
    }
    if (at_best == boxes.size())
      for (Box& x : boxes) x.best = false;
    const std::string title = compare_metrics()[static_cast<std::size_t>(m)].header;
    fmt::format_to(std::back_inserter(b), "<figure><figcaption>{} per seed <small>(ticks; one dot per seed; lowest median highlighted)</small></figcaption>\n", title);
    append_box_plot(b, boxes, title + " (ticks)");
    append_raw(b, "</figure>\n");
  }
}

void gantt_charts(Buffer& b, const ReportInput& in, std::size_t w, const std::vector<ShowcaseRun>& runs) {
  Ticks window = 0;
  bool cut = false;
  Ticks longest = 0;
  for (const ShowcaseRun& run : runs) {
    longest = std::max(longest, run.result.end_time);
    cut = cut || run.complete_until < run.result.end_time;
  }
  window = longest;
  if (cut)
    for (const ShowcaseRun& run : runs) window = std::min(window, run.complete_until);
  const std::uint64_t seed = in.results.seeds.front();
  fmt::format_to(std::back_inserter(b), "<p class=\"sub\">Seed {}; {}. Hover over a bar for its details.</p>\n", seed,
                 cut ? fmt::format("the first {} of {} ticks (the whole run has too many slices to draw)", window, longest)
                     : fmt::format("all {} ticks, on one time scale for every policy", longest));
  append_state_legend(b);
  for (std::size_t p = 0; p < runs.size(); ++p) {
    const RunResult& r = runs[p].result;
    append_raw(b, "<figure class=\"gantt-figure\"><figcaption>");
    append_html(b, in.results.policies[p].label);
    fmt::format_to(std::back_inserter(b),
                   " <small>makespan {} · avg turnaround {} · avg response {} · {} context switches</small></figcaption>\n",
                   r.makespan, fixed2(r.averages.turnaround), fixed2(r.averages.response), r.context_switches);
    append_gantt(b, runs[p], window, r.cpus, fmt::format("g{}-{}", w, p));
    append_raw(b, "</figure>\n");
  }
}

void process_tables(Buffer& b, const ReportInput& in, const std::vector<ShowcaseRun>& runs) {
  for (std::size_t p = 0; p < runs.size(); ++p) {
    const ShowcaseRun& run = runs[p];
    append_raw(b, p == 0 ? "<details open><summary>" : "<details><summary>");
    append_html(b, in.results.policies[p].label);
    append_raw(b, "</summary>\n<table><thead><tr><th>pid</th><th>name</th><th>arrival</th><th>first run</th>"
                  "<th>completion</th><th>turnaround</th><th>response</th><th>waiting</th><th>CPU</th><th>I/O</th>"
                  "<th>priority</th></tr></thead><tbody>\n");
    auto dash = [](Ticks t) { return t < 0 ? std::string("–") : std::to_string(t); };
    for (const ProcessMetrics& m : run.result.processes) {
      fmt::format_to(std::back_inserter(b), "<tr><td>{}</td><td class=\"name\">", m.pid);
      append_html(b, m.name);
      fmt::format_to(std::back_inserter(b),
                     "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td></tr>\n",
                     m.arrival, dash(m.first_run), dash(m.completion), m.completion >= 0 ? dash(m.turnaround) : "–",
                     m.first_run >= 0 ? dash(m.response) : "–", m.waiting, m.cpu_time, m.io_time, m.priority);
    }
    fmt::format_to(std::back_inserter(b),
                   "</tbody><tfoot><tr><td></td><td class=\"name\">average</td><td></td><td></td><td></td><td>{}</td>"
                   "<td>{}</td><td>{}</td><td></td><td></td><td></td></tr></tfoot></table>\n",
                   fixed2(run.result.averages.turnaround), fixed2(run.result.averages.response),
                   fixed2(run.result.averages.waiting));
    if (run.total_processes > run.result.processes.size())
      fmt::format_to(std::back_inserter(b), "<p class=\"note\">The first {} of {} processes (averages over all).</p>\n",
                     run.result.processes.size(), run.total_processes);
    append_raw(b, "</details>\n");
  }
}

void workload_section(Buffer& b, const ReportInput& in, std::size_t w) {
  const SweepResults& r = in.results;
  const std::vector<PolicySummary> summaries = summarize(r, w);
  std::size_t runs = 0;
  for (const PolicySummary& s : summaries) runs += s.runs;
  const std::vector<ShowcaseRun> shows = in.showcase(w);
  const RunResult& first = shows.front().result;
  fmt::format_to(std::back_inserter(b), "<section id=\"w{}\">\n<h2>", w + 1);
  append_html(b, r.workloads[w].label);
  append_raw(b, "</h2>\n<p class=\"sub\">");
  fmt::format_to(std::back_inserter(b), "{} processes · {} CPU{} · {} polic{} · seed{} {} · {} runs", shows.front().total_processes,
                 first.cpus, first.cpus == 1 ? "" : "s", r.policies.size(), r.policies.size() == 1 ? "y" : "ies",
                 r.seeds.size() == 1 ? "" : "s", seeds_text(r.seeds), runs);
  if (r.workloads[w].spec != r.workloads[w].label) {
    append_raw(b, " · from <code>");
    append_html(b, r.workloads[w].spec);
    append_raw(b, "</code>");
  }
  append_raw(b, "</p>\n<h3>Summary</h3>\n");
  summary_table(b, r, summaries);
  append_raw(b, "<h3>Averages by policy</h3>\n");
  bar_charts(b, r, summaries);
  append_raw(b, "<h3>Across seeds</h3>\n");
  if (r.seeds.size() == 1) append_raw(b, "<p class=\"note\">One seed per policy: run with <code>--seeds 1..20</code> to see distributions.</p>\n");
  box_plots(b, r, w);
  append_raw(b, "<h3>Schedules</h3>\n");
  gantt_charts(b, in, w, shows);
  append_raw(b, "<h3>Per-process metrics</h3>\n");
  fmt::format_to(std::back_inserter(b), "<p class=\"note\">Seed {}. Times in ticks; waiting = time Ready.</p>\n", r.seeds.front());
  process_tables(b, in, shows);
  append_raw(b, "</section>\n");
}

}  // namespace

void write_html_report(OutputBuffer& out, const ReportInput& in) {
  const SweepResults& r = in.results;
  Buffer& b = out.raw();
  append_raw(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<link rel=\"icon\" href=\"data:,\">\n<title>schedlab: ");
  for (std::size_t w = 0; w < r.workloads.size(); ++w) {
    if (w) append_raw(b, ", ");
    append_html(b, r.workloads[w].label);
  }
  append_raw(b, "</title>\n<style>");
  append_raw(b, kReportCss);
  append_raw(b, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Scheduling policies compared</h1>\n");
  fmt::format_to(std::back_inserter(b),
                 "<p class=\"meta\">schedlab {} · {} workload{} × {} polic{} × {} seed{} = {} runs{}</p>\n",
                 SCHEDLAB_VERSION, r.workloads.size(), r.workloads.size() == 1 ? "" : "s", r.policies.size(),
                 r.policies.size() == 1 ? "y" : "ies", r.seeds.size(), r.seeds.size() == 1 ? "" : "s", r.results.size(),
                 r.shard.whole() ? "" : fmt::format(" (shard {} of {})", r.shard.index, r.shard.count));
  append_raw(b, "<pre class=\"command\">");
  append_html(b, in.command);
  append_raw(b, "</pre>\n");
  if (!in.note.empty()) {
    append_raw(b, "<p class=\"note\">");
    append_html(b, in.note);
    append_raw(b, "</p>\n");
  }
  if (r.workloads.size() > 1) {
    append_raw(b, "<nav><ol>");
    for (std::size_t w = 0; w < r.workloads.size(); ++w) {
      fmt::format_to(std::back_inserter(b), "<li><a href=\"#w{}\">", w + 1);
      append_html(b, r.workloads[w].label);
      append_raw(b, "</a></li>");
    }
    append_raw(b, "</ol></nav>\n");
  }
  append_raw(b, "</header>\n");
  for (std::size_t w = 0; w < r.workloads.size(); ++w) {
    bool any = false;
    for (const CellResult& c : r.results) any = any || r.workload_of(c.cell) == w;
    if (!any) continue;
    workload_section(b, in, w);
    out.flush();
  }
  append_raw(b, R"(<footer>
<dl>
<dt>turnaround</dt><dd>completion − arrival</dd>
<dt>response</dt><dd>first run − arrival</dd>
<dt>waiting</dt><dd>ticks spent Ready</dd>
<dt>makespan</dt><dd>last completion − first arrival</dd>
<dt>CPU util</dt><dd>busy CPU ticks / (CPUs × makespan)</dd>
<dt>throughput</dt><dd>finished processes per tick of makespan</dd>
<dt>fairness</dt><dd>Jain's index of CPU time per ticket: 1 = perfectly proportional</dd>
<dt>switches</dt><dd>times a CPU switched from one task to another</dd>
</dl>
</footer>
</main>
</body>
</html>
)");
}

}  // namespace schedlab::report

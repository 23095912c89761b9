#include <schedlab/report/compare_report.hpp>

#include <algorithm>
#include <cmath>

#include <schedlab/report/run_report.hpp>
#include <schedlab/report/text_table.hpp>

namespace schedlab::report {

const std::vector<CompareMetric>& compare_metrics() {
  static const std::vector<CompareMetric> metrics = {
      {"avg_turnaround", "avg turnaround", true, [](const RunResult& r) { return r.averages.turnaround; }, false},
      {"avg_response", "avg response", true, [](const RunResult& r) { return r.averages.response; }, false},
      {"avg_waiting", "avg waiting", true, [](const RunResult& r) { return r.averages.waiting; }, false},
      {"makespan", "makespan", true, [](const RunResult& r) { return static_cast<double>(r.makespan); }, true},
      {"cpu_utilization", "CPU util", false, [](const RunResult& r) { return r.cpu_utilization; }, false},
      {"throughput", "throughput", false, [](const RunResult& r) { return r.throughput; }, false},
      {"fairness", "fairness", false, [](const RunResult& r) { return r.fairness; }, false},
      {"context_switches", "switches", true,
       [](const RunResult& r) { return static_cast<double>(r.context_switches); }, true},
  };
  return metrics;
}

int compare_metric_index(std::string_view key) {
  const auto& ms = compare_metrics();
  for (std::size_t i = 0; i < ms.size(); ++i)
    if (key == ms[i].key) return static_cast<int>(i);
  return -1;
}

CellResult make_cell_result(std::uint64_t cell, const RunResult& r) {
  CellResult c;
  c.cell = cell;
  c.status = r.status;
  c.cpus = r.cpus;
  c.processes = r.processes.size();
  for (const CompareMetric& m : compare_metrics()) c.metrics.push_back(m.get(r));
  if (!r.realtime.empty()) {
    c.realtime = true;
    c.miss_ratio = r.realtime_summary.miss_ratio;
    for (const RealtimeTaskMetrics& t : r.realtime)
      if (t.completed > 0) c.worst_response = std::max(c.worst_response, static_cast<double>(t.worst_response));
  }
  return c;
}

std::vector<PolicySummary> summarize(const SweepResults& r, std::size_t workload) {
  std::vector<PolicySummary> out(r.policies.size());
  for (PolicySummary& s : out) s.means.assign(compare_metrics().size(), 0.0);
  for (const CellResult& c : r.results) {
    if (r.workload_of(c.cell) != workload) continue;
    PolicySummary& s = out[r.policy_of(c.cell)];
    ++s.runs;
    s.all_completed = s.all_completed && c.status == RunStatus::Completed;
    for (std::size_t m = 0; m < c.metrics.size(); ++m) s.means[m] += c.metrics[m];
    s.realtime = s.realtime || c.realtime;
    s.miss_ratio += c.miss_ratio;
    s.worst_response += c.worst_response;
  }
  for (PolicySummary& s : out) {
    for (double& v : s.means) v = s.runs ? v / static_cast<double>(s.runs) : 0.0;
    s.miss_ratio = s.runs ? s.miss_ratio / static_cast<double>(s.runs) : 0.0;
    s.worst_response = s.runs ? s.worst_response / static_cast<double>(s.runs) : 0.0;
  }
  return out;
}

bool is_best_value(std::size_t metric, double v, const std::vector<double>& values) {
  if (values.empty()) return false;
  const bool lower = compare_metrics()[metric].lower_is_better;
  const double best = lower ? *std::min_element(values.begin(), values.end())
                            : *std::max_element(values.begin(), values.end());
  return std::fabs(v - best) <= 1e-9 * std::max(1.0, std::fabs(best));
}

std::string format_metric(std::size_t metric, double v, bool mean_of_several) {
  const CompareMetric& m = compare_metrics()[metric];
  const std::string_view key = m.key;
  if (m.integer && !mean_of_several) return fmt::format("{}", static_cast<long long>(v));
  if (key == "cpu_utilization") return percent(v);
  if (key == "throughput" || key == "fairness") return fmt::format("{:.4f}", v);
  return fixed2(v);
}

void write_compare_table(OutputBuffer& out, const SweepResults& r) {
  bool first_section = true;
  for (std::size_t w = 0; w < r.workloads.size(); ++w) {
    const std::vector<PolicySummary> summaries = summarize(r, w);
    const CellResult* sample = nullptr;
    for (const CellResult& c : r.results)
      if (r.workload_of(c.cell) == w) {
        sample = &c;
        break;
      }
    if (!sample) continue;  // nothing of this workload in this shard
    if (!first_section) out.write("\n\n");
    first_section = false;
    const bool several = r.seeds.size() > 1;
    out.print("workload: {}   processes: {}   cpus: {}", r.workloads[w].label, sample->processes, sample->cpus);
    if (several) out.print("   seeds: {} (mean over seeds)", seeds_text(r.seeds));
    if (!r.shard.whole()) out.print("   shard: {}/{}", r.shard.index, r.shard.count);
    out.write("\n\n");

    TextTable t;
    t.add_column("policy", TextTable::Align::Left);
    for (const CompareMetric& m : compare_metrics()) t.add_column(m.header, TextTable::Align::Right);
    std::vector<std::vector<double>> columns(compare_metrics().size());
    std::vector<double> misses, worst;  // the real-time columns (lower is better)
    bool realtime = false;
    for (const PolicySummary& s : summaries)
      if (s.runs) {
        for (std::size_t m = 0; m < s.means.size(); ++m) columns[m].push_back(s.means[m]);
        realtime = realtime || s.realtime;
        misses.push_back(s.miss_ratio);
        worst.push_back(s.worst_response);
      }
    if (realtime) {
      t.add_column("miss ratio", TextTable::Align::Right);
      t.add_column("worst resp", TextTable::Align::Right);
    }
    const auto lowest = [](double v, const std::vector<double>& all) {
      return std::fabs(v - *std::min_element(all.begin(), all.end())) <= 1e-9 ? "*" : " ";
    };
    bool any_incomplete = false;
    for (std::size_t p = 0; p < summaries.size(); ++p) {
      const PolicySummary& s = summaries[p];
      if (!s.runs) continue;
      std::vector<std::string> cells{r.policies[p].label};
      if (!s.all_completed) {
        cells.front() += " (!)";
        any_incomplete = true;
      }
      for (std::size_t m = 0; m < s.means.size(); ++m)
        cells.push_back(format_metric(m, s.means[m], several) + (is_best_value(m, s.means[m], columns[m]) ? "*" : " "));
      if (realtime) {
        cells.push_back(percent(s.miss_ratio) + lowest(s.miss_ratio, misses));
        cells.push_back((several ? fixed2(s.worst_response) : fmt::format("{}", static_cast<long long>(s.worst_response))) +
                        lowest(s.worst_response, worst));
      }
      t.add_row(std::move(cells));
    }
    t.render(out);
    out.write(realtime ? "\n* best in its column (lowest times, switches, miss ratio and worst job response; highest "
                         "utilization, throughput and fairness)\n"
                       : "\n* best in its column (lowest times and switches; highest utilization, throughput and fairness)\n");
    if (any_incomplete) out.write("(!) a run did not complete: see 'schedlab run' for why\n");
  }
}

namespace {

void append_metric(fmt::memory_buffer& b, std::size_t m, double v) {
  if (compare_metrics()[m].integer) fmt::format_to(std::back_inserter(b), "{}", static_cast<long long>(v));
  else append_json_double(b, v);
}

}  // namespace

void write_compare_json(OutputBuffer& out, const SweepResults& r) {
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  b.append(std::string_view("{\"schedlab\":\"compare\",\"format\":1,\n\"workloads\":["));
  for (std::size_t w = 0; w < r.workloads.size(); ++w) {
    b.append(std::string_view(w ? ",{\"label\":" : "{\"label\":"));
    append_json_string(b, r.workloads[w].label);
    b.append(std::string_view(",\"spec\":"));
    append_json_string(b, r.workloads[w].spec);
    b.push_back('}');
  }
  b.append(std::string_view("],\n\"policies\":["));
  for (std::size_t p = 0; p < r.policies.size(); ++p) {
    b.append(std::string_view(p ? ",{\"label\":" : "{\"label\":"));
    append_json_string(b, r.policies[p].label);
    b.append(std::string_view(",\"canonical\":"));
    append_json_string(b, r.policies[p].canonical);
    b.push_back('}');
  }
  fmt::format_to(it, "],\n\"seeds\":[{}],\n\"options\":{{\"cpus\":{},\"until\":", fmt::join(r.seeds, ","), r.options.cpus);
  if (r.options.until == kNever) b.append(std::string_view("null"));
  else fmt::format_to(it, "{}", r.options.until);
  fmt::format_to(it, ",\"max_events\":{}}},", r.options.max_events);
  if (!r.shard.whole()) fmt::format_to(it, "\n\"shard\":{{\"index\":{},\"count\":{}}},", r.shard.index, r.shard.count);
  b.append(std::string_view("\n\"results\":["));
  bool first = true;
  for (const CellResult& c : r.results) {
    b.append(std::string_view(first ? "\n{\"cell\":" : ",\n{\"cell\":"));
    first = false;
    fmt::format_to(it, "{},\"workload\":", c.cell);
    append_json_string(b, r.workloads[r.workload_of(c.cell)].label);
    b.append(std::string_view(",\"policy\":"));
    append_json_string(b, r.policies[r.policy_of(c.cell)].label);
    b.append(std::string_view(",\"canonical\":"));
    append_json_string(b, r.policies[r.policy_of(c.cell)].canonical);
    fmt::format_to(it, ",\"seed\":{},\"status\":\"{}\",\"cpus\":{},\"processes\":{}", r.seeds[r.seed_of(c.cell)],
                   to_string(c.status), c.cpus, c.processes);
    for (std::size_t m = 0; m < c.metrics.size(); ++m) {
      fmt::format_to(it, ",\"{}\":", compare_metrics()[m].key);
      append_metric(b, m, c.metrics[m]);
    }
    if (c.realtime) {
      b.append(std::string_view(",\"miss_ratio\":"));
      append_json_double(b, c.miss_ratio);
      fmt::format_to(it, ",\"worst_response\":{}", static_cast<long long>(c.worst_response));
    }
    b.push_back('}');
    if (b.size() > (1u << 20)) out.flush();
  }
  b.append(std::string_view("\n]}\n"));
}

void write_compare_csv(OutputBuffer& out, const SweepResults& r) {
  const bool shard = !r.shard.whole();
  out.write(shard ? "workload,policy,seed,metric,value,cell\n" : "workload,policy,seed,metric,value\n");
  fmt::memory_buffer& b = out.raw();
  auto it = std::back_inserter(b);
  for (const CellResult& c : r.results) {
    for (std::size_t m = 0; m < c.metrics.size(); ++m) {
      append_csv_field(b, r.workloads[r.workload_of(c.cell)].label);
      b.push_back(',');
      append_csv_field(b, r.policies[r.policy_of(c.cell)].label);
      fmt::format_to(it, ",{},{},", r.seeds[r.seed_of(c.cell)], compare_metrics()[m].key);
      if (compare_metrics()[m].integer) fmt::format_to(it, "{}", static_cast<long long>(c.metrics[m]));
      else fmt::format_to(it, "{}", c.metrics[m]);
      if (shard) fmt::format_to(it, ",{}", c.cell);
      b.push_back('\n');
    }
    for (int k = 0; c.realtime && k < 2; ++k) {  // the real-time figures, as two more metrics
      append_csv_field(b, r.workloads[r.workload_of(c.cell)].label);
      b.push_back(',');
      append_csv_field(b, r.policies[r.policy_of(c.cell)].label);
      if (k == 0) fmt::format_to(it, ",{},miss_ratio,{}", r.seeds[r.seed_of(c.cell)], c.miss_ratio);
      else fmt::format_to(it, ",{},worst_response,{}", r.seeds[r.seed_of(c.cell)], static_cast<long long>(c.worst_response));
      if (shard) fmt::format_to(it, ",{}", c.cell);
      b.push_back('\n');
    }
    if (b.size() > (1u << 20)) out.flush();
  }
}

}  // namespace schedlab::report

#include "compare_report.hpp"

#include <algorithm>
#include <cmath>

#include "run_report.hpp"
#include "text_table.hpp"

namespace schedlab::cli {

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

namespace {

// The best value of a metric over the rows (ties: every row that has it is best).
double best_of(const CompareMetric& m, const std::vector<CompareRow>& rows) {
  double best = m.get(rows.front().result);
  for (const CompareRow& row : rows) {
    const double v = m.get(row.result);
    best = m.lower_is_better ? std::min(best, v) : std::max(best, v);
  }
  return best;
}

bool is_best(double v, double best) { return std::fabs(v - best) <= 1e-9 * std::max(1.0, std::fabs(best)); }

std::string cell(const CompareMetric& m, double v) {
  if (m.integer) return fmt::format("{}", static_cast<long long>(v));
  if (std::string_view(m.key) == "cpu_utilization") return percent(v);
  if (std::string_view(m.key) == "throughput" || std::string_view(m.key) == "fairness")
    return fmt::format("{:.4f}", v);
  return fixed2(v);
}

}  // namespace

void write_compare_table(OutputBuffer& out, const std::string& workload, const std::vector<CompareRow>& rows) {
  if (rows.empty()) return;
  const RunResult& first = rows.front().result;
  out.print("workload: {}   processes: {}   cpus: {}\n\n", workload, first.processes.size(), first.cpus);
  TextTable t;
  t.add_column("policy", TextTable::Align::Left);
  for (const CompareMetric& m : compare_metrics()) t.add_column(m.header, TextTable::Align::Right);
  std::vector<double> best;
  for (const CompareMetric& m : compare_metrics()) best.push_back(best_of(m, rows));
  bool any_incomplete = false;
  for (const CompareRow& row : rows) {
    std::vector<std::string> cells{row.label};
    if (row.result.status != RunStatus::Completed) {
      cells.front() += " (!)";
      any_incomplete = true;
    }
    for (std::size_t i = 0; i < compare_metrics().size(); ++i) {
      const CompareMetric& m = compare_metrics()[i];
      const double v = m.get(row.result);
      cells.push_back(cell(m, v) + (is_best(v, best[i]) ? "*" : " "));
    }
    t.add_row(std::move(cells));
  }
  t.render(out);
  out.write("\n* best in its column (lowest times and switches; highest utilization and throughput)\n");
  if (any_incomplete) out.write("(!) the run did not complete: see 'schedlab run' for why\n");
}

void write_compare_json(OutputBuffer& out, const std::string& workload, const std::vector<CompareRow>& rows) {
  fmt::memory_buffer& b = out.raw();
  b.append(std::string_view("{\"workload\":"));
  append_json_string(b, workload);
  b.append(std::string_view(",\"results\":["));
  bool first = true;
  for (const CompareRow& row : rows) {
    b.append(std::string_view(first ? "\n{\"policy\":" : ",\n{\"policy\":"));
    first = false;
    append_json_string(b, row.label);
    b.append(std::string_view(",\"canonical\":"));
    append_json_string(b, row.result.policy);
    fmt::format_to(std::back_inserter(b), ",\"status\":\"{}\",\"cpus\":{}", to_string(row.result.status),
                   row.result.cpus);
    for (const CompareMetric& m : compare_metrics()) {
      fmt::format_to(std::back_inserter(b), ",\"{}\":", m.key);
      if (m.integer) fmt::format_to(std::back_inserter(b), "{}", static_cast<long long>(m.get(row.result)));
      else append_json_double(b, m.get(row.result));
    }
    b.append(std::string_view("}"));
  }
  b.append(std::string_view("\n]}\n"));
}

void write_compare_csv(OutputBuffer& out, const std::string& workload, std::uint64_t seed,
                       const std::vector<CompareRow>& rows) {
  out.write("workload,policy,seed,metric,value\n");
  fmt::memory_buffer& b = out.raw();
  for (const CompareRow& row : rows) {
    for (const CompareMetric& m : compare_metrics()) {
      append_csv_field(b, workload);
      b.push_back(',');
      append_csv_field(b, row.label);
      fmt::format_to(std::back_inserter(b), ",{},{},", seed, m.key);
      if (m.integer) fmt::format_to(std::back_inserter(b), "{}\n", static_cast<long long>(m.get(row.result)));
      else fmt::format_to(std::back_inserter(b), "{}\n", m.get(row.result));
    }
  }
}

}  // namespace schedlab::cli

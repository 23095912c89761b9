#include <schedlab/report/sweep_reader.hpp>

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

#include <schedlab/errors.hpp>

#include <schedlab/report/compare_report.hpp>

namespace schedlab::report {

using nlohmann::json;

namespace {

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read this file");
  return in;
}

RunStatus parse_status(const std::string& s, const std::string& path) {
  for (RunStatus st : {RunStatus::Completed, RunStatus::Deadlock, RunStatus::LimitReached})
    if (s == to_string(st)) return st;
  throw InputError(path, 0, 0, fmt::format("unknown run status '{}'", s));
}

}  // namespace

bool looks_like_json(const std::string& path) {
  std::ifstream in = open_input(path);
  char c = 0;
  while (in.get(c))
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
  return false;
}

SweepResults read_sweep_json(const std::string& path) {
  std::ifstream in = open_input(path);
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw InputError(path, 0, 0, fmt::format("not valid JSON: {}", e.what()));
  }
  try {
    if (doc.value("schedlab", "") != "compare" || doc.value("format", 0) != 1)
      throw InputError(path, 0, 0, "not the JSON output of 'schedlab compare' (format 1)");
    SweepResults r;
    for (const json& w : doc.at("workloads")) r.workloads.push_back({w.at("label"), w.at("spec")});
    for (const json& p : doc.at("policies")) r.policies.push_back({p.at("label"), p.at("canonical")});
    r.seeds = doc.at("seeds").get<std::vector<std::uint64_t>>();
    const json& o = doc.at("options");
    r.options.cpus = o.at("cpus");
    r.options.until = o.at("until").is_null() ? kNever : o.at("until").get<Ticks>();
    r.options.max_events = o.at("max_events");
    if (doc.contains("shard")) r.shard = Shard{doc["shard"].at("index"), doc["shard"].at("count")};
    const auto& metrics = compare_metrics();
    for (const json& j : doc.at("results")) {
      CellResult c;
      c.cell = j.at("cell");
      if (c.cell >= r.cell_count() || !r.shard.holds(c.cell))
        throw InputError(path, 0, 0, fmt::format("result for cell {} does not belong in shard {}/{}", c.cell,
                                                 r.shard.index, r.shard.count));
      c.status = parse_status(j.at("status"), path);
      c.cpus = j.at("cpus");
      c.processes = j.at("processes");
      for (const CompareMetric& m : metrics) c.metrics.push_back(j.at(m.key).get<double>());
      if (j.contains("miss_ratio")) {
        c.realtime = true;
        c.miss_ratio = j.at("miss_ratio").get<double>();
        c.worst_response = j.at("worst_response").get<double>();
      }
      if (!r.results.empty() && r.results.back().cell >= c.cell)
        throw InputError(path, 0, 0, fmt::format("results are not in cell order at cell {}", c.cell));
      r.results.push_back(std::move(c));
    }
    return r;
  } catch (const json::exception& e) {
    throw InputError(path, 0, 0, fmt::format("unexpected content: {}", e.what()));
  }
}

std::vector<CsvRow> read_sweep_csv(const std::string& path) {
  std::ifstream in = open_input(path);
  std::string line;
  if (!std::getline(in, line) || line != "workload,policy,seed,metric,value,cell")
    throw InputError(path, 1, 0,
                     "expected the header 'workload,policy,seed,metric,value,cell' of a 'compare --shard K/N "
                     "--format csv' output");
  std::vector<CsvRow> rows;
  std::uint32_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    // The cell is the last field, a plain number: everything after the last comma.
    const std::size_t comma = line.rfind(',');
    CsvRow row;
    const char* first = line.data() + (comma == std::string::npos ? 0 : comma + 1);
    const auto [end, ec] = std::from_chars(first, line.data() + line.size(), row.cell);
    if (comma == std::string::npos || ec != std::errc() || end != line.data() + line.size())
      throw InputError(path, number, 0, "the last field (cell) is not a whole number");
    row.line = line.substr(0, comma);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace schedlab::report

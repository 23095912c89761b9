// schedlab merge SHARD...: combine the outputs of `compare --shard K/N` runs into the
// output the unsharded sweep would have printed (byte for byte).
#include <algorithm>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/lab/showcase_run.hpp>
#include <schedlab/report/command_line.hpp>
#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/html_report.hpp>
#include <schedlab/report/sweep_output.hpp>
#include <schedlab/report/sweep_reader.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

const char* kUsage =
    "SHARD... [--format FMT] [-o FILE] [--report FILE.html]\n\n"
    "Each SHARD is the JSON or CSV output of 'schedlab compare ... --shard K/N', in any order.\n"
    "JSON shards are checked to come from one sweep with every shard present; they can be\n"
    "printed in any format and as a report. CSV shards merge into CSV.";

SweepResults merge_json(const std::vector<std::string>& paths) {
  SweepResults merged;
  std::vector<std::string> seen;  // path of each shard index, "" = missing
  for (const std::string& path : paths) {
    SweepResults shard = read_sweep_json(path);
    if (seen.empty()) {
      merged = shard;
      merged.results.clear();
      seen.assign(shard.shard.count, "");
    } else if (!shard.same_grid(merged) || shard.shard.count != merged.shard.count) {
      throw InputError(path, 0, 0,
                       fmt::format("is a shard of another sweep than {} (different workloads, policies, seeds, "
                                   "options or shard count)", paths.front()));
    }
    std::string& slot = seen[shard.shard.index - 1];
    if (!slot.empty())
      throw InputError(path, 0, 0, fmt::format("shard {}/{} is also in {}", shard.shard.index, shard.shard.count, slot));
    slot = path;
    merged.results.insert(merged.results.end(), std::make_move_iterator(shard.results.begin()),
                          std::make_move_iterator(shard.results.end()));
  }
  std::vector<std::string> missing;
  for (std::size_t k = 0; k < seen.size(); ++k)
    if (seen[k].empty()) missing.push_back(fmt::format("{}/{}", k + 1, seen.size()));
  if (!missing.empty()) throw UsageError(fmt::format("missing shard{} {}", missing.size() == 1 ? "" : "s",
                                                     fmt::join(missing, ", ")));
  std::sort(merged.results.begin(), merged.results.end(),
            [](const CellResult& a, const CellResult& b) { return a.cell < b.cell; });
  merged.shard = Shard{};
  return merged;
}

void merge_csv(const std::vector<std::string>& paths, const std::string& output_path, std::ostream& out) {
  std::vector<CsvRow> rows;
  for (const std::string& path : paths) {
    std::vector<CsvRow> more = read_sweep_csv(path);
    rows.insert(rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CsvRow& a, const CsvRow& b) { return a.cell < b.cell; });
  // Every cell from 0 up must be there, each from one shard: its rows are consecutive
  // after the sort, and a cell's rows come from one file, so count cells by runs.
  const std::size_t per_cell = compare_metrics().size();
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i < rows.size(); i += per_cell, ++expected) {
    if (rows[i].cell != expected)
      throw UsageError(rows[i].cell > expected
                           ? fmt::format("no results for cell {}: is a shard missing?", expected)
                           : fmt::format("cell {} appears twice: is a shard given twice?", rows[i].cell));
    if (i + per_cell > rows.size() || rows[i + per_cell - 1].cell != expected)
      throw UsageError(fmt::format("cell {} has not the {} metric rows a cell has", expected, per_cell));
  }
  write_to_path(output_path, out, [&](OutputBuffer& buffer) {
    buffer.write("workload,policy,seed,metric,value\n");
    for (const CsvRow& row : rows) {
      buffer.write(row.line);
      buffer.write("\n");
    }
  });
}

}  // namespace

int cmd_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  std::string format_text, output_path, report_path;
  unsigned jobs = 0;
  po::options_description desc("options");
  // clang-format off
  desc.add_options()
      ("help,h", "show this help")
      ("shard", po::value(&paths)->value_name("FILE"), "a shard's output (repeatable)")
      ("format,f", po::value(&format_text)->value_name("FMT"), "table, json or csv (default: that of the shards)")
      ("output,o", po::value(&output_path)->value_name("FILE"), "write the merged output here (default: stdout)")
      ("report", po::value(&report_path)->value_name("FILE.html"),
       "also write the HTML report (JSON shards; re-runs the first seed of each workload for its Gantt charts)")
      ("jobs,j", po::value(&jobs)->value_name("N"), "threads for the report's runs (default: one per core)");
  // clang-format on
  po::positional_options_description pos;
  pos.add("shard", -1);
  po::variables_map vm;
  if (!parse_command("merge", kUsage, args, desc, pos, vm, out)) return kExitOk;
  if (paths.empty()) throw UsageError("no shard outputs given");
  const bool json = looks_like_json(paths.front());
  for (const std::string& p : paths)
    if (looks_like_json(p) != json) throw UsageError("give only JSON or only CSV shards, not both");
  const Format format = format_text.empty() ? (json ? Format::Json : Format::Csv) : parse_format(format_text);

  if (!json) {
    if (format != Format::Csv) throw UsageError("CSV shards merge into CSV only (use JSON shards for other formats)");
    if (!report_path.empty()) throw UsageError("--report needs JSON shards (they record how to re-run the sweep)");
    merge_csv(paths, output_path, out);
    return kExitOk;
  }
  const SweepResults merged = merge_json(paths);
  write_sweep(merged, format, output_path, out);
  if (!report_path.empty()) {
    std::vector<WorkloadSource> workloads;
    for (const SweepWorkload& w : merged.workloads) {
      workloads.push_back(WorkloadSource::open(w.spec));
      workloads.back().set_label(w.label);
    }
    std::vector<PolicyConfig> policies;
    for (const SweepPolicy& p : merged.policies) {
      policies.push_back(builtin_registry().resolve(p.canonical));
      policies.back().label = p.label;
    }
    KernelConfig config;
    config.cpus = merged.options.cpus;
    config.until = merged.options.until;
    config.max_events = merged.options.max_events;
    const auto showcase = [&](std::size_t w) {
      return run_showcases(workloads[w], merged.seeds.front(), policies, config, jobs);
    };
    ReportInput input{merged, showcase, command_line_text("merge", args)};
    input.note = fmt::format("merged from {} shard outputs of: {}", paths.size(), sweep_command(merged));
    write_to_path(report_path, out, [&](OutputBuffer& buffer) { write_html_report(buffer, input); });
  }
  return sweep_exit_code(merged, err, "merge");
}

}  // namespace schedlab::cli

// schedlab analyze WORKLOAD [--cpus N] [--format table|json]: the schedulability analysis
// of the workload's periodic tasks (lab/rt_analysis.hpp, docs/realtime.md). Exit 0 when the
// analysis ran, whatever its verdicts; 2 on a bad file or option.
#include <fmt/format.h>

#include <schedlab/lab/rt_analysis.hpp>
#include <schedlab/report/output_buffer.hpp>
#include <schedlab/workload_loader.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  std::string path, format_text;
  std::uint32_t cpus = 0;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&path)->value_name("FILE"), "workload file")
      ("cpus", po::value(&cpus)->value_name("N"), "analyse for N CPUs (default: the workload's 'cpus:')")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table or json");
  po::positional_options_description pos;
  pos.add("workload", 1);
  po::variables_map vm;
  if (!parse_command("analyze", "WORKLOAD [--cpus N] [--format table|json]", args, desc, pos, vm, out)) return kExitOk;
  if (path.empty()) throw UsageError("no workload file given");
  if (vm.count("cpus") && (cpus < 1 || cpus > 4096)) throw UsageError(fmt::format("--cpus {} is out of range (1 to 4096)", cpus));
  const Format format = parse_format(format_text);
  if (format == Format::Csv) throw UsageError("--format csv: analyze writes table or json");
  const Workload w = load_workload_file(path);
  if (w.realtime.empty()) throw InputError(path, 0, 0, "no periodic task to analyse (give a process a 'period')");
  const RtAnalysis analysis = analyze_realtime(w, cpus);
  OutputBuffer buffer(out);
  if (format == Format::Json) append_analysis_json(buffer.raw(), analysis);
  else append_analysis_table(buffer.raw(), analysis);
  return kExitOk;
}

}  // namespace schedlab::cli

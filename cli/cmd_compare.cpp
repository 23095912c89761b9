// schedlab compare WORKLOAD [--policy SPEC]...: every policy on the same workload.
#include <schedlab/builtin_policies.hpp>
#include <schedlab/workload_loader.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "compare_report.hpp"

namespace schedlab::cli {

int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string workload_path, format_text;
  std::vector<std::string> specs;
  RunOptions run_options;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&workload_path)->value_name("FILE"), "workload file (YAML)")
      ("policy,p", po::value(&specs)->value_name("SPEC"),
       "a policy to compare (repeat the option); default: every built-in policy")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table, json or csv");
  add_run_options(desc, run_options);
  po::positional_options_description pos;
  pos.add("workload", 1);
  po::variables_map vm;
  if (!parse_command("compare", "WORKLOAD [--policy SPEC]... [options]", args, desc, pos, vm, out)) return kExitOk;
  if (workload_path.empty()) throw UsageError("no workload file given");
  const Format format = parse_format(format_text);
  if (specs.empty()) specs = builtin_compare_set();
  std::vector<PolicyConfig> policies;
  for (const std::string& s : specs) policies.push_back(registry().resolve(s));
  const KernelConfig config = kernel_config(run_options);

  const Workload workload = load_workload_file(workload_path);
  std::vector<CompareRow> rows;
  bool deadlock = false;
  for (const PolicyConfig& p : policies) {
    rows.push_back(CompareRow{p.label, simulate(workload, p, config)});
    if (rows.back().result.status == RunStatus::Deadlock) deadlock = true;
  }
  const std::string name = workload.name.empty() ? workload_path : workload.name;
  {
    OutputBuffer buffer(out);
    switch (format) {
      case Format::Table: write_compare_table(buffer, name, rows); break;
      case Format::Json: write_compare_json(buffer, name, rows); break;
      case Format::Csv: write_compare_csv(buffer, name, run_options.seed, rows); break;
    }
  }
  if (deadlock) {
    err << "schedlab compare: a run ended in deadlock\n";
    return kExitDeadlock;
  }
  return kExitOk;
}

}  // namespace schedlab::cli

// schedlab check WORKLOAD: load and validate a file without running it.
#include <fmt/format.h>

#include <schedlab/workload_loader.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

int cmd_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  std::vector<std::string> paths;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&paths)->value_name("FILE"), "workload file(s) to validate");
  po::positional_options_description pos;
  pos.add("workload", -1);
  po::variables_map vm;
  if (!parse_command("check", "WORKLOAD...", args, desc, pos, vm, out)) return kExitOk;
  if (paths.empty()) throw UsageError("no workload file given");
  for (const std::string& path : paths) {
    const Workload w = load_workload_file(path);
    out << fmt::format("{}: ok: {} process{}, {} step{}, {} CPU{}\n", path, w.processes.size(),
                       w.processes.size() == 1 ? "" : "es", w.steps.size(), w.steps.size() == 1 ? "" : "s", w.cpus,
                       w.cpus == 1 ? "" : "s");
  }
  return kExitOk;
}

}  // namespace schedlab::cli

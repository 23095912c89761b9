// schedlab check-policy --policy SPEC [--plugin FILE.so]...: run a policy over a battery of
// workloads with every contract check on, and say what it did wrong in its own terms.
#include <charconv>
#include <fmt/format.h>

#include <schedlab/workload_loader.hpp>

#include <schedlab/lab/policy_checker.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

const char* kUsage =
    "--policy SPEC [--plugin FILE.so]... [--starvation N] [--cpus LIST] [--workload FILE]...\n\n"
    "Runs the policy on the bundled workloads, scenarios that reach every callback (kills,\n"
    "priority inheritance, forks, threads, affinity) and generated workloads, on 1, 2 and 4\n"
    "CPUs, each twice, with the invariant checker on. Reports, per kind of mistake, the first\n"
    "runs where the policy made it. Exit 0: no violations; 1: violations; 2: bad input.";

std::vector<CpuId> parse_cpu_list(const std::string& text) {
  std::vector<CpuId> out;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    CpuId n = 0;
    const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    if (ec != std::errc() || ptr != item.data() + item.size() || n == 0 || n > 4096)
      throw UsageError(fmt::format("--cpus expects a list of CPU counts from 1 to 4096 like 1,2,4, got '{}'", text));
    out.push_back(n);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

int cmd_check_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  std::string policy_spec, cpus_text;
  std::vector<std::string> plugin_paths, workload_paths;
  CheckOptions options;
  po::options_description desc("options");
  // clang-format off
  desc.add_options()
      ("help,h", "show this help")
      ("policy,p", po::value(&policy_spec)->value_name("SPEC"), "the policy to check: NAME or NAME:key=value,...")
      ("starvation", po::value(&options.starvation)->default_value(options.starvation)->value_name("N"),
       "report a task that waits ready for more than N ticks (0: do not check)")
      ("cpus", po::value(&cpus_text)->default_value("1,2,4")->value_name("LIST"), "CPU counts to run each workload on")
      ("workload", po::value(&workload_paths)->value_name("FILE"),
       "check on this workload file instead of the battery (repeatable)")
      ("seed", po::value(&options.seed)->default_value(1)->value_name("S"), "seed for randomised policies")
      ("max-events", po::value(&options.max_events)->default_value(options.max_events)->value_name("N"),
       "a run that needs more kernel events has not made progress")
      ("examples", po::value(&options.examples)->default_value(options.examples)->value_name("K"),
       "runs listed per kind of violation");
  // clang-format on
  add_plugin_option(desc, plugin_paths);
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse_command("check-policy", kUsage, args, desc, pos, vm, out)) return kExitOk;
  if (policy_spec.empty()) throw UsageError("no policy given (--policy SPEC)");
  if (options.starvation < 0) throw UsageError("--starvation must be >= 0");
  if (options.max_events == 0) throw UsageError("--max-events must be > 0");
  const std::vector<CpuId> cpus = parse_cpu_list(cpus_text);

  const PolicySet policies = load_policies(plugin_paths);
  const PolicyConfig policy = policies.registry.resolve(policy_spec);
  const PolicyConfig reference = policies.registry.resolve("fcfs");
  options.reference = &reference;
  std::vector<BatteryEntry> battery;
  if (workload_paths.empty()) {
    battery = check_battery(cpus);
  } else {
    for (const std::string& path : workload_paths)
      battery.push_back(BatteryEntry{path, std::make_shared<const Workload>(load_workload_file(path)), cpus});
  }
  const CheckReport report = check_policy(policy, battery, options);
  std::string title = policy.canonical;
  if (const LoadedPlugin* plugin = policies.plugin_of(parse_policy_spec(policy_spec).name))
    title += fmt::format(" (plugin {})", plugin->path);
  write_check_report(out, report, title, battery, options);
  return report.clean() ? kExitOk : kExitFailure;
}

}  // namespace schedlab::cli

#include "common.hpp"

#include <fmt/format.h>
#include <limits>
#include <stdexcept>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>

namespace schedlab::cli {

Format parse_format(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  throw UsageError(fmt::format("unknown --format '{}' (expected table, json or csv)", text));
}

const PolicyRegistry& registry() { return builtin_registry(); }

PolicySet load_policies(const std::vector<std::string>& plugin_paths) {
  PolicySet set;
  register_builtin_policies(set.registry);
  for (const std::string& path : plugin_paths) set.plugins.push_back(load_plugin(path, set.registry));
  return set;
}

const LoadedPlugin* PolicySet::plugin_of(std::string_view policy) const {
  for (const LoadedPlugin& p : plugins)
    for (const std::string& name : p.policies)
      if (name == policy) return &p;
  return nullptr;
}

void add_plugin_option(po::options_description& desc, std::vector<std::string>& plugin_paths) {
  desc.add_options()("plugin", po::value(&plugin_paths)->composing()->value_name("FILE.so"),
                     "load the policies of a plugin (repeatable); it is native code run with your rights "
                     "(docs/writing-a-policy.md)");
}

void add_run_options(po::options_description& desc, RunOptions& o) {
  desc.add_options()
      ("cpus", po::value<CpuId>(&o.cpus)->value_name("N"), "number of CPUs (default: the workload's 'cpus', else 1)")
      ("seed", po::value<std::uint64_t>(&o.seed)->default_value(1)->value_name("S"), "seed for randomised policies")
      ("until", po::value<Ticks>(&o.until)->value_name("T"), "stop the clock at tick T")
      ("max-events", po::value<std::uint64_t>(&o.max_events)->value_name("N"),
       "stop after N kernel events (default 2e9)")
      ("max-processes",
       po::value<std::size_t>()->value_name("N")->notifier([&o](std::size_t n) {
         if (n == 0 || n > 1'000'000'000)
           throw UsageError(fmt::format("--max-processes {}: expected a whole number from 1 to 10^9", n));
         o.max_processes = n;
       }),
       "at most N live processes at once, a fork beyond fails (default: the workload's limits.max_processes)")
      ("check", po::bool_switch(&o.check), "run the invariant checker alongside (slower)")
      ("switch-cost", po::value(&o.switch_cost)->value_name("N[/M]"),
       "context-switch cost in ticks: N between processes, M between threads of one process (default N/2)");
}

KernelConfig kernel_config(const RunOptions& o) {
  if (o.until < 0) throw UsageError("--until must be >= 0");
  // (An unsigned option takes "-1" as 2^64 - 1: no limit at all, silently.)
  if (o.max_events == 0 || o.max_events > 1'000'000'000'000'000)
    throw UsageError(fmt::format("--max-events must be from 1 to 10^15, got {}",
                                 o.max_events > 1'000'000'000'000'000'000 ? std::string("a negative number")
                                                                           : std::to_string(o.max_events)));
  if (o.cpus > 4096) throw UsageError(fmt::format("--cpus {} is too many (at most 4096)", o.cpus));
  KernelConfig c;
  c.cpus = o.cpus;
  c.seed = o.seed;
  c.until = o.until;
  c.max_events = o.max_events;
  c.check_invariants = o.check;
  c.max_processes = o.max_processes;
  if (!o.switch_cost.empty()) {
    const std::size_t slash = o.switch_cost.find('/');
    auto number = [&](const std::string& text) {
      std::size_t used = 0;
      long long v = -1;
      try {
        v = std::stoll(text, &used);
      } catch (const std::exception&) {
      }
      if (used != text.size() || v < 0 || v > 1'000'000)
        throw UsageError(fmt::format("--switch-cost '{}': expected N or N/M, whole numbers of ticks from 0 to 10^6",
                                     o.switch_cost));
      return static_cast<Ticks>(v);
    };
    c.switch_cost = number(o.switch_cost.substr(0, slash));
    if (slash != std::string::npos) c.thread_switch_cost = number(o.switch_cost.substr(slash + 1));
  }
  return c;
}

bool parse_command(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
                   const po::options_description& desc, const po::positional_options_description& positional,
                   po::variables_map& vm, std::ostream& out) {
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") {
      out << "usage: schedlab " << command << ' ' << usage << "\n\n" << desc << '\n';
      return false;
    }
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return true;
}

RunResult simulate(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                   const std::vector<KernelObserver*>& observers) {
  Kernel kernel(config, policy);
  kernel.load(workload);
  for (KernelObserver* o : observers) kernel.add_observer(o);
  RunResult result;
  try {
    result = kernel.run();
  } catch (const PolicyCallbackError&) {
    throw;  // a plugin's callback failed: it names the policy and the plugin already
  } catch (const std::invalid_argument& e) {
    // The policy's factory refused a combination of parameters the declared ranges
    // cannot express (mlfq:quantum=1/2/4,allotment=1/2): a bad spec, exit 2, not a failure.
    throw InputError(fmt::format("policy '{}': {}", policy.label, e.what()));
  } catch (const PolicyError& e) {
    // The kernel caught the policy breaking the contract ("policy picked task 3 (B) which
    // is blocked, not ready"): say which policy, as compare runs several.
    std::string_view text = e.what();
    if (text.starts_with("policy ")) throw PolicyError(fmt::format("policy '{}' {}", policy.canonical, text.substr(7)));
    throw PolicyError(fmt::format("policy '{}': {}", policy.canonical, text));
  }
  result.policy = policy.canonical;
  return result;
}

}  // namespace schedlab::cli

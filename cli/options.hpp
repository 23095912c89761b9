// Helpers shared by the subcommands: the policy registry, loading workloads, running
// one simulation, output formats and usage errors.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <schedlab/kernel.hpp>
#include <schedlab/plugin_loader.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/trace.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::cli {

namespace po = boost::program_options;

// A bad command line: printed as "schedlab CMD: error: ..." with a hint, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Format { Table, Json, Csv };
Format parse_format(const std::string& text);

// The built-in policies.
const PolicyRegistry& registry();

// The policies a command can use: the built-ins, then those of each --plugin, in order.
struct PolicySet {
  PolicyRegistry registry;
  std::vector<LoadedPlugin> plugins;
  // The plugin `policy` came from, or nullptr for a built-in.
  const LoadedPlugin* plugin_of(std::string_view policy) const;
};
// Throws InputError (exit 2) naming the plugin that cannot be loaded.
PolicySet load_policies(const std::vector<std::string>& plugin_paths);
// --plugin FILE.so (repeatable).
void add_plugin_option(po::options_description& desc, std::vector<std::string>& plugin_paths);

// Options every simulating command shares (--cpus, --seed, --until, --max-events,
// --max-processes, --check).
struct RunOptions {
  CpuId cpus = 0;
  std::uint64_t seed = 1;
  Ticks until = kNever;
  std::uint64_t max_events = KernelConfig{}.max_events;
  bool check = false;
  std::size_t max_processes = 0;  // 0: the workload's limits.max_processes
  std::string switch_cost;  // "N" or "N/M": process / thread switch cost
};
void add_run_options(po::options_description& desc, RunOptions& options);
KernelConfig kernel_config(const RunOptions& options);

// Parse `args` against `desc` (+ positionals). --help prints usage and returns false.
bool parse_command(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
                   const po::options_description& desc, const po::positional_options_description& positional,
                   po::variables_map& vm, std::ostream& out);

// One simulation of `workload` under `policy`; `observers` see it as it runs.
RunResult simulate(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                   const std::vector<KernelObserver*>& observers = {});

}  // namespace schedlab::cli

// What the subcommands share: option declarations and parsing (Boost.Program_options),
// the kernel options every simulating command takes, and the exit status of a sweep.
// Library code never includes this: it is the command line's own.
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

#include <schedlab/errors.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_set.hpp>
#include <schedlab/report/output_format.hpp>
#include <schedlab/report/sweep_results.hpp>

namespace schedlab::lab {}

namespace schedlab::cli {

using namespace schedlab::lab;  // the libraries the commands call into
using namespace schedlab::report;

namespace po = boost::program_options;

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

// 3 (with one line on `err`) if a run of the sweep deadlocked, else 0.
int sweep_exit_code(const SweepResults& results, std::ostream& err, const std::string& command);

}  // namespace schedlab::cli

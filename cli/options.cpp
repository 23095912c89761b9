#include "options.hpp"

#include "cli.hpp"

#include <fmt/format.h>
#include <limits>
#include <stdexcept>

#include <schedlab/errors.hpp>

namespace schedlab::cli {

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

int sweep_exit_code(const SweepResults& results, std::ostream& err, const std::string& command) {
  std::size_t deadlocks = 0;
  const CellResult* first = nullptr;
  for (const CellResult& c : results.results)
    if (c.status == RunStatus::Deadlock && deadlocks++ == 0) first = &c;
  if (!first) return kExitOk;
  err << fmt::format("schedlab {}: {} run{} ended in deadlock (first: workload {}, policy {}, seed {})\n", command,
                     deadlocks, deadlocks == 1 ? "" : "s", results.workloads[results.workload_of(first->cell)].label,
                     results.policies[results.policy_of(first->cell)].label,
                     results.seeds[results.seed_of(first->cell)]);
  return kExitDeadlock;
}

}  // namespace schedlab::cli

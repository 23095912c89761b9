// `schedlab COMMAND ...`: finds the subcommand and turns every error into one line on
// stderr and the documented exit code.
#include "cli.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <schedlab/errors.hpp>
#include <schedlab/lab/interrupt.hpp>

#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

struct Command {
  const char* name;
  int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
  const char* summary;
};

const Command kCommands[] = {
    {"run", cmd_run, "simulate a workload under one policy and print its metrics"},
    {"compare", cmd_compare, "run several policies on a workload and compare them"},
    {"policies", cmd_policies, "list the policies and their parameters"},
    {"ps", cmd_ps, "the process table at a given time, like ps"},
    {"analyze", cmd_analyze, "schedulability analysis of a workload's periodic tasks"},
    {"check", cmd_check, "validate a workload file"},
    {"check-policy", cmd_check_policy, "run a policy (built-in or plugin) through a battery of contract checks"},
    {"gen", cmd_gen, "generate a seeded random workload file"},
    {"explore", cmd_explore, "run a real program or a workload under many schedules until one fails"},
    {"merge", cmd_merge, "combine the outputs of sharded 'compare --shard' runs"},
    {"ostep", cmd_ostep, "OSTEP's homework scripts, output for output (scheduler)"},
};

void print_help(std::ostream& out) {
  out << "schedlab — a user-space mini OS kernel that simulates CPU scheduling\n\n"
         "usage: schedlab COMMAND [ARGS...]\n\ncommands:\n";
  for (const Command& c : kCommands) out << fmt::format("  {:<12} {}\n", c.name, c.summary);
  out << "\nRun 'schedlab COMMAND --help' for a command's options.\n"
         "Exit codes: 0 ok, 1 failure, 2 usage or input error, 3 deadlock, 130 interrupted (Ctrl-C).\n";
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_help(err);
    return kExitUsage;
  }
  const std::string& name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    print_help(out);
    return kExitOk;
  }
  if (name == "--version") {
    out << "schedlab " << SCHEDLAB_VERSION << '\n';
    return kExitOk;
  }
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
      return c.run(rest, out, err);
    } catch (const lab::Interrupted& e) {
      err << fmt::format("schedlab {}: {}\n", c.name, e.what());
      return kExitInterrupted;
    } catch (const UsageError& e) {
      err << fmt::format("schedlab {}: error: {} (see 'schedlab {} --help')\n", c.name, e.what(), c.name);
      return kExitUsage;
    } catch (const InputError& e) {
      // A file error names the file; anything else (a policy spec...) names the command.
      if (e.file().empty()) err << "schedlab " << c.name << ": " << e.formatted() << '\n';
      else err << e.formatted() << '\n';
      return kExitUsage;
    } catch (const PolicyError& e) {
      err << fmt::format("schedlab {}: error: the policy broke the kernel's contract: {}\n", c.name, e.what());
      return kExitFailure;
    } catch (const InvariantError& e) {
      err << fmt::format("schedlab {}: internal error: {}\n", c.name, e.what());
      return kExitFailure;
    } catch (const std::bad_alloc&) {
      err << fmt::format("schedlab {}: error: out of memory\n", c.name);
      return kExitFailure;
    } catch (const std::exception& e) {
      err << fmt::format("schedlab {}: error: {}\n", c.name, e.what());
      return kExitFailure;
    } catch (...) {  // not a std::exception: only plugin code could throw one, and it is guarded
      err << fmt::format("schedlab {}: error: an exception that is not a std::exception\n", c.name);
      return kExitFailure;
    }
  }
  err << fmt::format("schedlab: error: unknown command '{}' (see 'schedlab --help')\n", name);
  return kExitUsage;
}

}  // namespace schedlab::cli

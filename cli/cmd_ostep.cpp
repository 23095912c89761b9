// schedlab ostep HOMEWORK [the script's flags]: OSTEP's homework scripts, output for output
// (docs/ostep.md). The flags are the scripts' own, read as optparse reads them (a value
// may start with '-', long names may be shortened, "-s 010" is octal); the models live in
// lab/ (schedlab/lab/ostep/).
#include <fmt/format.h>

#include <functional>
#include <optional>

#include <schedlab/lab/ostep/scheduler_homework.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

using ostep::PyInt;

struct Homework {
  const char* name;
  const char* script;
  const char* summary;
  std::function<int(const std::vector<std::string>&, std::ostream&)> run;
};

// optparse lets an option that takes a value take the next word whatever it is ("-s -5");
// Boost.Program_options would read "-5" as an option, so such pairs are joined first.
std::vector<std::string> join_values(const std::vector<std::string>& args, const po::options_description& desc) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    out.push_back(a);
    if (i + 1 >= args.size() || a.size() < 2 || a[0] != '-' || a.find('=') != std::string::npos) continue;
    const po::option_description* o = nullptr;
    if (a[1] == '-') o = desc.find_nothrow(a.substr(2), true);
    else if (a.size() == 2) o = desc.find_nothrow(a.substr(1), false, false, true);
    if (o == nullptr || o->semantic()->max_tokens() == 0) continue;
    out.back() += (a[1] == '-' ? "=" : "") + args[++i];
  }
  return out;
}

bool parse(const std::string& homework, const std::vector<std::string>& args, const po::options_description& desc,
           po::variables_map& vm, std::ostream& out) {
  po::options_description all;
  all.add(desc);
  all.add_options()("ignored", po::value<std::vector<std::string>>(), "");
  po::positional_options_description pos;
  pos.add("ignored", -1);  // optparse keeps leftover words; the scripts ignore them
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") {
      out << "usage: schedlab ostep " << homework << " [options]\n\n" << desc << '\n';
      return false;
    }
  const auto style = po::command_line_style::default_style | po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(join_values(args, desc)).options(all).positional(pos).style(style).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return true;
}

// An optparse "int" option's value.
PyInt int_option(const po::variables_map& vm, const char* name, const char* flag, PyInt fallback) {
  if (!vm.count(name)) return fallback;
  try {
    return ostep::parse_optparse_int(vm[name].as<std::string>());
  } catch (const std::invalid_argument&) {
    throw UsageError(fmt::format("option {}: invalid integer value: '{}'", flag, vm[name].as<std::string>()));
  }
}

std::int64_t int64_option(const po::variables_map& vm, const char* name, const char* flag, std::int64_t fallback) {
  PyInt d;
  d.negative = fallback < 0;
  d.words = {static_cast<std::uint32_t>(static_cast<std::uint64_t>(d.negative ? -fallback : fallback))};
  try {
    return int_option(vm, name, flag, d).to_int64();
  } catch (const std::out_of_range&) {
    throw UsageError(fmt::format("option {}: {} is too large for schedlab", flag, vm[name].as<std::string>()));
  }
}

int run_scheduler(const std::vector<std::string>& args, std::ostream& out) {
  po::options_description desc("scheduler.py's options (cpu-sched)");
  desc.add_options()
      ("seed,s", po::value<std::string>()->value_name("N"), "the random seed (default 0)")
      ("jobs,j", po::value<std::string>()->value_name("N"), "number of jobs in the system (default 3)")
      ("jlist,l", po::value<std::string>()->value_name("L,L,..."), "instead of random jobs, a comma-separated list of run times")
      ("maxlen,m", po::value<std::string>()->value_name("N"), "max length of job (default 10)")
      ("policy,p", po::value<std::string>()->value_name("P"), "sched policy to use: SJF, FIFO, RR (default FIFO)")
      ("quantum,q", po::value<std::string>()->value_name("N"), "length of time slice for RR policy (default 1)")
      (",c", "compute answers for me");
  po::variables_map vm;
  if (!parse("scheduler", args, desc, vm, out)) return kExitOk;
  ostep::SchedulerOptions o;
  o.seed = int_option(vm, "seed", "-s", PyInt{});
  o.jobs = int64_option(vm, "jobs", "-j", o.jobs);
  if (vm.count("jlist")) o.jlist = vm["jlist"].as<std::string>();
  o.maxlen = int64_option(vm, "maxlen", "-m", o.maxlen);
  if (vm.count("policy")) o.policy = vm["policy"].as<std::string>();
  o.quantum = int64_option(vm, "quantum", "-q", o.quantum);
  o.solve = vm.count("-c") > 0;
  out << ostep::scheduler_homework(o);
  return kExitOk;
}

const Homework kHomeworks[] = {
    {"scheduler", "cpu-sched/scheduler.py", "FIFO, SJF and RR on jobs that all arrive at 0", run_scheduler},
};

void print_help(std::ostream& out) {
  out << "usage: schedlab ostep HOMEWORK [the script's options]\n\n"
         "OSTEP's homework scripts (github.com/remzi-arpacidusseau/ostep-homework) on schedlab's\n"
         "kernel: the same flags, the same problem for the same seed (-s), the same output byte\n"
         "for byte. 'schedlab ostep HOMEWORK -h' lists a homework's options.\n\nhomeworks:\n";
  for (const Homework& h : kHomeworks) out << fmt::format("  {:<12} {:<28} {}\n", h.name, h.script, h.summary);
}

}  // namespace

int cmd_ostep(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  if (args.empty()) throw UsageError("which homework? (one of: scheduler)");
  if (args[0] == "-h" || args[0] == "--help") {
    print_help(out);
    return kExitOk;
  }
  for (const Homework& h : kHomeworks)
    if (args[0] == h.name) return h.run(std::vector<std::string>(args.begin() + 1, args.end()), out);
  throw UsageError(fmt::format("unknown homework '{}'", args[0]));
}

}  // namespace schedlab::cli

// schedlab explore PROGRAM.so|WORKLOAD.yaml: run it under many schedules (random choice
// at every scheduling point, or PCT), stop at the first failed run, print the seed and the
// command line that replays it, and save that run for schedlab-gui (--trace).
//
// Output on stdout is a function of the command line (and of the program, if it keeps to
// docs/real-tasks.md's rules): the same command prints the same bytes. Progress goes to
// stderr, and only when stderr is a terminal.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>

#include <schedlab/explore.hpp>
#include <schedlab/trace_file.hpp>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/lab/explore_target.hpp>
#include <schedlab/lab/interrupt.hpp>
#include <schedlab/lab/progress_bar.hpp>
#include <schedlab/report/atomic_file.hpp>
#include <schedlab/report/command_line.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

constexpr const char* kDefaultStrategy = "pct:depth=3";
constexpr std::int64_t kMaxSchedules = 1'000'000'000;
constexpr std::int64_t kDefaultWatchdogMs = 5000;
// Kernel events one run may take before it fails as a livelock. The bug programs of
// examples/ take at most a few thousand; a spin on `yield` under PCT never ends.
constexpr std::int64_t kDefaultMaxSteps = 1'000'000;
// PCT's largest `steps`; the measuring run stops there too (a run that long is no unit
// test, and change points beyond are as good as none).
constexpr Ticks kMaxPctSteps = 1'000'000;

struct ExploreArgs {
  std::string target;
  std::string strategy = kDefaultStrategy;
  std::int64_t schedules = 1000;
  std::int64_t first_seed = 1;
  std::int64_t replay = -1;  // -1: explore
  std::int64_t cpus = 0;     // not given: the target's own
  std::int64_t watchdog_ms = kDefaultWatchdogMs;
  std::int64_t max_steps = kDefaultMaxSteps;
  std::string trace_path;
  std::vector<std::string> expectations;
};

// random or pct, resolved. PCT's `steps` (where its change points may fall) should be
// about the length of a run: when it is not given, it is the CPU ticks of one run of the
// program under fcfs, and the spec the user sees (and replays with) says so.
std::string strategy_spec(const ExploreArgs& a, const ExploreTarget& target, const real::RuntimeOptions& runtime) {
  const PolicySpec spec = parse_policy_spec(a.strategy);
  if (spec.name != "random" && spec.name != "pct")
    throw UsageError(fmt::format("unknown strategy '{}' (expected random or pct:depth=D[,steps=S])", a.strategy));
  builtin_registry().resolve(a.strategy);  // a bad parameter is an InputError here, before any run
  const bool has_steps = std::any_of(spec.args.begin(), spec.args.end(), [](const auto& kv) { return kv.first == "steps"; });
  if (spec.name != "pct" || has_steps) return a.strategy;
  real::RuntimeOptions measure = runtime;
  measure.trace = false;
  measure.until = kMaxPctSteps;
  const real::Outcome run = real::replay(builtin_registry().resolve("fcfs"), target.program, 1, measure);
  Ticks busy = 0;
  for (const Ticks b : run.result.cpu_busy) busy += b;
  return fmt::format("{}{}steps={}", a.strategy, spec.args.empty() ? ":" : ",", std::clamp<Ticks>(busy, 1, kMaxPctSteps));
}

// The strategy as the header line shows it: its canonical spec without `seed=0` (which
// means "each run's own seed", and would read as if every run used seed 0).
std::string strategy_text(const PolicyConfig& strategy) {
  const PolicySpec spec = parse_policy_spec(strategy.canonical);
  std::vector<std::string> args;
  for (const auto& [key, value] : spec.args)
    if (key != "seed" || value != "0") args.push_back(key + "=" + value);
  return args.empty() ? spec.name : fmt::format("{}:{}", spec.name, fmt::join(args, ","));
}

// The command line that replays `seed` (the options that shape a run, as given).
std::string replay_command(const ExploreArgs& a, const std::string& strategy, CpuId cpus, std::uint64_t seed) {
  std::vector<std::string> args{a.target, "--strategy", strategy};
  if (a.cpus != 0) args.insert(args.end(), {"--cpus", std::to_string(cpus)});
  for (const std::string& e : a.expectations) args.insert(args.end(), {"--expect", e});
  if (a.watchdog_ms != kDefaultWatchdogMs) args.insert(args.end(), {"--watchdog", std::to_string(a.watchdog_ms)});
  if (a.max_steps != kDefaultMaxSteps) args.insert(args.end(), {"--max-steps", std::to_string(a.max_steps)});
  args.insert(args.end(), {"--replay", std::to_string(seed)});
  return command_line_text("explore", args);
}

// One run of `seed` with the whole trace kept, saved to a.trace_path if given.
real::Outcome traced_run(const ExploreArgs& a, const ExploreTarget& target, const PolicyConfig& strategy,
                         real::RuntimeOptions runtime, std::uint64_t seed, const std::string& replay) {
  SavedRun saved;
  runtime.trace = false;  // the recorder below keeps the trace, with the dispatches
  real::Outcome run = real::replay(
      strategy,
      [&](real::Runtime& rt) {
        rt.kernel().add_observer(&saved.trace);
        target.program(rt);
      },
      seed, runtime);
  if (a.trace_path.empty()) return run;
  saved.title = fmt::format("{} ({})", target.title, target.path);
  saved.policy = strategy.canonical;
  saved.seed = seed;
  saved.failure = run.failure;
  saved.replay = replay;
  saved.result = run.result;
  if (saved.result.cpus == 0) saved.result.cpus = runtime.cpus;  // a watchdog abort has no result
  AtomicFile file(a.trace_path);
  write_trace_file(file.stream(), saved);
  file.commit();
  return run;
}

void say_trace_saved(const ExploreArgs& a, std::ostream& out) {
  if (a.trace_path.empty()) return;
  out << fmt::format("trace saved to {} (open it with: schedlab-gui --trace {})\n", a.trace_path,
                     shell_quote(a.trace_path));
}

// Seeds first .. first+total-1 until one fails. The search runs in chunks of seeds so the
// progress bar moves; each chunk is an ordinary real::explore without traces.
real::ExploreReport search(const PolicyConfig& strategy, const ExploreTarget& target, const real::RuntimeOptions& runtime,
                           std::uint64_t first, std::uint64_t total, std::ostream& err) {
  real::ExploreReport found;
  ProgressBar progress(err, ProgressBar::stderr_is_terminal(err), total, "schedules");
  const std::uint64_t chunk = std::clamp<std::uint64_t>(total / 100, 1, 100);
  for (std::uint64_t done = 0; done < total && !found.found();) {
    if (interrupted())  // Ctrl-C: between chunks, with the seeds still to try
      throw Interrupted(fmt::format("interrupted after {} of {} schedules, none failed; "
                                    "continue with --seed {} --schedules {}",
                                    done, total, first + done, total - done),
                        done, total);
    real::ExploreOptions options;
    options.first_seed = first + done;
    options.schedules = std::min(chunk, total - done);
    options.runtime = runtime;
    options.keep_trace = false;
    found = real::explore(strategy, target.program, options);
    done += found.schedules_run;
    for (std::uint64_t i = 0; i < found.schedules_run; ++i) progress.advance();
  }
  return found;
}

// --replay SEED: that one run, traced, and what happened.
int replay_seed(const ExploreArgs& a, const ExploreTarget& target, const std::string& spec, const PolicyConfig& strategy,
                const real::RuntimeOptions& runtime, std::ostream& out) {
  if (a.replay < 0) throw UsageError(fmt::format("--replay must be a seed >= 0, got {}", a.replay));
  const auto seed = static_cast<std::uint64_t>(a.replay);
  out << fmt::format("replaying {}\n  strategy {}, seed {}, {} CPU{}\n", target.title, strategy_text(strategy), seed,
                     runtime.cpus, runtime.cpus == 1 ? "" : "s");
  const real::Outcome run = traced_run(a, target, strategy, runtime, seed, replay_command(a, spec, runtime.cpus, seed));
  if (run.failed()) out << fmt::format("seed {}: failure: {}\n", seed, run.failure);
  else out << fmt::format("seed {}: no failure ({} at tick {})\n", seed, to_string(run.result.status), run.result.end_time);
  say_trace_saved(a, out);
  return run.failed() ? kExitFailure : kExitOk;
}

void check_args(const ExploreArgs& a, const po::variables_map& vm) {
  if (a.target.empty()) throw UsageError("no program or workload given");
  if (a.schedules < 1 || a.schedules > kMaxSchedules)
    throw UsageError(fmt::format("--schedules must be from 1 to 10^9, got {}", a.schedules));
  if (a.first_seed < 0) throw UsageError(fmt::format("--seed must be >= 0, got {}", a.first_seed));
  if (vm.count("cpus") && (a.cpus < 1 || a.cpus > 4096))
    throw UsageError(fmt::format("--cpus must be from 1 to 4096, got {}", a.cpus));
  if (a.watchdog_ms < 0) throw UsageError(fmt::format("--watchdog must be >= 0 ms (0: none), got {}", a.watchdog_ms));
  if (a.max_steps < 0) throw UsageError(fmt::format("--max-steps must be >= 0 (0: none), got {}", a.max_steps));
  if (!a.trace_path.empty()) {
    const std::filesystem::path dir = std::filesystem::absolute(a.trace_path).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw UsageError(fmt::format("cannot write --trace {}: no directory {}", a.trace_path, dir.string()));
  }
}

}  // namespace

int cmd_explore(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ExploreArgs a;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("target", po::value(&a.target)->value_name("FILE"), "a program (.so, schedlab/real_program.hpp) or a workload (.yaml)")
      ("strategy,s", po::value(&a.strategy)->value_name("SPEC"),
       "random, or pct:depth=D[,steps=S] (default pct:depth=3; steps: the CPU ticks of one fcfs run)")
      ("schedules,n", po::value(&a.schedules)->value_name("N"), "schedules to try before giving up (default 1000)")
      ("seed", po::value(&a.first_seed)->value_name("FIRST"), "seed of the first schedule; then FIRST+1, ... (default 1)")
      ("replay", po::value(&a.replay)->value_name("SEED"), "run only this seed and print what happened")
      ("cpus", po::value(&a.cpus)->value_name("N"), "number of CPUs (default: a workload's 'cpus', else 1)")
      ("expect", po::value(&a.expectations)->composing()->value_name("VAR=VALUE"),
       "workloads: a shared variable's final value; any other is a failure (repeatable)")
      ("watchdog", po::value(&a.watchdog_ms)->value_name("MS"),
       "a thread-backed task running MS ms of real time without a kernel call fails the run (default 5000; 0: never)")
      ("max-steps", po::value(&a.max_steps)->value_name("N"),
       "a run not ended after N kernel events fails as a livelock (default 1000000; 0: no limit)")
      ("trace", po::value(&a.trace_path)->value_name("FILE.json"),
       "save the failing run (with --replay: the run) for 'schedlab-gui --trace FILE.json'");
  po::positional_options_description pos;
  pos.add("target", 1);
  po::variables_map vm;
  if (!parse_command("explore", "PROGRAM.so|WORKLOAD.yaml [--strategy SPEC] [options]", args, desc, pos, vm, out))
    return kExitOk;
  check_args(a, vm);
  std::vector<Expectation> expectations;
  for (const std::string& e : a.expectations) expectations.push_back(parse_expectation(e));
  const ExploreTarget target = load_explore_target(a.target, expectations);

  real::RuntimeOptions runtime;
  runtime.cpus = a.cpus != 0 ? static_cast<CpuId>(a.cpus) : target.cpus;
  runtime.watchdog = std::chrono::milliseconds(a.watchdog_ms);
  runtime.max_steps = static_cast<std::uint64_t>(a.max_steps);
  const std::string spec = strategy_spec(a, target, runtime);
  const PolicyConfig strategy = builtin_registry().resolve(spec);
  const std::string cpus_text = fmt::format("{} CPU{}", runtime.cpus, runtime.cpus == 1 ? "" : "s");

  if (vm.count("replay")) return replay_seed(a, target, spec, strategy, runtime, out);

  const auto first = static_cast<std::uint64_t>(a.first_seed);
  const auto total = static_cast<std::uint64_t>(a.schedules);
  if (first > std::numeric_limits<std::uint64_t>::max() - total)
    throw UsageError("--seed plus --schedules runs past the largest seed");
  out << fmt::format("exploring {}\n  strategy {}, seeds {} to {}, {}\n", target.title, strategy_text(strategy), first,
                     first + total - 1, cpus_text);
  out.flush();

  catch_interrupts();
  const real::ExploreReport found = search(strategy, target, runtime, first, total, err);
  if (!found.found()) {
    out << fmt::format("no failure in {} schedules (seeds {} to {})\n", total, first, first + total - 1);
    if (!a.trace_path.empty()) out << "no trace saved: no run failed\n";
    return kExitOk;
  }
  const std::uint64_t seed = *found.seed;
  out << fmt::format("failure in schedule {} (seed {}): {}\n", seed - first + 1, seed, found.failure);
  const std::string replay = replay_command(a, spec, runtime.cpus, seed);
  out << "replay: " << replay << '\n';
  // Replay it at once: with the trace, and as a check that the seed reproduces the failure.
  const real::Outcome again = traced_run(a, target, strategy, runtime, seed, replay);
  say_trace_saved(a, out);
  if (again.failure != found.failure)
    err << fmt::format("schedlab explore: warning: replaying seed {} gave {}: the program is not deterministic "
                       "(see docs/real-tasks.md, 'Determinism')\n",
                       seed, again.failed() ? "another failure: " + again.failure : "no failure");
  return kExitFailure;
}

}  // namespace schedlab::cli

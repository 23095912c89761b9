#include <schedlab/lab/workload_generator.hpp>

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>

#include <schedlab/errors.hpp>

namespace schedlab::lab {

namespace po = boost::program_options;

namespace {

// One stream per kind of choice (RandomSource's `stream` argument).
enum Stream : std::uint64_t { kArrivals = 1, kKinds = 2, kBursts = 3, kAttributes = 4 };

constexpr std::uint64_t kMaxProcesses = 10'000'000;  // the loader's limit

std::string_view arrival_name(ArrivalProcess a) {
  switch (a) {
    case ArrivalProcess::Poisson: return "poisson";
    case ArrivalProcess::Bursty: return "bursty";
    case ArrivalProcess::Batch: return "batch";
  }
  return "?";
}

ArrivalProcess parse_arrival(const std::string& text) {
  if (text == "poisson") return ArrivalProcess::Poisson;
  if (text == "bursty") return ArrivalProcess::Bursty;
  if (text == "batch") return ArrivalProcess::Batch;
  throw UsageError(fmt::format("unknown --arrival '{}' (expected poisson, bursty or batch)", text));
}

IntRange parse_range(const std::string& option, const std::string& text, std::int64_t min, std::int64_t max) {
  auto whole = [&](std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
      throw UsageError(fmt::format("--{} '{}': expected a whole number from {} to {}, or LO..HI", option, text, min, max));
    return v;
  };
  const std::size_t dots = text.find("..");
  if (dots == std::string::npos) {
    const std::int64_t v = whole(text);
    return {v, v};
  }
  const IntRange r{whole(std::string_view(text).substr(0, dots)), whole(std::string_view(text).substr(dots + 2))};
  if (r.hi < r.lo) throw UsageError(fmt::format("--{} '{}': HI is below LO", option, text));
  return r;
}

std::string range_text(const IntRange& r) {
  return r.lo == r.hi ? fmt::format("{}", r.lo) : fmt::format("{}..{}", r.lo, r.hi);
}

std::string_view period_set_name(PeriodSet p) { return p == PeriodSet::Harmonic ? "harmonic" : "log-uniform"; }
std::string_view deadline_name(DeadlineKind d) { return d == DeadlineKind::Constrained ? "constrained" : "implicit"; }

PeriodSet parse_period_set(const std::string& text) {
  if (text == "log-uniform") return PeriodSet::LogUniform;
  if (text == "harmonic") return PeriodSet::Harmonic;
  throw UsageError(fmt::format("unknown --period-set '{}' (expected log-uniform or harmonic)", text));
}

DeadlineKind parse_deadlines(const std::string& text) {
  if (text == "implicit") return DeadlineKind::Implicit;
  if (text == "constrained") return DeadlineKind::Constrained;
  throw UsageError(fmt::format("unknown --deadlines '{}' (expected implicit or constrained)", text));
}

BurstDistribution parse_distribution(const std::string& option, const std::string& text) {
  try {
    return BurstDistribution::parse(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("--{}: {}", option, e.what()));
  }
}

}  // namespace

double GeneratorConfig::effective_rate() const {
  if (rate > 0) return rate;
  const double demand =
      (1.0 - io_share) * cpu_burst.mean() + io_share * (io_cycles.mean() + 1.0) * io_cpu_burst.mean();
  return load * static_cast<double>(cpus) / demand;
}

std::string GeneratorConfig::spec() const {
  const GeneratorConfig d;
  std::vector<std::string> items;
  auto add = [&](bool differs, std::string_view key, const std::string& value) {
    if (differs) items.push_back(fmt::format("{}={}", key, value));
  };
  add(processes != d.processes, "n", fmt::format("{}", processes));
  add(cpus != d.cpus, "cpus", fmt::format("{}", cpus));
  add(arrival != d.arrival, "arrival", std::string(arrival_name(arrival)));
  add(rate != d.rate, "rate", fmt::format("{}", rate));
  add(load != d.load, "load", fmt::format("{}", load));
  add(burst_size != d.burst_size, "burst-size", fmt::format("{}", burst_size));
  add(io_share != d.io_share, "io-share", fmt::format("{}", io_share));
  add(cpu_burst.text() != d.cpu_burst.text(), "cpu-burst", cpu_burst.text());
  add(io_cpu_burst.text() != d.io_cpu_burst.text(), "io-cpu-burst", io_cpu_burst.text());
  add(io_burst.text() != d.io_burst.text(), "io-burst", io_burst.text());
  add(io_cycles.text() != d.io_cycles.text(), "io-cycles", io_cycles.text());
  add(priority != d.priority, "priority", range_text(priority));
  add(tickets != d.tickets, "tickets", range_text(tickets));
  add(nice != d.nice, "nice", range_text(nice));
  add(tasks != d.tasks, "tasks", fmt::format("{}", tasks));
  add(utilization != d.utilization, "utilization", fmt::format("{}", utilization));
  add(periods != d.periods, "periods", range_text(periods));
  add(period_set != d.period_set, "period-set", std::string(period_set_name(period_set)));
  add(deadlines != d.deadlines, "deadlines", std::string(deadline_name(deadlines)));
  add(jitter != d.jitter, "sporadic", fmt::format("{}", jitter));
  add(horizon != d.horizon, "horizon", fmt::format("{}", horizon));
  items.push_back(fmt::format("seed={}", seed));
  return fmt::format("{}", fmt::join(items, ","));
}

GeneratorOptions::GeneratorOptions()
    : desc_("workload model (DIST: const:V, exp:MEAN, uniform:LO..HI, pareto:MEAN[/SHAPE])") {
  const GeneratorConfig d;
  // clang-format off
  desc_.add_options()
      ("processes,n", po::value<std::uint64_t>()->default_value(d.processes)->value_name("N"),
       "number of processes (at most 10^7)")
      ("cpus", po::value<std::uint32_t>()->default_value(d.cpus)->value_name("N"), "the workload's 'cpus:'")
      ("arrival", po::value<std::string>()->default_value("poisson")->value_name("KIND"),
       "poisson: exponential gaps; bursty: Poisson batches of mean size --burst-size; batch: all at tick 0")
      ("rate", po::value<double>()->value_name("R"), "mean arrivals per tick (default: from --load)")
      ("load", po::value<double>()->default_value(d.load, "0.9")->value_name("L"),
       "offered CPU load per CPU when --rate is not given: rate = L * cpus / mean CPU per process")
      ("burst-size", po::value<double>()->default_value(d.burst_size, "8")->value_name("B"),
       "bursty arrivals: mean batch size")
      ("io-share", po::value<double>()->default_value(d.io_share, "0.3")->value_name("F"),
       "fraction of processes that are I/O-bound (0..1)")
      ("cpu-burst", po::value<std::string>()->default_value(d.cpu_burst.text())->value_name("DIST"),
       "the one CPU burst of a CPU-bound process")
      ("io-cpu-burst", po::value<std::string>()->default_value(d.io_cpu_burst.text())->value_name("DIST"),
       "each CPU burst of an I/O-bound process")
      ("io-burst", po::value<std::string>()->default_value(d.io_burst.text())->value_name("DIST"),
       "each I/O of an I/O-bound process")
      ("io-cycles", po::value<std::string>()->default_value(d.io_cycles.text())->value_name("DIST"),
       "I/O steps per I/O-bound process (its program is cpu, io, ..., io, cpu)")
      ("priority", po::value<std::string>()->default_value("0")->value_name("LO..HI"), "uniform priorities")
      ("tickets", po::value<std::string>()->default_value("100")->value_name("LO..HI"), "uniform lottery tickets")
      ("nice", po::value<std::string>()->default_value("0")->value_name("LO..HI"), "uniform nice values (-20..19)")
      ("seed", po::value<std::uint64_t>()->default_value(d.seed)->value_name("S"), "random seed")
      ("tasks", po::value<std::uint32_t>()->value_name("N"),
       "make N periodic tasks instead of processes (UUniFast utilizations; the options below)")
      ("utilization", po::value<double>()->default_value(d.utilization, "0.75")->value_name("U"),
       "task sets: total utilization (above 1 on several CPUs: UUniFast-discard)")
      ("periods", po::value<std::string>()->default_value("10..1000")->value_name("LO..HI"), "task sets: period range")
      ("period-set", po::value<std::string>()->default_value("log-uniform")->value_name("KIND"),
       "task sets: log-uniform over LO..HI, or harmonic (LO * 2^k, the exponent uniform)")
      ("deadlines", po::value<std::string>()->default_value("implicit")->value_name("KIND"),
       "task sets: implicit (D = T) or constrained (D uniform over C..T)")
      ("sporadic", po::value<Ticks>()->value_name("J"),
       "task sets: sporadic tasks with release jitter 0..J (not yet: the loader has no min_interarrival)")
      ("horizon", po::value<Ticks>()->value_name("T"),
       "task sets: the workload's horizon (default: the hyperperiod, at most 100 x the longest period)");
  // clang-format on
}

namespace {

void task_set_config(const po::variables_map& vm, GeneratorConfig& c) {
  if (!vm.count("tasks")) return;
  c.tasks = vm["tasks"].as<std::uint32_t>();
  if (c.tasks < 1 || c.tasks > 100'000) throw UsageError(fmt::format("--tasks {} is out of range (1 to 100000)", c.tasks));
  c.utilization = vm["utilization"].as<double>();
  if (!(c.utilization > 0) || c.utilization > static_cast<double>(c.tasks))
    throw UsageError(fmt::format("--utilization {} must be above 0 and at most the number of tasks", c.utilization));
  c.periods = parse_range("periods", vm["periods"].as<std::string>(), 1, 1'000'000'000);
  c.period_set = parse_period_set(vm["period-set"].as<std::string>());
  c.deadlines = parse_deadlines(vm["deadlines"].as<std::string>());
  // The loader does not read min_interarrival yet (docs/workload-format.md): a file written
  // with it would not load, so the option is refused until it does.
  if (vm.count("sporadic"))
    throw UsageError("--sporadic: sporadic tasks are not supported yet (the workload format has no min_interarrival)");
  if (vm.count("sporadic")) {
    c.jitter = vm["sporadic"].as<Ticks>();
    if (c.jitter < 0 || c.jitter > 1'000'000'000) throw UsageError(fmt::format("--sporadic {} is out of range (0 to 10^9)", c.jitter));
  }
  if (vm.count("horizon")) {
    c.horizon = vm["horizon"].as<Ticks>();
    if (c.horizon < 1 || c.horizon > 1'000'000'000'000) throw UsageError(fmt::format("--horizon {} is out of range (1 to 10^12)", c.horizon));
  }
}

}  // namespace

GeneratorConfig GeneratorOptions::config(const po::variables_map& vm) const {
  GeneratorConfig c;
  c.processes = vm["processes"].as<std::uint64_t>();
  if (c.processes < 1 || c.processes > kMaxProcesses)
    throw UsageError(fmt::format("--processes {} is out of range (1 to {})", c.processes, kMaxProcesses));
  c.cpus = vm["cpus"].as<std::uint32_t>();
  if (c.cpus < 1 || c.cpus > 4096) throw UsageError(fmt::format("--cpus {} is out of range (1 to 4096)", c.cpus));
  c.arrival = parse_arrival(vm["arrival"].as<std::string>());
  if (vm.count("rate")) {
    c.rate = vm["rate"].as<double>();
    if (!(c.rate > 0) || !std::isfinite(c.rate)) throw UsageError(fmt::format("--rate {} must be above 0", c.rate));
  }
  c.load = vm["load"].as<double>();
  if (!(c.load > 0) || c.load > 1000) throw UsageError(fmt::format("--load {} must be above 0 (and at most 1000)", c.load));
  c.burst_size = vm["burst-size"].as<double>();
  if (!(c.burst_size >= 1) || c.burst_size > 1e9) throw UsageError(fmt::format("--burst-size {} must be at least 1", c.burst_size));
  c.io_share = vm["io-share"].as<double>();
  if (!(c.io_share >= 0 && c.io_share <= 1)) throw UsageError(fmt::format("--io-share {} must be from 0 to 1", c.io_share));
  c.cpu_burst = parse_distribution("cpu-burst", vm["cpu-burst"].as<std::string>());
  c.io_cpu_burst = parse_distribution("io-cpu-burst", vm["io-cpu-burst"].as<std::string>());
  c.io_burst = parse_distribution("io-burst", vm["io-burst"].as<std::string>());
  c.io_cycles = parse_distribution("io-cycles", vm["io-cycles"].as<std::string>());
  c.priority = parse_range("priority", vm["priority"].as<std::string>(), -1'000'000, 1'000'000);
  c.tickets = parse_range("tickets", vm["tickets"].as<std::string>(), 1, 1'000'000);
  c.nice = parse_range("nice", vm["nice"].as<std::string>(), -20, 19);
  c.seed = vm["seed"].as<std::uint64_t>();
  task_set_config(vm, c);
  return c;
}

GeneratorConfig parse_generator_spec(const std::string& spec, bool* seed_given) {
  static const GeneratorOptions options;
  std::vector<std::string> args;
  std::vector<std::string> files;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    const std::string item = spec.substr(start, comma - start);
    start = comma + 1;
    if (item.empty()) continue;
    if (item.front() == '@') {
      files.push_back(item.substr(1));
      continue;
    }
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(fmt::format("'gen:{}': '{}' is not key=value (e.g. gen:n=1000,io-share=0.3)", spec, item));
    const std::string key = item.substr(0, eq);
    args.push_back(key.size() == 1 ? "-" + key : "--" + key);
    args.push_back(item.substr(eq + 1));
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options.description()).run(), vm);
    for (const std::string& file : files) {
      std::ifstream in(file);
      if (!in) throw UsageError(fmt::format("'gen:{}': cannot read generator settings '{}'", spec, file));
      po::store(po::parse_config_file(in, options.description()), vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("'gen:{}': {}", spec, e.what()));
  }
  if (seed_given) *seed_given = !vm["seed"].defaulted();
  return options.config(vm);
}

WorkloadGenerator::WorkloadGenerator(const GeneratorConfig& config)
    : config_(config),
      rate_(config.effective_rate()),
      arrivals_(config.seed, kArrivals),
      kinds_(config.seed, kKinds),
      bursts_(config.seed, kBursts),
      attributes_(config.seed, kAttributes) {
  if (config.tasks > 0) task_set_ = generate_task_set(config);
}

bool WorkloadGenerator::next(GeneratedProcess& out) {
  if (config_.tasks > 0) {
    if (made_ == task_set_.tasks.size()) return false;
    out = task_set_.tasks[made_++];
    return true;
  }
  if (made_ == config_.processes) return false;
  ++made_;
  out.name.assign("p");
  out.name.append(fmt::format_int(made_).c_str());

  switch (config_.arrival) {
    case ArrivalProcess::Poisson:
      if (made_ > 1) clock_ += arrivals_.exponential(1.0 / rate_);
      break;
    case ArrivalProcess::Bursty:
      if (batch_left_ == 0) {
        if (made_ > 1) clock_ += arrivals_.exponential(config_.burst_size / rate_);
        batch_left_ = 1 + static_cast<std::uint64_t>(arrivals_.geometric(1.0 / config_.burst_size));
      }
      --batch_left_;
      break;
    case ArrivalProcess::Batch: break;
  }
  constexpr double kMaxArrival = 1e15;
  out.arrival = static_cast<Ticks>(std::floor(std::min(clock_, kMaxArrival)));

  out.program.clear();
  if (kinds_.chance(config_.io_share)) {
    const std::int64_t cycles = config_.io_cycles.sample(bursts_);
    for (std::int64_t k = 0; k < cycles; ++k) {
      out.program.push_back(cpu_step(config_.io_cpu_burst.sample(bursts_)));
      out.program.push_back(io_step(config_.io_burst.sample(bursts_)));
    }
    out.program.push_back(cpu_step(config_.io_cpu_burst.sample(bursts_)));
  } else {
    out.program.push_back(cpu_step(config_.cpu_burst.sample(bursts_)));
  }
  out.priority = static_cast<int>(attributes_.between(config_.priority.lo, config_.priority.hi));
  out.tickets = static_cast<int>(attributes_.between(config_.tickets.lo, config_.tickets.hi));
  out.nice = static_cast<int>(attributes_.between(config_.nice.lo, config_.nice.hi));
  return true;
}

Workload generate_workload(const GeneratorConfig& config, const std::string& name) {
  Workload w;
  w.source = name;
  w.name = name;
  w.cpus = config.cpus;
  w.processes.reserve(config.processes);
  WorkloadGenerator gen(config);
  GeneratedProcess p;
  while (gen.next(p)) {
    const std::size_t i = w.add_process(p.name, p.arrival, p.program, p.priority);
    w.processes[i].tickets = p.tickets;
    w.processes[i].nice = p.nice;
    if (p.period > 0) {
      RealtimeSpec rt;
      rt.process = static_cast<std::uint32_t>(i);
      rt.period = p.period;
      rt.deadline = p.deadline;
      rt.work = p.program.front().value;
      rt.sporadic = p.sporadic;
      rt.jitter = p.jitter;
      w.realtime.push_back(rt);
    }
  }
  w.horizon = gen.horizon();
  return w;
}

}  // namespace schedlab::lab

// Seeded random workloads (`schedlab gen`, and `gen:...` workloads in `schedlab compare`).
//
// Model (docs/cli.md, "schedlab gen"): N processes p1..pN arrive by a Poisson process
// (or in Poisson batches, or all at 0). Each is I/O-bound with probability io_share:
// then its program is `cpu, io, cpu, ..., io, cpu` with io_cycles I/O steps; otherwise it
// is CPU-bound: one CPU burst. Priorities, tickets and nice values are uniform over their
// ranges. Every random choice comes from its own stream of the seed, so e.g. changing
// io_share leaves the arrival times as they were.
//
// With `tasks` > 0 it makes a periodic task set instead (docs/cli.md, "Periodic task
// sets"): t1..tN released together at 0, utilizations by UUniFast (Bini & Buttazzo 2005;
// UUniFast-discard, Davis & Burns 2009, when the total is above 1), periods log-uniform over
// a range or over the harmonic set LO * 2^k, each job's burst round(u * T) (at least 1).
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/workload.hpp>

#include <schedlab/lab/burst_distribution.hpp>
#include <schedlab/lab/random_source.hpp>

namespace schedlab::lab {

enum class ArrivalProcess : std::uint8_t {
  Poisson,  // exponential gaps with mean 1/rate, times floored to whole ticks
  Bursty,   // batches of mean size burst_size arrive as a Poisson process of rate rate/burst_size
  Batch,    // everyone at tick 0
};

struct IntRange {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  bool operator==(const IntRange&) const = default;
};

enum class PeriodSet : std::uint8_t { LogUniform, Harmonic };
enum class DeadlineKind : std::uint8_t { Implicit, Constrained };

struct GeneratorConfig {
  std::uint64_t processes = 100;
  std::uint32_t cpus = 1;
  ArrivalProcess arrival = ArrivalProcess::Poisson;
  double rate = 0;    // arrivals per tick; 0: derived from load
  double load = 0.9;  // offered CPU load per CPU, used when rate is 0
  double burst_size = 8;
  double io_share = 0.3;
  BurstDistribution cpu_burst = BurstDistribution::exponential(20);
  BurstDistribution io_cpu_burst = BurstDistribution::exponential(3);
  BurstDistribution io_burst = BurstDistribution::exponential(12);
  BurstDistribution io_cycles = BurstDistribution::uniform(2, 5);
  IntRange priority{0, 0};
  IntRange tickets{100, 100};
  IntRange nice{0, 0};
  std::uint64_t seed = 1;
  // Periodic task sets (`tasks` > 0; the process options above other than priority then
  // do not apply).
  std::uint32_t tasks = 0;
  double utilization = 0.75;  // total, over all CPUs
  IntRange periods{10, 1000};
  PeriodSet period_set = PeriodSet::LogUniform;
  DeadlineKind deadlines = DeadlineKind::Implicit;  // constrained: D uniform over C..T
  Ticks jitter = -1;  // >= 0: sporadic tasks (`min_interarrival`) with this release jitter
  Ticks horizon = 0;  // 0: the hyperperiod, at most 100 times the longest period

  // The arrival rate actually used: `rate`, or load * cpus / mean CPU demand per process.
  double effective_rate() const;
  // The options that differ from the defaults, as "key=value,..." in a fixed order
  // (seed last); what `gen:` reads back.
  std::string spec() const;
};

// The generator's options (shared by `schedlab gen` and `gen:` specs).
class GeneratorOptions {
 public:
  GeneratorOptions();
  const boost::program_options::options_description& description() const { return desc_; }
  // Turn parsed variables into a config; throws UsageError on a bad value.
  GeneratorConfig config(const boost::program_options::variables_map& vm) const;

 private:
  boost::program_options::options_description desc_;
};

// Read `n=1000,io-share=0.3,...` (the part after `gen:`); an item `@FILE` reads a file of
// `key = value` lines with the same keys. Throws UsageError naming the bad item.
// `seed_given` (if not null) tells whether the spec set the seed itself.
GeneratorConfig parse_generator_spec(const std::string& spec, bool* seed_given = nullptr);

struct GeneratedProcess {
  std::string name;
  Ticks arrival = 0;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
  std::vector<Step> program;  // Cpu and Io steps only
  Ticks period = 0;    // > 0: a periodic task (its min_interarrival when sporadic)
  Ticks deadline = 0;  // relative deadline of a periodic task
  bool sporadic = false;
  Ticks jitter = 0;    // a sporadic task's release jitter
};

// A task set (config.tasks > 0) and the horizon it runs to.
struct TaskSet {
  std::vector<GeneratedProcess> tasks;
  Ticks horizon = 0;
};
TaskSet generate_task_set(const GeneratorConfig& config);

// Produces the processes one at a time, so a million never sit in memory at once.
class WorkloadGenerator {
 public:
  explicit WorkloadGenerator(const GeneratorConfig& config);
  // The next process, or false when all have been made. `out` is reused.
  bool next(GeneratedProcess& out);
  // A task set's horizon (-1 for processes).
  Ticks horizon() const { return task_set_.tasks.empty() ? -1 : task_set_.horizon; }

 private:
  GeneratorConfig config_;
  double rate_;
  RandomSource arrivals_, kinds_, bursts_, attributes_;
  std::uint64_t made_ = 0;
  double clock_ = 0;            // continuous arrival clock
  std::uint64_t batch_left_ = 0;  // bursty: processes still to come in the current batch
  TaskSet task_set_;              // config.tasks > 0: made at once (a task set is small)
};

// The whole workload in memory (for compare).
Workload generate_workload(const GeneratorConfig& config, const std::string& name);

}  // namespace schedlab::lab

// Random periodic task sets for `schedlab gen --tasks N` (workload_generator.hpp).
//
// Utilizations: UUniFast (Bini & Buttazzo, "Measuring the performance of schedulability
// tests", Real-Time Systems 30, 2005) draws n utilizations uniformly over the simplex
// summing to U; with U > 1 a draw with some u_i > 1 is discarded and redrawn
// (UUniFast-discard, Davis & Burns 2009). Periods: log-uniform over LO..HI (each whole
// period k with probability proportional to ln((k+1)/k)), or uniform over the exponents of
// the harmonic set LO, 2 LO, 4 LO, ... <= HI. Each job's burst is round(u T), at least 1,
// so the set's real utilization is near, not exactly, U; `schedlab analyze` shows it.
// Each quantity has its own random stream, so e.g. changing the periods keeps the
// utilizations.
#include <schedlab/lab/workload_generator.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include <schedlab/errors.hpp>

namespace schedlab::lab {

namespace {

enum Stream : std::uint64_t { kUtilizations = 5, kPeriods = 6, kDeadlines = 7, kPriorities = 4 };

constexpr int kMaxDiscards = 100'000;

std::vector<double> uunifast(std::uint32_t n, double total, RandomSource& random) {
  std::vector<double> u(n);
  for (int attempt = 0; attempt < kMaxDiscards; ++attempt) {
    double sum = total;
    bool fits = true;
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
      const double next = sum * std::pow(random.unit_open_zero(), 1.0 / static_cast<double>(n - 1 - i));
      u[i] = sum - next;
      sum = next;
      fits = fits && u[i] <= 1.0;
    }
    u[n - 1] = sum;
    if (fits && sum <= 1.0) return u;
  }
  throw UsageError(fmt::format("--utilization {} for {} tasks: UUniFast-discard found no set with every task's "
                               "utilization at most 1 in {} draws (ask for less per task)",
                               total, n, kMaxDiscards));
}

Ticks draw_period(const GeneratorConfig& c, RandomSource& random) {
  const auto lo = static_cast<double>(c.periods.lo), hi = static_cast<double>(c.periods.hi);
  if (c.period_set == PeriodSet::Harmonic) {
    std::int64_t top = 0;  // the largest k with lo * 2^k <= hi
    while (c.periods.lo << (top + 1) <= c.periods.hi) ++top;
    return c.periods.lo << random.between(0, top);
  }
  const double r = 1.0 - random.unit_open_zero();  // [0, 1)
  const auto t = static_cast<Ticks>(std::floor(lo * std::exp(r * std::log((hi + 1.0) / lo))));
  return std::clamp<Ticks>(t, c.periods.lo, c.periods.hi);
}

// lcm of the periods, or 0 once it passes `cap`.
Ticks hyperperiod(const std::vector<GeneratedProcess>& tasks, Ticks cap) {
  Ticks h = 1;
  for (const GeneratedProcess& t : tasks) {
    const Ticks step = t.period / std::gcd(h, t.period);
    if (h > cap / step) return 0;
    h *= step;
  }
  return h;
}

}  // namespace

TaskSet generate_task_set(const GeneratorConfig& c) {
  RandomSource utilizations(c.seed, kUtilizations), periods(c.seed, kPeriods), deadlines(c.seed, kDeadlines),
      priorities(c.seed, kPriorities);
  const std::vector<double> u = uunifast(c.tasks, c.utilization, utilizations);
  TaskSet set;
  Ticks longest = 0;
  for (std::uint32_t i = 0; i < c.tasks; ++i) {
    GeneratedProcess& t = set.tasks.emplace_back();
    t.name = fmt::format("t{}", i + 1);
    t.period = draw_period(c, periods);
    const auto burst = static_cast<Ticks>(std::llround(u[i] * static_cast<double>(t.period)));
    t.program.push_back(cpu_step(std::clamp<Ticks>(burst, 1, t.period)));
    t.deadline = c.deadlines == DeadlineKind::Constrained ? deadlines.between(t.program[0].value, t.period) : t.period;
    t.priority = static_cast<int>(priorities.between(c.priority.lo, c.priority.hi));
    t.sporadic = c.jitter >= 0;
    t.jitter = std::max<Ticks>(c.jitter, 0);
    longest = std::max(longest, t.period);
  }
  const Ticks cap = 100 * longest;
  const Ticks h = hyperperiod(set.tasks, cap);
  set.horizon = c.horizon > 0 ? c.horizon : h > 0 ? h : cap;
  return set;
}

}  // namespace schedlab::lab

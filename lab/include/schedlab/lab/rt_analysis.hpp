// Schedulability analysis of a workload's periodic tasks (`schedlab analyze`, docs/realtime.md).
//
// What it computes, per task and in total:
//  - utilization C/T, compared with Liu & Layland's bound n(2^{1/n} - 1) and with the
//    hyperbolic bound prod(U_i + 1) <= 2 (Bini, Buttazzo & Buttazzo 2003), both sufficient
//    tests for rate-monotonic with deadlines no shorter than periods;
//  - exact response-time analysis for fixed priorities (rm, dm, fp), with the level-i busy
//    period so that deadlines longer than periods are handled (Lehoczky 1990);
//  - the EDF processor-demand test (Baruah, Rosier & Howell 1990) over the synchronous busy
//    period, exact for synchronous sets with any relative deadlines;
//  - for N CPUs, first-fit and worst-fit decreasing partitioning (each CPU admitted by the
//    demand test), and the GFB test for global EDF (Goossens, Funk & Baruah 2003; with
//    densities when a deadline is shorter than its period).
// Whole ticks are integers and every verdict that can be exact is: utilizations are
// fractions (a long double only if a sum's denominator overflows 64 bits); only the Liu &
// Layland bound, irrational for n >= 2, is compared in long double.
//
// The tests model each task as "a job of C ticks every T from its offset"; offsets are
// taken as 0 (the synchronous release, the worst case for these tests, so with offsets the
// verdicts stay sufficient but the response times are upper bounds). Ordinary processes of
// the workload are not part of the analysis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <schedlab/workload.hpp>

namespace schedlab::lab {

// A non-negative fraction num/den in lowest terms; `exact` false when it no longer fitted
// in 64 bits, then only `approx` is meaningful.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
  bool exact = true;
  long double approx = 0;

  static Fraction of(std::int64_t num, std::int64_t den);
  Fraction operator+(const Fraction& o) const;
  Fraction operator*(const Fraction& o) const;
  // -1, 0, 1: this compared with o (in long double when either is inexact).
  int compare(const Fraction& o) const;
  std::string text() const;  // "41/100" (or the decimal when inexact)
};

struct RtTask {
  std::string name;
  Ticks offset = 0;
  Ticks period = 0;
  Ticks deadline = 0;  // relative
  Ticks wcet = 0;      // each job's CPU ticks
  int priority = 0;    // the process's `priority` (fp)
  bool sporadic = false;  // `min_interarrival`: `period` is the minimum separation
};

// The periodic tasks of `w` in listing order. A task whose jobs are not a known number of
// CPU ticks (a program with I/O, sleeps...) has no WCET: InputError at its `period`.
std::vector<RtTask> realtime_tasks(const Workload& w);

enum class FixedPriority : std::uint8_t { Rm, Dm, Fp };
std::string_view fixed_priority_name(FixedPriority order);

enum class Bound : std::uint8_t { Finite, Unbounded, GaveUp };

struct TaskResponse {
  Bound bound = Bound::Finite;
  Ticks worst = 0;   // worst-case response time when Finite
  int rank = 0;      // 1 = highest priority
  bool schedulable = false;
};

struct FixedPriorityAnalysis {
  FixedPriority order = FixedPriority::Rm;
  std::vector<TaskResponse> tasks;  // listing order
  bool schedulable = false;
  // True when the response times are exact (synchronous release, no equal keys with
  // different periods); otherwise they are upper bounds.
  bool exact = true;
};
FixedPriorityAnalysis response_time_analysis(const std::vector<RtTask>& tasks, FixedPriority order);

struct DemandTest {
  bool schedulable = false;
  bool decided = true;          // false: the busy period was too long to check
  Ticks busy_period = 0;        // checked every absolute deadline up to here
  Ticks failure = -1;           // the first t with demand(t) > t, -1: none
  Ticks demand_at_failure = 0;
};
// On one CPU, for the tasks picked by `members` (all when empty).
DemandTest edf_demand_test(const std::vector<RtTask>& tasks, const std::vector<std::uint32_t>& members = {});

enum class Heuristic : std::uint8_t { FirstFitDecreasing, WorstFitDecreasing };

struct Partition {
  Heuristic heuristic = Heuristic::FirstFitDecreasing;
  bool success = false;
  std::vector<int> cpu;               // per task (listing order), -1: fits nowhere
  std::vector<Fraction> utilization;  // per CPU
};
Partition partition(const std::vector<RtTask>& tasks, std::uint32_t cpus, Heuristic heuristic);

struct GfbTest {
  bool density = false;  // some deadline is shorter than its period: densities C/min(D,T)
  Fraction total;        // sum of utilizations (or densities)
  Fraction limit;        // m - (m - 1) * max
  bool schedulable = false;
};
GfbTest gfb_test(const std::vector<RtTask>& tasks, std::uint32_t cpus);

struct RtAnalysis {
  std::string source;
  std::uint32_t cpus = 1;
  std::size_t ordinary_processes = 0;  // processes that are not periodic tasks (ignored)
  std::vector<RtTask> tasks;
  std::vector<Fraction> utilization;  // per task
  Fraction total;
  bool implicit_or_longer = true;  // every deadline >= its period: the two bounds apply
  long double liu_layland = 0;     // n(2^{1/n} - 1)
  bool liu_layland_ok = false;
  Fraction hyperbolic;             // prod(U_i + 1)
  bool hyperbolic_ok = false;
  std::vector<FixedPriorityAnalysis> fixed;  // rm, dm, fp
  DemandTest edf;
  std::vector<Partition> partitions;  // cpus > 1: ffd, wfd
  std::optional<GfbTest> gfb;         // cpus > 1
};
// `cpus` 0: the workload's own.
RtAnalysis analyze_realtime(const Workload& w, std::uint32_t cpus = 0);

void append_analysis_table(fmt::memory_buffer& out, const RtAnalysis& a);
void append_analysis_json(fmt::memory_buffer& out, const RtAnalysis& a);

}  // namespace schedlab::lab

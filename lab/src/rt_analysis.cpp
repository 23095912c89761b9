// The analysis as a whole (rt_analysis.hpp): the tasks, utilizations, the two utilization
// bounds, GFB, and the calls into response-time analysis, the demand test and partitioning.
#include <schedlab/lab/rt_analysis.hpp>

#include <cmath>
#include <numeric>

#include <schedlab/errors.hpp>

namespace schedlab::lab {

namespace {

__extension__ typedef __int128 Wide;  // products of two 64-bit numbers, then reduced

Fraction inexact(long double v) {
  Fraction f;
  f.exact = false;
  f.approx = v;
  return f;
}

// num/den reduced, or inexact when it does not fit 64 bits.
Fraction reduced(Wide num, Wide den) {
  Wide a = num < 0 ? -num : num, b = den;
  while (b != 0) {
    const Wide r = a % b;
    a = b;
    b = r;
  }
  if (a > 1) {
    num /= a;
    den /= a;
  }
  const long double approx = static_cast<long double>(num) / static_cast<long double>(den);
  constexpr Wide kMax = INT64_MAX;
  if (num > kMax || den > kMax || num < -kMax) return inexact(approx);
  Fraction f;
  f.num = static_cast<std::int64_t>(num);
  f.den = static_cast<std::int64_t>(den);
  f.approx = approx;
  return f;
}

// The CPU ticks of one run of `program` when it is CPU steps only, else -1.
Ticks cpu_only_work(const Workload& w, std::uint32_t program) {
  const ProgramRef& ref = w.programs.at(program);
  Ticks sum = 0;
  for (std::uint32_t k = 0; k < ref.size; ++k) {
    const Step& s = w.steps[ref.begin + k];
    if (s.op != Op::Cpu) return -1;
    sum += s.value;
  }
  return sum;
}

}  // namespace

Fraction Fraction::of(std::int64_t num, std::int64_t den) { return reduced(num, den); }

Fraction Fraction::operator+(const Fraction& o) const {
  if (!exact || !o.exact) return inexact(approx + o.approx);
  return reduced(Wide{num} * o.den + Wide{o.num} * den, Wide{den} * o.den);
}

Fraction Fraction::operator*(const Fraction& o) const {
  if (!exact || !o.exact) return inexact(approx * o.approx);
  return reduced(Wide{num} * o.num, Wide{den} * o.den);
}

int Fraction::compare(const Fraction& o) const {
  if (!exact || !o.exact) return approx < o.approx ? -1 : approx > o.approx ? 1 : 0;
  const Wide l = Wide{num} * o.den, r = Wide{o.num} * den;
  return l < r ? -1 : l > r ? 1 : 0;
}

std::string Fraction::text() const {
  if (!exact) return fmt::format("{:.6f}", static_cast<double>(approx));
  return den == 1 ? fmt::format("{}", num) : fmt::format("{}/{}", num, den);
}

std::string_view fixed_priority_name(FixedPriority order) {
  switch (order) {
    case FixedPriority::Rm: return "rm";
    case FixedPriority::Dm: return "dm";
    case FixedPriority::Fp: return "fp";
  }
  return "?";
}

std::vector<RtTask> realtime_tasks(const Workload& w) {
  std::vector<RtTask> out;
  out.reserve(w.realtime.size());
  for (const RealtimeSpec& rt : w.realtime) {
    const ProcessSpec& p = w.processes.at(rt.process);
    RtTask t;
    t.name = p.name;
    t.offset = p.arrival;
    t.period = rt.period;
    t.deadline = rt.deadline;
    t.priority = p.priority;
    t.sporadic = rt.sporadic;
    t.wcet = rt.work >= 0 ? rt.work : cpu_only_work(w, p.program);
    if (t.wcet < 0)
      throw InputError(w.source, rt.period_pos.line, rt.period_pos.column,
                       fmt::format("process '{}': its jobs are not a fixed number of CPU ticks (the program has "
                                   "steps other than cpu), so it has no worst-case execution time to analyse",
                                   p.name));
    out.push_back(std::move(t));
  }
  return out;
}

GfbTest gfb_test(const std::vector<RtTask>& tasks, std::uint32_t cpus) {
  GfbTest g;
  Fraction max;
  for (const RtTask& t : tasks) {
    g.density = g.density || t.deadline < t.period;
  }
  for (const RtTask& t : tasks) {
    const Fraction u = Fraction::of(t.wcet, g.density ? std::min(t.deadline, t.period) : t.period);
    g.total = g.total + u;
    if (u.compare(max) > 0) max = u;
  }
  // m - (m - 1) * max = m (1 - max) + max
  const Fraction m = Fraction::of(cpus, 1);
  const Fraction rest = Fraction::of(1, 1) + Fraction::of(-1, 1) * max;  // 1 - max (max <= 1 checked below)
  g.limit = max.compare(Fraction::of(1, 1)) > 0 ? Fraction::of(0, 1) : m * rest + max;
  g.schedulable = max.compare(Fraction::of(1, 1)) <= 0 && g.total.compare(g.limit) <= 0;
  return g;
}

RtAnalysis analyze_realtime(const Workload& w, std::uint32_t cpus) {
  RtAnalysis a;
  a.source = w.source;
  a.cpus = cpus == 0 ? w.cpus : cpus;
  a.tasks = realtime_tasks(w);
  a.ordinary_processes = w.processes.size() - a.tasks.size();
  a.hyperbolic = Fraction::of(1, 1);
  for (const RtTask& t : a.tasks) {
    const Fraction u = Fraction::of(t.wcet, t.period);
    a.utilization.push_back(u);
    a.total = a.total + u;
    a.hyperbolic = a.hyperbolic * (u + Fraction::of(1, 1));
    a.implicit_or_longer = a.implicit_or_longer && t.deadline >= t.period;
  }
  const auto n = static_cast<long double>(a.tasks.size());
  a.liu_layland = a.tasks.empty() ? 1.0L : n * (std::pow(2.0L, 1.0L / n) - 1.0L);
  // n = 1: the bound is exactly 1, compared exactly.
  a.liu_layland_ok = a.implicit_or_longer &&
                     (a.tasks.size() <= 1 ? a.total.compare(Fraction::of(1, 1)) <= 0 : a.total.approx <= a.liu_layland);
  a.hyperbolic_ok = a.implicit_or_longer && a.hyperbolic.compare(Fraction::of(2, 1)) <= 0;
  for (FixedPriority order : {FixedPriority::Rm, FixedPriority::Dm, FixedPriority::Fp})
    a.fixed.push_back(response_time_analysis(a.tasks, order));
  a.edf = edf_demand_test(a.tasks);
  if (a.cpus > 1) {
    a.partitions.push_back(partition(a.tasks, a.cpus, Heuristic::FirstFitDecreasing));
    a.partitions.push_back(partition(a.tasks, a.cpus, Heuristic::WorstFitDecreasing));
    a.gfb = gfb_test(a.tasks, a.cpus);
  }
  return a;
}

}  // namespace schedlab::lab

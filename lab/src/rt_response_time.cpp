// Exact response-time analysis for fixed priorities on one CPU (rt_analysis.hpp).
//
// For task i with the tasks hp(i) that may delay it, the level-i busy period starting at a
// synchronous release holds jobs q = 0, 1, ... of i; job q completes at the least w with
//   w = (q + 1) C_i + sum_{j in hp(i)} ceil(w / T_j) C_j
// and its response is w - q T_i. The busy period ends with the first job q whose
// completion is no later than the next release, w <= (q + 1) T_i (Lehoczky 1990, the
// arbitrary-deadline form; with D <= T it stops at q = 0, Joseph & Pandya's equation).
// Matching the kernel: a job ending at t completes before a release at t, and the jobs of
// one task run one at a time in release order.
//
// Priorities follow the policies exactly (docs/policies.md): rm orders by period, dm by
// relative deadline, fp by `priority` (lower first); equal keys go to the earlier release,
// then listing order. Two tasks with equal keys and the same period and offset release
// together, so listing order ranks them; otherwise which of two equal-key jobs runs first
// changes from job to job, and each is counted as delaying the other (an upper bound).
#include <schedlab/lab/rt_analysis.hpp>

#include <algorithm>
#include <numeric>

namespace schedlab::lab {

namespace {

__extension__ typedef __int128 Wide;

constexpr Wide kLimit = Wide{1} << 62;          // windows beyond this: give up
constexpr std::uint64_t kMaxSteps = 20'000'000;  // fixed-point iterations per task

std::int64_t key(const RtTask& t, FixedPriority order) {
  switch (order) {
    case FixedPriority::Rm: return t.period;
    case FixedPriority::Dm: return t.deadline;
    case FixedPriority::Fp: return t.priority;
  }
  return 0;
}

// Does task j delay task i? `tie` is set when they delay each other (equal keys whose
// jobs are not always released together).
bool delays(const std::vector<RtTask>& ts, std::size_t j, std::size_t i, FixedPriority order, bool& tie) {
  if (j == i) return false;
  const std::int64_t kj = key(ts[j], order), ki = key(ts[i], order);
  if (kj != ki) return kj < ki;
  if (ts[j].period == ts[i].period && ts[j].offset == ts[i].offset) return j < i;
  tie = true;
  return true;
}

Wide ceil_div(Wide a, Wide b) { return (a + b - 1) / b; }

TaskResponse analyse(const std::vector<RtTask>& ts, std::size_t i, const std::vector<std::size_t>& hp) {
  TaskResponse r;
  Fraction u = Fraction::of(ts[i].wcet, ts[i].period);
  for (std::size_t j : hp) u = u + Fraction::of(ts[j].wcet, ts[j].period);
  if (u.compare(Fraction::of(1, 1)) > 0) {
    r.bound = Bound::Unbounded;  // the level-i busy period never ends
    return r;
  }
  const Wide c = ts[i].wcet, t = ts[i].period;
  auto demand = [&](Wide w, Wide jobs) {
    Wide s = jobs * c;
    for (std::size_t j : hp) s += ceil_div(w, ts[j].period) * ts[j].wcet;
    return s;
  };
  Wide w = c;
  for (std::size_t j : hp) w += ts[j].wcet;
  std::uint64_t steps = 0;
  Wide worst = 0;
  for (Wide q = 0;; ++q) {
    if (q > 0) w += c;  // job q needs at least the window of job q - 1 plus its own work
    for (Wide next = demand(w, q + 1); next != w; next = demand(w, q + 1)) {
      w = next;
      if (w > kLimit || ++steps > kMaxSteps) {
        r.bound = Bound::GaveUp;
        return r;
      }
    }
    worst = std::max(worst, w - q * t);
    if (w <= (q + 1) * t) break;
  }
  r.worst = static_cast<Ticks>(worst);
  r.schedulable = r.worst <= ts[i].deadline;
  return r;
}

}  // namespace

FixedPriorityAnalysis response_time_analysis(const std::vector<RtTask>& ts, FixedPriority order) {
  FixedPriorityAnalysis a;
  a.order = order;
  a.tasks.resize(ts.size());
  std::vector<std::size_t> by_rank(ts.size());
  std::iota(by_rank.begin(), by_rank.end(), std::size_t{0});
  std::stable_sort(by_rank.begin(), by_rank.end(), [&](std::size_t x, std::size_t y) {
    const std::int64_t kx = key(ts[x], order), ky = key(ts[y], order);
    return kx != ky ? kx < ky : ts[x].offset < ts[y].offset;
  });
  for (std::size_t r = 0; r < by_rank.size(); ++r) a.tasks[by_rank[r]].rank = static_cast<int>(r + 1);
  a.schedulable = true;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    std::vector<std::size_t> hp;
    bool tie = false;
    for (std::size_t j = 0; j < ts.size(); ++j)
      if (delays(ts, j, i, order, tie)) hp.push_back(j);
    const int rank = a.tasks[i].rank;
    a.tasks[i] = analyse(ts, i, hp);
    a.tasks[i].rank = rank;
    a.exact = a.exact && !tie && ts[i].offset == 0 && !ts[i].sporadic;
    a.schedulable = a.schedulable && a.tasks[i].schedulable;
  }
  return a;
}

}  // namespace schedlab::lab

// The EDF processor-demand test on one CPU (rt_analysis.hpp).
//
// A synchronous set is EDF-schedulable on one CPU iff its utilization is at most 1 and
// for every absolute deadline t inside the synchronous busy period the demand
//   dbf(t) = sum_i max(0, floor((t - D_i) / T_i) + 1) C_i
// is at most t (Baruah, Rosier & Howell 1990; the busy period as the bound of the check
// follows Spuri 1996). It holds for any relative deadlines, shorter or longer than the
// period. The deadlines are visited in increasing order, each adding its job's C to the
// demand, so the test costs one step per job of the busy period.
#include <schedlab/lab/rt_analysis.hpp>

#include <numeric>
#include <queue>

namespace schedlab::lab {

namespace {

__extension__ typedef __int128 Wide;

constexpr Wide kLimit = Wide{1} << 62;
constexpr std::uint64_t kMaxPoints = 20'000'000;  // deadlines visited at most

// The synchronous busy period: the least L > 0 with L = sum ceil(L / T_i) C_i; 0 when it
// cannot be found within the limits.
Wide busy_period(const std::vector<RtTask>& ts, const std::vector<std::uint32_t>& members) {
  Wide l = 0;
  for (std::uint32_t i : members) l += ts[i].wcet;
  for (std::uint64_t steps = 0; steps < kMaxPoints; ++steps) {
    Wide next = 0;
    for (std::uint32_t i : members) next += (l + ts[i].period - 1) / ts[i].period * ts[i].wcet;
    if (next == l) return l;
    if (next > kLimit) return 0;
    l = next;
  }
  return 0;
}

}  // namespace

DemandTest edf_demand_test(const std::vector<RtTask>& ts, const std::vector<std::uint32_t>& picked) {
  std::vector<std::uint32_t> members = picked;
  if (members.empty()) {
    members.resize(ts.size());
    std::iota(members.begin(), members.end(), 0u);
  }
  DemandTest d;
  Fraction u;
  for (std::uint32_t i : members) u = u + Fraction::of(ts[i].wcet, ts[i].period);
  if (u.compare(Fraction::of(1, 1)) > 0) return d;  // overloaded: not schedulable, nothing to check
  const Wide l = busy_period(ts, members);
  if (l == 0) {
    d.decided = false;
    return d;
  }
  d.busy_period = static_cast<Ticks>(l);
  using Next = std::pair<Wide, std::uint32_t>;  // (absolute deadline, task)
  std::priority_queue<Next, std::vector<Next>, std::greater<>> deadlines;
  for (std::uint32_t i : members) deadlines.emplace(ts[i].deadline, i);
  Wide demand = 0;
  for (std::uint64_t points = 0; !deadlines.empty() && deadlines.top().first <= l; ++points) {
    if (points == kMaxPoints) {
      d.decided = false;
      return d;
    }
    const Wide t = deadlines.top().first;
    while (!deadlines.empty() && deadlines.top().first == t) {
      const std::uint32_t i = deadlines.top().second;
      deadlines.pop();
      demand += ts[i].wcet;
      deadlines.emplace(t + ts[i].period, i);
    }
    if (demand > t) {
      d.failure = static_cast<Ticks>(t);
      d.demand_at_failure = static_cast<Ticks>(demand);
      return d;
    }
  }
  d.schedulable = true;
  return d;
}

}  // namespace schedlab::lab

// Partitioning periodic tasks onto CPUs (rt_analysis.hpp): the tasks in decreasing
// utilization (equal ones in listing order) each go to a CPU where the set stays
// EDF-schedulable by the exact demand test. First-fit tries CPUs 0, 1, ...; worst-fit the
// least loaded first (equal loads: the lower CPU). The result is an `affinity` per task,
// for `-p edf` (partitioned EDF is global EDF with every task pinned).
#include <schedlab/lab/rt_analysis.hpp>

#include <algorithm>
#include <numeric>

namespace schedlab::lab {

Partition partition(const std::vector<RtTask>& ts, std::uint32_t cpus, Heuristic heuristic) {
  Partition p;
  p.heuristic = heuristic;
  p.cpu.assign(ts.size(), -1);
  p.utilization.assign(cpus, Fraction{});
  std::vector<Fraction> u;
  for (const RtTask& t : ts) u.push_back(Fraction::of(t.wcet, t.period));
  std::vector<std::uint32_t> order(ts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return u[a].compare(u[b]) > 0; });
  std::vector<std::vector<std::uint32_t>> on(cpus);
  p.success = true;
  for (std::uint32_t task : order) {
    std::vector<std::uint32_t> tries(cpus);
    std::iota(tries.begin(), tries.end(), 0u);
    if (heuristic == Heuristic::WorstFitDecreasing)
      std::stable_sort(tries.begin(), tries.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return p.utilization[a].compare(p.utilization[b]) < 0; });
    for (std::uint32_t cpu : tries) {
      std::vector<std::uint32_t> with = on[cpu];
      with.push_back(task);
      const DemandTest d = edf_demand_test(ts, with);
      if (!d.schedulable) continue;
      on[cpu] = std::move(with);
      p.utilization[cpu] = p.utilization[cpu] + u[task];
      p.cpu[task] = static_cast<int>(cpu);
      break;
    }
    p.success = p.success && p.cpu[task] >= 0;
  }
  return p;
}

}  // namespace schedlab::lab

#include <schedlab/lab/check_battery.hpp>

#include <algorithm>

#include <schedlab/workload_loader.hpp>

#include <schedlab/lab/workload_generator.hpp>

namespace schedlab::lab {

namespace {

struct Scenario {
  const char* name;
  CpuId min_cpus;  // pinned tasks need these CPUs
  const char* yaml;
};

// Each reaches a part of the policy API the classic workloads do not.
const Scenario kScenarios[] = {
    {"same-instant", 1, R"(
# Arrivals, wake-ups and expiring slices at the same ticks; an idle gap before 'late'.
processes:
  - {name: a, burst: 4}
  - {name: b, program: [{cpu: 2}, {io: 2}, {cpu: 2}]}
  - {name: c, arrival: 4, burst: 3}
  - {name: d, arrival: 4, program: [{cpu: 1}, {io: 3}, {cpu: 1}]}
  - {name: e, arrival: 8, burst: 2}
  - {name: late, arrival: 40, program: [{cpu: 3}, {io: 1}, {cpu: 1}]}
)"},
    {"kill-while-ready", 1, R"(
# 'killer' ends 'victim' while it waits (dequeue) or runs (task_dead).
processes:
  - {name: killer, program: [{cpu: 2}, {kill: victim}, {cpu: 1}]}
  - {name: victim, burst: 20}
  - {name: other, arrival: 1, burst: 5}
)"},
    {"priority-inheritance", 1, R"(
# 'high' waits for the lock 'low' holds: low inherits priority 1 (priority_changed).
locks: [{name: m, protocol: inherit}]
processes:
  - {name: low, priority: 5, program: [{lock: m}, {cpu: 6}, {unlock: m}, {cpu: 1}]}
  - {name: mid, priority: 3, arrival: 1, burst: 8}
  - {name: high, priority: 1, arrival: 2, program: [{cpu: 1}, {lock: m}, {cpu: 2}, {unlock: m}]}
)"},
    {"fork-and-threads", 1, R"(
# New tasks made while running (Arrival after a fork or a thread start), a yield, a sleep.
processes:
  - name: parent
    program:
      - cpu: 2
      - fork: {name: child, program: [{cpu: 3}, {io: 2}, {cpu: 1}]}
      - thread: {name: worker, program: [{cpu: 2}, yield, {cpu: 2}]}
      - cpu: 2
      - join: worker
      - wait: child
      - cpu: 1
  - {name: bystander, arrival: 1, program: [{cpu: 3}, {sleep: 4}, {cpu: 3}]}
)"},
    {"starvation", 1, R"(
# Two interactive tasks keep one CPU busy for 1600 ticks with short, high-priority bursts;
# 'batch' (long burst, low priority) arrives at t=1. Policies that always prefer short or
# important work never pick it until they are done.
processes:
  - {name: ui1, priority: 1, program: [{repeat: {times: 400, program: [{cpu: 2}, {io: 2}]}}]}
  - {name: ui2, priority: 1, program: [{repeat: {times: 400, program: [{cpu: 2}, {io: 2}]}}]}
  - {name: batch, arrival: 1, priority: 5, burst: 5}
)"},
    {"affinity", 2, R"(
# Tasks pinned to CPUs 0 and 1: pick_next(cpu) must respect Context::allowed_on.
processes:
  - {name: pinned0, burst: 6, affinity: [0]}
  - {name: pinned1, burst: 6, affinity: [1]}
  - {name: free, burst: 6}
  - {name: pinned0b, arrival: 1, burst: 3, affinity: [0]}
  - {name: io1, arrival: 2, program: [{cpu: 1}, {io: 2}, {cpu: 2}], affinity: [1]}
)"},
};

std::vector<GeneratorConfig> generated_configs() {
  std::vector<GeneratorConfig> out;
  GeneratorConfig mixed;
  mixed.processes = 40;
  mixed.io_share = 0.3;
  mixed.priority = {0, 4};
  mixed.tickets = {50, 200};
  mixed.nice = {-5, 5};
  mixed.seed = 1;
  out.push_back(mixed);
  GeneratorConfig overload = mixed;
  overload.load = 1.2;
  overload.seed = 2;
  out.push_back(overload);
  GeneratorConfig batch = mixed;
  batch.processes = 30;
  batch.arrival = ArrivalProcess::Batch;
  batch.seed = 3;
  out.push_back(batch);
  GeneratorConfig bursty = mixed;
  bursty.arrival = ArrivalProcess::Bursty;
  bursty.io_share = 0.6;
  bursty.seed = 4;
  out.push_back(bursty);
  return out;
}

}  // namespace

std::vector<BatteryEntry> check_battery(const std::vector<CpuId>& cpus) {
  std::vector<BatteryEntry> out;
  for (const BundledWorkload& b : bundled_workloads())
    out.push_back(BatteryEntry{b.name, std::make_shared<const Workload>(load_workload_string(b.yaml, b.name)), cpus});
  for (const Scenario& s : kScenarios) {
    const std::string label = std::string("scenario:") + s.name;
    BatteryEntry e{label, std::make_shared<const Workload>(load_workload_string(s.yaml, label)), {}};
    std::copy_if(cpus.begin(), cpus.end(), std::back_inserter(e.cpus), [&](CpuId n) { return n >= s.min_cpus; });
    if (!e.cpus.empty()) out.push_back(std::move(e));
  }
  for (const GeneratorConfig& g : generated_configs()) {
    const std::string label = "gen:" + g.spec();
    out.push_back(BatteryEntry{label, std::make_shared<const Workload>(generate_workload(g, label)), cpus});
  }
  return out;
}

}  // namespace schedlab::lab

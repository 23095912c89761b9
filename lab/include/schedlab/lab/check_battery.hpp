// The workloads `schedlab check-policy` runs a policy on: the bundled workloads (compiled
// in), hand-written scenarios that reach every callback of the policy API (kills while
// Ready -> dequeue, priority inheritance -> priority_changed, forks and threads, yields,
// sleeps, affinity, same-instant pile-ups, idle gaps) and seeded generated workloads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <schedlab/workload.hpp>

namespace schedlab::lab {

struct BundledWorkload {
  const char* name;  // path under workloads/, e.g. "textbook/fcfs-convoy.yaml"
  const char* yaml;
};
// Generated from workloads/**/*.yaml at build time (bundled_workloads.cpp).
const std::vector<BundledWorkload>& bundled_workloads();

struct BatteryEntry {
  std::string label;  // "default.yaml", "scenario:kill-while-ready", "gen:n=40,...,seed=2"
  std::shared_ptr<const Workload> workload;
  std::vector<CpuId> cpus;  // the CPU counts to run it on
};

// The whole battery, in a fixed order, each workload on each of `cpus` (scenarios that
// pin tasks to CPUs only where those CPUs exist).
std::vector<BatteryEntry> check_battery(const std::vector<CpuId>& cpus);

}  // namespace schedlab::lab

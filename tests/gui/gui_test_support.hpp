// Small helpers for the GUI model tests: run a YAML workload through a policy and keep
// the session the GUI would hold.
#pragma once

#include <memory>
#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

#include "run_session.hpp"

namespace schedlab::gui::test {

inline const PolicyRegistry& registry() { return builtin_registry(); }

inline std::shared_ptr<RunSession> run_yaml(const std::string& yaml, const std::string& spec, CpuId cpus = 0) {
  auto w = std::make_shared<const Workload>(load_workload_string(yaml, "test.yaml"));
  KernelConfig config;
  config.cpus = cpus;
  config.check_invariants = true;
  return run_session(std::move(w), registry(), spec, config);
}

// The textbook FCFS/RR example: P1 24, P2 3, P3 3 ticks, all at time 0.
inline const char* kThree = R"(
processes:
  - {name: P1, burst: 24}
  - {name: P2, burst: 3}
  - {name: P3, burst: 3}
)";

}  // namespace schedlab::gui::test

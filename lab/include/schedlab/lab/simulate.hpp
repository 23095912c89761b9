// One simulation, with the policy's errors turned into what a user can act on.
#pragma once

#include <vector>

#include <schedlab/kernel.hpp>

namespace schedlab::lab {

// One simulation of `workload` under `policy`; `observers` see it as it runs. A policy
// factory that refuses its parameters (std::invalid_argument) becomes an InputError, and
// a broken contract a PolicyError naming the policy's canonical spec (compare runs
// several). RunResult::policy is the canonical spec.
RunResult simulate(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                   const std::vector<KernelObserver*>& observers = {});

}  // namespace schedlab::lab

// The policies that ship with schedlab.
#pragma once

#include <string>
#include <vector>

#include <schedlab/policy_params.hpp>

namespace schedlab {

// Add every built-in policy to `registrar` (in the order `schedlab policies` lists them).
void register_builtin_policies(PolicyRegistrar& registrar);

// The specs `schedlab compare` runs when no --policy is given: every built-in policy,
// with the preemptive variants as separate rows.
std::vector<std::string> builtin_compare_set();

}  // namespace schedlab

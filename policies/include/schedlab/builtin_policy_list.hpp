// The policies that ship with schedlab, as the policies library defines them: a function
// that registers them all and the default set `schedlab compare` runs. Uses the policy
// API alone; the ready-made registry of these is <schedlab/builtin_policies.hpp>.
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

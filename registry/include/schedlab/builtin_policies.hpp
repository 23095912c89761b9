// The policies that ship with schedlab.
#pragma once

#include <string>
#include <vector>

#include <schedlab/policy_params.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab {

// Add every built-in policy to `registrar` (in the order `schedlab policies` lists them).
void register_builtin_policies(PolicyRegistrar& registrar);

// A registry holding exactly the built-in policies, made once (thread-safe). For a
// registry that plugins join, make your own and call register_builtin_policies().
// Inline: the registry is the kernel's (the policies themselves never need it).
inline const PolicyRegistry& builtin_registry() {
  static const PolicyRegistry registry = [] {
    PolicyRegistry r;
    register_builtin_policies(r);
    return r;
  }();
  return registry;
}

// The specs `schedlab compare` runs when no --policy is given: every built-in policy,
// with the preemptive variants as separate rows.
std::vector<std::string> builtin_compare_set();

}  // namespace schedlab

// The policies that ship with schedlab, and a registry that holds exactly them.
#pragma once

#include <schedlab/builtin_policy_list.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab {

// A registry holding exactly the built-in policies, made once (thread-safe). For a
// registry that plugins join, make your own and call register_builtin_policies() (or use
// load_policies(), <schedlab/policy_set.hpp>).
inline const PolicyRegistry& builtin_registry() {
  static const PolicyRegistry registry = [] {
    PolicyRegistry r;
    register_builtin_policies(r);
    return r;
  }();
  return registry;
}

}  // namespace schedlab

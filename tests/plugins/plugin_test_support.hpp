// Helpers for the plugin tests: the test plugins' paths (compile definitions set by
// tests/plugins/CMakeLists.txt) and a run of a workload under a policy of a loaded plugin.
#pragma once

#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/plugin_loader.hpp>
#include <schedlab/policy_registry.hpp>

#include "test_support.hpp"

namespace schedlab::test {

inline const std::string kGoodPlugin = SCHEDLAB_PLUGIN_good_plugin;
inline const std::string kBrokenPlugin = SCHEDLAB_PLUGIN_broken_plugin;
inline const std::string kFgbgPlugin = SCHEDLAB_PLUGIN_fgbg_example;

// The built-in policies plus those of `plugin`.
inline PolicyRegistry registry_with(const std::string& plugin) {
  PolicyRegistry r;
  register_builtin_policies(r);
  load_plugin(plugin, r);
  return r;
}

// Run `yaml` under `spec` resolved in `registry`, with the invariant checker on.
inline Outcome run_with(const PolicyRegistry& registry, const std::string& yaml, const std::string& spec,
                        CpuId cpus = 1) {
  KernelConfig config;
  config.cpus = cpus;
  config.check_invariants = true;
  const PolicyConfig policy = registry.resolve(spec);
  const Workload workload = workload_from_yaml(yaml);  // the kernel keeps references to both
  Kernel kernel(config, policy);
  kernel.load(workload);
  Outcome o;
  kernel.add_observer(&o.trace);
  o.result = kernel.run();
  return o;
}

}  // namespace schedlab::test

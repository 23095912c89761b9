// The policies a run can use: the built-ins, then those of each plugin, in order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <schedlab/plugin_loader.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab {

struct PolicySet {
  PolicyRegistry registry;
  std::vector<LoadedPlugin> plugins;
  // The plugin `policy` came from, or nullptr for a built-in.
  const LoadedPlugin* plugin_of(std::string_view policy) const;
};

// The built-in policies and those of every plugin in `plugin_paths`. Throws InputError
// (exit 2) naming the plugin that cannot be loaded.
PolicySet load_policies(const std::vector<std::string>& plugin_paths);

}  // namespace schedlab

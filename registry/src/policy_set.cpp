#include <schedlab/policy_set.hpp>

#include <schedlab/builtin_policies.hpp>

namespace schedlab {

PolicySet load_policies(const std::vector<std::string>& plugin_paths) {
  PolicySet set;
  register_builtin_policies(set.registry);
  for (const std::string& path : plugin_paths) set.plugins.push_back(load_plugin(path, set.registry));
  return set;
}

const LoadedPlugin* PolicySet::plugin_of(std::string_view policy) const {
  for (const LoadedPlugin& p : plugins)
    for (const std::string& name : p.policies)
      if (name == policy) return &p;
  return nullptr;
}

}  // namespace schedlab

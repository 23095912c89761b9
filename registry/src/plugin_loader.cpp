// Loading policy plugins: dlopen, the version handshake, all-or-nothing registration,
// and a guard around every plugin policy so that an exception out of plugin code ends
// the run with a message naming the policy instead of taking the process down.
//
// Order of the checks (each failure is one InputError line; nothing is registered):
//   1. the file exists and is not a directory;
//   2. dlopen(RTLD_NOW | RTLD_LOCAL) succeeds: an ELF shared library for this machine whose
//      symbols all resolve now (not at the first call, in the middle of a run);
//   3. it exports `schedlab_plugin` (plugin.hpp) and that returns a description;
//   4. api_version == kPolicyApiVersion and cxx_abi == this build's SCHEDLAB_CXX_ABI;
//      until both hold, no C++ object has crossed the boundary;
//   5. register_policies() into a staging registrar does not throw and adds at least one
//      policy; names are valid, distinct and not taken in the target registry.
// The library is never dlclose()d once its code has run: std::function objects made by
// it live in PolicyConfigs and policies that may outlive any handle we could keep.
#include <schedlab/plugin_loader.hpp>

#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <typeinfo>

#include <schedlab/demangle.hpp>
#include <schedlab/plugin.hpp>

#include "shared_library.hpp"

namespace schedlab {

namespace {

// The exception in flight, as (type, message). Call inside a catch block only.
std::pair<std::string, std::string> describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return {demangle(typeid(e).name()), e.what()};
  } catch (...) {
    return {current_exception_type(), ""};
  }
}

std::string compose(const PolicyCallbackError::Details& d) {
  std::string out = fmt::format("policy '{}' (plugin {}): ", d.policy, d.plugin);
  if (d.kernel_rejected) return out + fmt::format("in {}(): {}", d.callback, d.message);
  if (d.type.empty()) return out + d.message;
  out += fmt::format("{}() threw {}", d.callback, d.type);
  if (!d.message.empty()) out += ": " + d.message;
  return out;
}

struct PluginNames {
  std::string policy;
  std::string plugin;
};

// Turn the exception in flight into a PolicyCallbackError. Call inside a catch block only.
[[noreturn]] void rethrow_from(const PluginNames& names, const char* callback) {
  try {
    throw;
  } catch (const PolicyCallbackError&) {
    throw;  // already named (a policy wrapping another one)
  } catch (const InvariantError&) {
    throw;  // the kernel's own bug, not the policy's
  } catch (const PolicyError& e) {
    throw PolicyCallbackError({names.policy, names.plugin, callback, "", e.what(), true});
  } catch (...) {
    auto [type, message] = describe_current_exception();
    throw PolicyCallbackError({names.policy, names.plugin, callback, std::move(type), std::move(message), false});
  }
}

// Forwards every callback to the plugin's policy; turns what it throws into a
// PolicyCallbackError. Costs one indirect call per callback.
class GuardedPolicy final : public Policy {
 public:
  GuardedPolicy(Context& ctx, std::unique_ptr<Policy> inner, std::shared_ptr<const PluginNames> names)
      : Policy(ctx), inner_(std::move(inner)), names_(std::move(names)) {}

  void enqueue(TaskId task, EnqueueReason reason) override {
    try {
      inner_->enqueue(task, reason);
    } catch (...) {
      rethrow_from(*names_, "enqueue");
    }
  }
  void dequeue(TaskId task) override {
    try {
      inner_->dequeue(task);
    } catch (...) {
      rethrow_from(*names_, "dequeue");
    }
  }
  bool has_ready() const override {
    try {
      return inner_->has_ready();
    } catch (...) {
      rethrow_from(*names_, "has_ready");
    }
  }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    try {
      return inner_->pick_next(cpu);
    } catch (...) {
      rethrow_from(*names_, "pick_next");
    }
  }
  void running(TaskId task, CpuId cpu) override {
    try {
      inner_->running(task, cpu);
    } catch (...) {
      rethrow_from(*names_, "running");
    }
  }
  void stopping(TaskId task, CpuId cpu, Ticks ran, StopReason why) override {
    try {
      inner_->stopping(task, cpu, ran, why);
    } catch (...) {
      rethrow_from(*names_, "stopping");
    }
  }
  void balance() override {
    try {
      inner_->balance();
    } catch (...) {
      rethrow_from(*names_, "balance");
    }
  }
  void timer() override {
    try {
      inner_->timer();
    } catch (...) {
      rethrow_from(*names_, "timer");
    }
  }
  void task_dead(TaskId task) override {
    try {
      inner_->task_dead(task);
    } catch (...) {
      rethrow_from(*names_, "task_dead");
    }
  }
  void priority_changed(TaskId task) override {
    try {
      inner_->priority_changed(task);
    } catch (...) {
      rethrow_from(*names_, "priority_changed");
    }
  }
  void describe(QueueSnapshot& out) const override {
    try {
      inner_->describe(out);
    } catch (...) {
      rethrow_from(*names_, "describe");
    }
  }

 private:
  std::unique_ptr<Policy> inner_;
  std::shared_ptr<const PluginNames> names_;
};

PolicyFactory guard(PolicyFactory make, std::shared_ptr<const PluginNames> names) {
  return [make = std::move(make), names = std::move(names)](Context& ctx,
                                                          const PolicyParams& params) -> std::unique_ptr<Policy> {
    std::unique_ptr<Policy> inner;
    try {
      inner = make(ctx, params);
    } catch (const std::invalid_argument&) {
      throw;  // "parameter combination not allowed": reaches the user as is, like a built-in's
    } catch (...) {
      rethrow_from(*names, "factory");
    }
    if (!inner)
      throw PolicyCallbackError({names->policy, names->plugin, "factory", "", "its factory returned no policy", false});
    return std::make_unique<GuardedPolicy>(ctx, std::move(inner), names);
  };
}

class StagingRegistrar final : public PolicyRegistrar {
 public:
  void add(PolicyInfo info) override { staged.push_back(std::move(info)); }
  std::vector<PolicyInfo> staged;
};

}  // namespace

PolicyCallbackError::PolicyCallbackError(Details details)
    : PolicyError(compose(details)), details_(std::move(details)) {}

LoadedPlugin load_plugin(const std::string& path, PolicyRegistry& registry) {
  auto fail = [&](const std::string& what) { return InputError(fmt::format("plugin '{}': {}", path, what)); };
  if (path.empty()) throw InputError("--plugin needs a file name");
  void* handle = detail::open_shared_library(path, fail);
  void* symbol = detail::find_symbol(handle, SCHEDLAB_PLUGIN_ENTRY);
  if (symbol == nullptr) {
    detail::close_shared_library(handle);
    throw fail("not a schedlab plugin: it does not export '" SCHEDLAB_PLUGIN_ENTRY
               "' (define it with SCHEDLAB_PLUGIN, see docs/writing-a-policy.md)");
  }
  // From here on the plugin's code has run: never dlclose (see the top of this file).
  const auto entry = reinterpret_cast<SchedlabPluginEntry>(symbol);
  const SchedlabPlugin* plugin = entry();
  if (plugin == nullptr) throw fail("its '" SCHEDLAB_PLUGIN_ENTRY "' returned no description");
  if (plugin->api_version != kPolicyApiVersion)
    throw fail(fmt::format("built for policy API version {}, but this schedlab has version {} "
                           "(rebuild the plugin against this schedlab's headers)",
                           plugin->api_version, kPolicyApiVersion));
  if (plugin->cxx_abi == nullptr || std::strcmp(plugin->cxx_abi, SCHEDLAB_CXX_ABI) != 0)
    throw fail(fmt::format("built with the C++ library '{}', but this schedlab uses '{}' "
                           "(build the plugin with the same compiler and library)",
                           plugin->cxx_abi ? plugin->cxx_abi : "(none)", SCHEDLAB_CXX_ABI));
  if (plugin->register_policies == nullptr) throw fail("its description has no register function");

  LoadedPlugin loaded;
  loaded.path = path;
  loaded.name = plugin->name != nullptr ? plugin->name : "";
  StagingRegistrar staging;
  try {
    plugin->register_policies(staging);
  } catch (...) {
    auto [type, message] = describe_current_exception();
    throw fail(fmt::format("registering its policies failed: {}{}{}", type, message.empty() ? "" : ": ", message));
  }
  if (staging.staged.empty()) throw fail("it registered no policies");

  PolicyRegistry scratch;  // the registry's own checks: name syntax, duplicates, a factory
  for (const PolicyInfo& info : staging.staged) {
    try {
      scratch.add(info);
    } catch (const std::exception& e) {
      throw fail(e.what());
    }
    if (registry.find(info.name) != nullptr)
      throw fail(fmt::format("policy '{}' is already registered (a built-in or an earlier plugin has that name)",
                             info.name));
  }
  for (PolicyInfo& info : staging.staged) {
    loaded.policies.push_back(info.name);
    info.make = guard(std::move(info.make), std::make_shared<const PluginNames>(PluginNames{info.name, path}));
    registry.add(std::move(info));
  }
  return loaded;
}

}  // namespace schedlab

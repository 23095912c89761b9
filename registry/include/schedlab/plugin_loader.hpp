// Loading policy plugins into a registry (the host side of plugin.hpp).
//
// A plugin is native code: loading it runs its code with the rights of the user who runs
// schedlab, and a plugin that crashes takes the process with it. What the loader does
// guarantee: every problem it can see (no such file, not a shared library, an unresolved
// symbol, no entry point, a different policy API version or C++ library, a registration
// that throws or names a policy that already exists) is one InputError line and leaves
// the registry as it was; and an exception thrown out of a plugin policy's callback at run
// time becomes a PolicyCallbackError naming the policy, the plugin and the callback.
#pragma once

#include <string>
#include <vector>

#include <schedlab/errors.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab {

struct LoadedPlugin {
  std::string path;                   // as given
  std::string name;                   // the plugin's own name (SCHEDLAB_PLUGIN's NAME)
  std::vector<std::string> policies;  // the policies it added, in registration order
};

// dlopen `path` (a path without '/' is taken relative to the working directory, never
// searched for), check its version and register its policies with `registry`, all or
// none. Throws InputError("plugin 'PATH': ...") on any problem. The library stays
// loaded until the process ends; loading the same file twice reports its policies as
// already registered.
LoadedPlugin load_plugin(const std::string& path, PolicyRegistry& registry);

// A plugin policy's callback (or factory) threw, or let through the kernel's PolicyError
// about a Context call it made. what() is one line:
//   policy 'NAME' (plugin PATH): pick_next() threw std::out_of_range: vector::_M_range_check
//   policy 'NAME' (plugin PATH): in timer(): policy set a timer in the past (3 < now 5)
//   policy 'NAME' (plugin PATH): its factory returned no policy
class PolicyCallbackError : public PolicyError {
 public:
  struct Details {
    std::string policy;
    std::string plugin;
    std::string callback;      // "pick_next", "enqueue", ..., "factory"
    std::string type;          // the exception's type, demangled ("" when none was thrown)
    std::string message;       // its what(), or "" if it is not a std::exception
    bool kernel_rejected = false;  // the kernel's PolicyError about a Context call
  };
  explicit PolicyCallbackError(Details details);
  const Details& details() const { return details_; }

 private:
  Details details_;
};

}  // namespace schedlab

// Writing a policy plugin: a shared library that registers policies with schedlab.
//
// A plugin is one shared library exporting one C function, `schedlab_plugin`, that returns
// a description of the plugin (SchedlabPlugin below). The SCHEDLAB_PLUGIN macro writes it:
//
//   #include <schedlab/plugin.hpp>
//
//   void register_my_policies(schedlab::PolicyRegistrar& r) {
//     r.add(schedlab::PolicyInfo{"mine", "one line for 'schedlab policies'", {},
//                                [](schedlab::Context& c, const schedlab::PolicyParams&) {
//                                  return std::make_unique<Mine>(c);
//                                }});
//   }
//   SCHEDLAB_PLUGIN("my-policies", register_my_policies)
//
// Loading (schedlab --plugin FILE, or schedlab::load_plugin): the host calls
// schedlab_plugin(), checks `api_version` and `cxx_abi` against its own before any C++
// object crosses the boundary, then calls `register_policies` once. A mismatch, a missing
// symbol, a registration that throws or a name that is already taken is reported as one
// line and nothing of the plugin is registered. The library is never unloaded.
//
// The whole public policy API (types.hpp, policy_params.hpp, policy.hpp and this header)
// is inline: a plugin links against nothing of schedlab (CMake: schedlab::policy_api).
// See docs/writing-a-policy.md.
#pragma once

#include <schedlab/policy.hpp>
#include <schedlab/policy_params.hpp>

// The C++ standard library a plugin is compiled against must be the host's: PolicyInfo,
// std::string, std::function and std::vector cross the boundary. The host compares this
// tag with its own before calling into the plugin.
#if defined(_LIBCPP_VERSION)
#define SCHEDLAB_CXX_ABI_LIB "libc++"
#elif defined(__GLIBCXX__)
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI == 0
#define SCHEDLAB_CXX_ABI_LIB "libstdc++ (old ABI)"
#else
#define SCHEDLAB_CXX_ABI_LIB "libstdc++"
#endif
#else
#define SCHEDLAB_CXX_ABI_LIB "unknown C++ library"
#endif
#if defined(_GLIBCXX_DEBUG)
#define SCHEDLAB_CXX_ABI SCHEDLAB_CXX_ABI_LIB " (debug mode)"
#else
#define SCHEDLAB_CXX_ABI SCHEDLAB_CXX_ABI_LIB
#endif

#if defined(_WIN32)
#define SCHEDLAB_PLUGIN_EXPORT __declspec(dllexport)
#else
#define SCHEDLAB_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

// What schedlab_plugin() returns. Plain C data; the first two fields never move, so a
// host can read them from a plugin built against any version.
struct SchedlabPlugin {
  int api_version;          // schedlab::kPolicyApiVersion the plugin was compiled against
  const char* cxx_abi;      // SCHEDLAB_CXX_ABI of the plugin's compiler
  const char* name;         // the plugin's own name, for messages and `schedlab policies`
  void (*register_policies)(schedlab::PolicyRegistrar& registrar);  // adds its policies
};

// The entry point's name and type, as the host looks it up.
#define SCHEDLAB_PLUGIN_ENTRY "schedlab_plugin"
using SchedlabPluginEntry = const SchedlabPlugin* (*)();

// Define the entry point. NAME: a string literal; REGISTER: a function
// `void (schedlab::PolicyRegistrar&)`. Use once per shared library, at global scope.
#define SCHEDLAB_PLUGIN(NAME, REGISTER)                                                           \
  extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabPlugin* schedlab_plugin() {                    \
    static const SchedlabPlugin plugin{::schedlab::kPolicyApiVersion, SCHEDLAB_CXX_ABI, NAME, &REGISTER}; \
    return &plugin;                                                                                \
  }

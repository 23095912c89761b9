// Plugins that cannot be loaded, one per shared library; BAD_PLUGIN picks which this
// build is (tests/plugins/CMakeLists.txt). Each must give one clear error line.
#include <stdexcept>

#include <schedlab/plugin.hpp>

namespace {

using namespace schedlab;

class Nothing final : public Policy {
 public:
  using Policy::Policy;
  void enqueue(TaskId, EnqueueReason) override {}
  void dequeue(TaskId) override {}
  bool has_ready() const override { return false; }
  std::optional<Dispatch> pick_next(CpuId) override { return std::nullopt; }
};

[[maybe_unused]] void add(PolicyRegistrar& r, const char* name) {
  r.add(PolicyInfo{name, "never runs anything", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Nothing>(ctx); }});
}

}  // namespace

#if BAD_PLUGIN == 1  // no entry point at all
extern "C" SCHEDLAB_PLUGIN_EXPORT int not_the_entry_point() { return 42; }

#elif BAD_PLUGIN == 2  // built against another version of the policy API
void register_bad(PolicyRegistrar& r) { add(r, "from-the-future"); }
extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabPlugin* schedlab_plugin() {
  static const SchedlabPlugin plugin{999, SCHEDLAB_CXX_ABI, "future", &register_bad};
  return &plugin;
}

#elif BAD_PLUGIN == 3  // built with another C++ library
void register_bad(PolicyRegistrar& r) { add(r, "other-abi"); }
extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabPlugin* schedlab_plugin() {
  static const SchedlabPlugin plugin{kPolicyApiVersion, "libc++", "other-abi", &register_bad};
  return &plugin;
}

#elif BAD_PLUGIN == 4  // registration throws (after registering one policy: none may stay)
void register_bad(PolicyRegistrar& r) {
  add(r, "half-registered");
  throw std::runtime_error("cannot read /etc/mypolicy.conf");
}
SCHEDLAB_PLUGIN("throws", register_bad)

#elif BAD_PLUGIN == 5  // a name a built-in policy has
void register_bad(PolicyRegistrar& r) {
  add(r, "fresh-name");
  add(r, "fcfs");
}
SCHEDLAB_PLUGIN("duplicate", register_bad)

#elif BAD_PLUGIN == 6  // a symbol that nothing defines: dlopen(RTLD_NOW) refuses it
namespace schedlab_test {
void function_nobody_defines();
}
void register_bad(PolicyRegistrar& r) {
  schedlab_test::function_nobody_defines();
  add(r, "unresolved");
}
SCHEDLAB_PLUGIN("unresolved", register_bad)

#elif BAD_PLUGIN == 7  // registers nothing
void register_bad(PolicyRegistrar&) {}
SCHEDLAB_PLUGIN("empty", register_bad)

#elif BAD_PLUGIN == 8  // a name the registry does not accept
void register_bad(PolicyRegistrar& r) { add(r, "Bad Name"); }
SCHEDLAB_PLUGIN("bad-name", register_bad)

#else
#error "BAD_PLUGIN must be 1..8"
#endif

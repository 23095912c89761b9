// Fuzz target: a whole run. Load the input as a workload; if it loads, simulate it under
// every built-in policy (the set `schedlab compare` runs) with the invariant checker on,
// for a bounded number of events. A policy breaking the contract (PolicyError) or the
// kernel breaking its own invariants (InvariantError) escapes and is reported as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

namespace {

struct Policies {
  schedlab::PolicyRegistry registry;
  std::vector<schedlab::PolicyConfig> all;
  Policies() {
    schedlab::register_builtin_policies(registry);
    for (const std::string& spec : schedlab::builtin_compare_set()) all.push_back(registry.resolve(spec));
    for (const char* spec : {"edf", "rm", "dm", "fp", "llf"}) all.push_back(registry.resolve(spec));  // real-time
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Policies policies;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  schedlab::LoadLimits limits;
  limits.max_processes = 2'000;
  limits.max_cpus = 64;  // the kernel's per-CPU work is the same; keep a run cheap
  schedlab::Workload w;
  try {
    w = schedlab::load_workload_string(text, "fuzz.yaml", limits);
  } catch (const schedlab::InputError&) {
    return 0;
  }
  if (w.max_processes > 200) w.max_processes = 200;  // fork bombs stop early
  for (const schedlab::PolicyConfig& policy : policies.all) {
    schedlab::KernelConfig config;
    config.check_invariants = true;
    config.max_events = 5'000;
    config.seed = size;
    schedlab::Kernel kernel(config, policy);
    kernel.load(w);
    const schedlab::RunResult r = kernel.run();
    if (r.end_time < 0 && r.status == schedlab::RunStatus::Completed) std::abort();
  }
  return 0;
}

// Fuzz target: policy specs (`NAME:key=value,...`) resolved against the built-in
// registry. A spec either resolves or is rejected with an InputError; a spec that
// resolves must run a small fixed workload under the invariant checker.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

namespace {

const schedlab::PolicyRegistry& registry() { return schedlab::builtin_registry(); }

const schedlab::Workload& workload() {
  static const schedlab::Workload w = schedlab::load_workload_string(R"(
cpus: 2
processes:
  - {name: A, burst: 7, priority: 2, tickets: 10}
  - {name: B, arrival: 1, priority: 1, nice: 5, program: [{cpu: 2}, {io: 3}, {cpu: 4}]}
  - {name: C, arrival: 2, priority: 3, tickets: 300, nice: -3, burst: 3}
  - {name: D, arrival: 2, affinity: [1], program: [{cpu: 1}, {yield}, {cpu: 5}, {sleep: 2}, {cpu: 1}]}
)");
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string spec(reinterpret_cast<const char*>(data), size);
  schedlab::PolicyConfig policy;
  try {
    (void)schedlab::parse_policy_spec(spec);
    policy = registry().resolve(spec);
  } catch (const schedlab::InputError& e) {
    if (std::string(e.what()).empty()) std::abort();
    return 0;
  }
  schedlab::KernelConfig config;
  config.check_invariants = true;
  config.max_events = 20'000;
  schedlab::Kernel kernel(config, policy);
  kernel.load(workload());
  schedlab::RunResult r;
  try {
    r = kernel.run();
  } catch (const std::invalid_argument&) {
    return 0;  // the factory refused a combination of parameters (documented; the CLI says so, exit 2)
  }
  // Four finite processes, two CPUs: every policy must finish them (no event limit hit).
  if (r.status != schedlab::RunStatus::Completed) std::abort();
  return 0;
}

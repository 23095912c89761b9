#include <schedlab/lab/simulate.hpp>

#include <fmt/format.h>
#include <stdexcept>
#include <string_view>

#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>

namespace schedlab::lab {

RunResult simulate(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                   const std::vector<KernelObserver*>& observers) {
  Kernel kernel(config, policy);
  kernel.load(workload);
  for (KernelObserver* o : observers) kernel.add_observer(o);
  RunResult result;
  try {
    result = kernel.run();
  } catch (const PolicyCallbackError&) {
    throw;  // a plugin's callback failed: it names the policy and the plugin already
  } catch (const std::invalid_argument& e) {
    // The policy's factory refused a combination of parameters the declared ranges
    // cannot express (mlfq:quantum=1/2/4,allotment=1/2): a bad spec, exit 2, not a failure.
    throw InputError(fmt::format("policy '{}': {}", policy.label, e.what()));
  } catch (const PolicyError& e) {
    // The kernel caught the policy breaking the contract ("policy picked task 3 (B) which
    // is blocked, not ready"): say which policy, as compare runs several.
    std::string_view text = e.what();
    if (text.starts_with("policy ")) throw PolicyError(fmt::format("policy '{}' {}", policy.canonical, text.substr(7)));
    throw PolicyError(fmt::format("policy '{}': {}", policy.canonical, text));
  }
  result.policy = policy.canonical;
  return result;
}

}  // namespace schedlab::lab

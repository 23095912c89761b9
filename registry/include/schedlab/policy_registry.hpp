// Policies by name: the registry maps names to PolicyInfo (declared parameters and a
// factory) and resolves command-line specs `NAME` or `NAME:key=value,key=value` against
// them. A list value is written with '/': `mlfq:quantum=2/4/8`. Every error is caught
// here, before a run starts, and reported as an InputError naming the bad part.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <schedlab/policy_params.hpp>

namespace schedlab {

struct PolicySpec {
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;  // as written, in order
};

// Split a spec into its name and key=value pairs (no validation against a policy).
PolicySpec parse_policy_spec(std::string_view text);

// The canonical text of a value ("4", "2/4/8", "1").
std::string format_param_value(const ParamValue& value);

class PolicyRegistry final : public PolicyRegistrar {
 public:
  void add(PolicyInfo info) override;

  const PolicyInfo* find(std::string_view name) const;
  const std::vector<PolicyInfo>& all() const { return policies_; }

  // Parse and validate `spec`; defaults fill the parameters not given.
  PolicyConfig resolve(std::string_view spec) const;

 private:
  std::vector<PolicyInfo> policies_;  // in registration order
};

}  // namespace schedlab

// Declared policy parameters and how a policy registers itself.
//
// A policy declares its parameters (name, type, default, help, range); the registry
// parses `NAME:key=value,...` specs against them, rejects unknown keys and bad values
// before a run starts, and hands the policy's factory a validated PolicyParams.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace schedlab {

class Policy;
class Context;

enum class ParamType : std::uint8_t {
  Int,      // 42
  Bool,     // 0 | 1 | true | false
  IntList,  // 2/4/8  (a single value is a list of one)
  Double,   // 0.5
  String,   // anything without ',' or '='
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Int;
  std::string default_value;  // written as on the command line
  std::string help;
  std::int64_t min = std::numeric_limits<std::int64_t>::min();  // Int and IntList items
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

using ParamValue = std::variant<std::int64_t, bool, std::vector<std::int64_t>, double, std::string>;

// Validated parameter values, one per declared parameter (defaults filled in).
class PolicyParams {
 public:
  void set(std::string name, ParamValue value) {
    for (auto& [n, v] : values_)
      if (n == name) {
        v = std::move(value);
        return;
      }
    values_.emplace_back(std::move(name), std::move(value));
  }
  std::int64_t get_int(std::string_view name) const { return std::get<std::int64_t>(find(name)); }
  bool get_bool(std::string_view name) const { return std::get<bool>(find(name)); }
  double get_double(std::string_view name) const { return std::get<double>(find(name)); }
  const std::vector<std::int64_t>& get_list(std::string_view name) const {
    return std::get<std::vector<std::int64_t>>(find(name));
  }
  const std::string& get_string(std::string_view name) const {
    return std::get<std::string>(find(name));
  }
  bool has(std::string_view name) const {
    for (const auto& [n, v] : values_)
      if (n == name) return true;
    return false;
  }
  const std::vector<std::pair<std::string, ParamValue>>& all() const { return values_; }

 private:
  const ParamValue& find(std::string_view name) const {
    for (const auto& [n, v] : values_)
      if (n == name) return v;
    throw std::out_of_range("policy parameter not declared: " + std::string(name));
  }
  std::vector<std::pair<std::string, ParamValue>> values_;
};

// Build a policy for one run. Throw std::invalid_argument for parameter combinations
// the declared ranges cannot express; the message reaches the user as is.
using PolicyFactory = std::function<std::unique_ptr<Policy>(Context&, const PolicyParams&)>;

struct PolicyInfo {
  std::string name;     // [a-z0-9_-]+
  std::string summary;  // one line for `schedlab policies`
  std::vector<ParamSpec> params;
  PolicyFactory make;
};

// A policy ready to be built for a run: what the registry resolves a spec to, and what
// the kernel (Kernel, real::Runtime) is given.
struct PolicyConfig {
  std::string label;      // the spec as the user wrote it, e.g. "rr"
  std::string canonical;  // every parameter spelled out, e.g. "rr:quantum=4"
  PolicyFactory make;
  PolicyParams params;
};

// What a plugin (or the built-in set) registers its policies with.
class PolicyRegistrar {
 public:
  virtual void add(PolicyInfo info) = 0;

 protected:
  ~PolicyRegistrar() = default;
};

}  // namespace schedlab

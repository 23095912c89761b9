#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include <schedlab/errors.hpp>
#include <schedlab/policy_registry.hpp>

namespace schedlab {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parse_int(std::string_view text, std::int64_t& out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

std::string_view type_name(ParamType t) {
  switch (t) {
    case ParamType::Int: return "an integer";
    case ParamType::Bool: return "0 or 1";
    case ParamType::IntList: return "an integer or a list like 2/4/8";
    case ParamType::Double: return "a number";
    case ParamType::String: return "a word";
  }
  return "?";
}

}  // namespace

PolicySpec parse_policy_spec(std::string_view text) {
  const std::string whole(text);
  text = trim(text);
  PolicySpec spec;
  const std::size_t colon = text.find(':');
  spec.name = std::string(trim(text.substr(0, colon)));
  if (spec.name.empty()) throw InputError(fmt::format("policy spec '{}' has no policy name", whole));
  if (colon == std::string_view::npos) return spec;
  std::string_view rest = text.substr(colon + 1);
  if (trim(rest).empty()) throw InputError(fmt::format("policy spec '{}': nothing after ':'", whole));
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t eq = item.find('=');
    if (item.empty() || eq == std::string_view::npos || eq == 0)
      throw InputError(fmt::format("policy spec '{}': expected key=value, got '{}'", whole, item));
    spec.args.emplace_back(std::string(trim(item.substr(0, eq))), std::string(trim(item.substr(eq + 1))));
    if (comma != std::string_view::npos && trim(rest).empty())
      throw InputError(fmt::format("policy spec '{}': trailing ','", whole));
  }
  return spec;
}

std::string format_param_value(const ParamValue& value) {
  struct {
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(bool v) const { return v ? "1" : "0"; }
    std::string operator()(const std::vector<std::int64_t>& v) const { return fmt::format("{}", fmt::join(v, "/")); }
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(const std::string& v) const { return v; }
  } visitor;
  return std::visit(visitor, value);
}

void PolicyRegistry::add(PolicyInfo info) {
  if (info.name.empty() || !std::all_of(info.name.begin(), info.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      }))
    throw std::invalid_argument(fmt::format("policy name '{}' must be [a-z0-9_-]+", info.name));
  if (find(info.name) != nullptr)
    throw std::invalid_argument(fmt::format("policy '{}' is registered twice", info.name));
  if (!info.make) throw std::invalid_argument(fmt::format("policy '{}' has no factory", info.name));
  policies_.push_back(std::move(info));
}

const PolicyInfo* PolicyRegistry::find(std::string_view name) const {
  for (const PolicyInfo& p : policies_)
    if (p.name == name) return &p;
  return nullptr;
}

namespace {

ParamValue parse_value(const PolicyInfo& policy, const ParamSpec& param, const std::string& text) {
  auto bad = [&]() {
    return InputError(fmt::format("policy '{}': parameter '{}' expects {}, got '{}'", policy.name, param.name,
                                  type_name(param.type), text));
  };
  auto check_range = [&](std::int64_t v) {
    if (v < param.min)
      throw InputError(fmt::format("policy '{}': parameter '{}' must be >= {}, got {}", policy.name, param.name,
                                   param.min, v));
    if (v > param.max)
      throw InputError(fmt::format("policy '{}': parameter '{}' must be <= {}, got {}", policy.name, param.name,
                                   param.max, v));
  };
  switch (param.type) {
    case ParamType::Int: {
      std::int64_t v = 0;
      if (!parse_int(text, v)) throw bad();
      check_range(v);
      return v;
    }
    case ParamType::Bool:
      if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
      if (text == "0" || text == "false" || text == "no" || text == "off") return false;
      throw bad();
    case ParamType::IntList: {
      std::vector<std::int64_t> list;
      std::string_view rest = text;
      for (;;) {
        const std::size_t slash = rest.find('/');
        std::int64_t v = 0;
        if (!parse_int(trim(rest.substr(0, slash)), v)) throw bad();
        check_range(v);
        list.push_back(v);
        if (slash == std::string_view::npos) break;
        rest = rest.substr(slash + 1);
      }
      return list;
    }
    case ParamType::Double: {
      double v = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) throw bad();
      if (v < static_cast<double>(param.min) || v > static_cast<double>(param.max))
        throw InputError(fmt::format("policy '{}': parameter '{}' must be in [{}, {}], got {}", policy.name,
                                     param.name, param.min, param.max, text));
      return v;
    }
    case ParamType::String:
      if (text.empty()) throw bad();
      return text;
  }
  throw bad();
}

}  // namespace

PolicyConfig PolicyRegistry::resolve(std::string_view text) const {
  const PolicySpec spec = parse_policy_spec(text);
  const PolicyInfo* policy = find(spec.name);
  if (policy == nullptr) {
    std::vector<std::string> names;
    for (const PolicyInfo& p : policies_) names.push_back(p.name);
    throw InputError(fmt::format("unknown policy '{}' (known: {})", spec.name, fmt::join(names, ", ")));
  }
  PolicyConfig config;
  config.label = std::string(trim(text));
  config.make = policy->make;
  for (const auto& [key, value] : spec.args) {
    // (clang 14, which builds the fuzz targets, cannot capture a structured binding)
    const auto it = std::find_if(policy->params.begin(), policy->params.end(),
                                 [&name = key](const ParamSpec& p) { return p.name == name; });
    if (it == policy->params.end()) {
      std::vector<std::string> names;
      for (const ParamSpec& p : policy->params) names.push_back(p.name);
      throw InputError(fmt::format("policy '{}' has no parameter '{}' ({})", policy->name, key,
                                   names.empty() ? std::string("it takes none")
                                                 : fmt::format("parameters: {}", fmt::join(names, ", "))));
    }
    if (config.params.has(key))
      throw InputError(fmt::format("policy '{}': parameter '{}' given twice", policy->name, key));
    config.params.set(key, parse_value(*policy, *it, value));
  }
  std::vector<std::string> parts;
  for (const ParamSpec& p : policy->params) {
    if (!config.params.has(p.name)) config.params.set(p.name, parse_value(*policy, p, p.default_value));
  }
  // Canonical text: every parameter, in declared order.
  PolicyParams ordered;
  for (const ParamSpec& p : policy->params) {
    for (const auto& [n, v] : config.params.all())
      if (n == p.name) {
        parts.push_back(p.name + "=" + format_param_value(v));
        ordered.set(n, v);
      }
  }
  config.params = std::move(ordered);
  config.canonical = parts.empty() ? policy->name : fmt::format("{}:{}", policy->name, fmt::join(parts, ","));
  return config;
}

}  // namespace schedlab

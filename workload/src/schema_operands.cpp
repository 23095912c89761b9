// The values steps compute with: variable names, operands (a whole number, `register`
// or a variable) and conditions `A OP B`. Reading a variable or writing it is noted, so
// resolve_workload() can tell a variable that is read but never written.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool parse_integer(std::string_view text, std::int64_t& v) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

void SchemaReader::check_variable_name(std::string_view key, std::string_view name, SourcePos at) {
  if (name == "register")
    y_.fail(at, fmt::format("'register' is not a variable name in '{}': it stands for the task's register "
                            "in conditions and 'put' items",
                            key));
  if (!is_identifier(name))
    y_.fail(at, fmt::format("'{}' expects a variable name (letters, digits and '_', not starting with a digit), "
                            "got '{}'",
                            key, name));
}

std::uint32_t SchemaReader::read_variable(std::string_view key, bool write) {
  const SourcePos at = y_.pos();
  if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a variable name, got {}", key, describe(y_)));
  const std::string_view name = y_.scalar();
  check_variable_name(key, name, at);
  const std::uint32_t v = variable_id(name);
  if (write) notes_.variables[v].written = true;
  else keep_first(notes_.variables[v].read, at);
  y_.next();
  return v;
}

Operand SchemaReader::operand(std::string_view key, std::string_view text, bool plain, SourcePos at) {
  Operand o;
  std::int64_t v = 0;
  if (plain && parse_integer(text, v)) {
    o.kind = Operand::Kind::Literal;
    o.value = v;
  } else if (text == "register") {
    o.kind = Operand::Kind::Register;
  } else if (is_identifier(text)) {
    o.kind = Operand::Kind::Variable;
    o.variable = variable_id(text);
    keep_first(notes_.variables[o.variable].read, at);
  } else {
    y_.fail(at, fmt::format("'{}' expects a whole number, a variable name or 'register', got '{}'", key, text));
  }
  return o;
}

std::uint32_t SchemaReader::read_condition(std::string_view key) {
  const SourcePos at = y_.pos();
  if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a condition such as 'n < 10', got {}", key, describe(y_)));
  const std::string_view text = y_.scalar();
  static constexpr std::array<std::pair<std::string_view, Compare>, 6> kOps{
      {{"==", Compare::Eq}, {"!=", Compare::Ne}, {"<=", Compare::Le}, {">=", Compare::Ge}, {"<", Compare::Lt},
       {">", Compare::Gt}}};
  const std::size_t i = text.find_first_of("=!<>");
  const auto* op = i == std::string_view::npos
                       ? kOps.end()
                       : std::find_if(kOps.begin(), kOps.end(), [&](const auto& o) { return text.substr(i).starts_with(o.first); });
  const std::string_view lhs = op == kOps.end() ? std::string_view() : trim(text.substr(0, i));
  const std::string_view rhs = op == kOps.end() ? std::string_view() : trim(text.substr(i + op->first.size()));
  if (lhs.empty() || rhs.empty())
    y_.fail(at, fmt::format("'{}' expects a condition 'A OP B' (OP one of ==, !=, <, <=, >, >=; A and B whole "
                            "numbers, variables or 'register'), got {}",
                            key, describe(y_)));
  Condition c;
  c.lhs = operand(key, lhs, true, at);
  c.op = op->second;
  c.rhs = operand(key, rhs, true, at);
  y_.next();
  w_.conditions.push_back(c);
  return static_cast<std::uint32_t>(w_.conditions.size() - 1);
}

}  // namespace schedlab::detail

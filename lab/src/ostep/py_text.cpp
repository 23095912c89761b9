#include <schedlab/lab/ostep/py_text.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace schedlab::lab::ostep {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// words = words * mul + add
void multiply_add(std::vector<std::uint32_t>& words, std::uint32_t mul, std::uint32_t add) {
  std::uint64_t carry = add;
  for (std::uint32_t& w : words) {
    const std::uint64_t v = static_cast<std::uint64_t>(w) * mul + carry;
    w = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  if (carry) words.push_back(static_cast<std::uint32_t>(carry));
}

// Digits with single underscores between them (one may follow a base prefix).
bool valid_underscores(std::string_view digits, bool after_prefix) {
  if (digits.empty() || digits.back() == '_') return false;
  if (digits.front() == '_' && !after_prefix) return false;
  return digits.find("__") == std::string_view::npos;
}

PyInt parse_int_radix(std::string_view original, std::string_view s, int radix) {
  const auto bad = [&] {
    return std::invalid_argument("invalid literal for int() with base " + std::to_string(radix) + ": '" +
                                 std::string(original) + "'");
  };
  PyInt n;
  s = trim(s);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    n.negative = s.front() == '-';
    s.remove_prefix(1);
  }
  bool prefixed = false;
  if (s.size() >= 2 && s[0] == '0') {
    const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    if ((radix == 16 && p == 'x') || (radix == 8 && p == 'o') || (radix == 2 && p == 'b')) {
      s.remove_prefix(2);
      prefixed = true;
    }
  }
  if (!valid_underscores(s, prefixed)) throw bad();
  for (char c : s) {
    if (c == '_') continue;
    const int d = digit_value(c);
    if (d >= radix) throw bad();
    multiply_add(n.words, static_cast<std::uint32_t>(radix), static_cast<std::uint32_t>(d));
  }
  while (n.words.size() > 1 && n.words.back() == 0) n.words.pop_back();
  if (n.words.size() == 1 && n.words[0] == 0) n.negative = false;
  return n;
}

}  // namespace

std::string PyInt::str() const {
  std::vector<std::uint32_t> w = words;
  std::string digits;
  while (!(w.size() == 1 && w[0] == 0)) {
    std::uint64_t rem = 0;
    for (std::size_t i = w.size(); i-- > 0;) {
      const std::uint64_t cur = (rem << 32) | w[i];
      w[i] = static_cast<std::uint32_t>(cur / 10);
      rem = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + rem));
    while (w.size() > 1 && w.back() == 0) w.pop_back();
  }
  if (digits.empty()) digits.push_back('0');  // not `= "0"`: GCC 12 -O3's false -Wrestrict (bug 105329)
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::uint64_t PyInt::magnitude64() const {
  if (words.size() > 2) throw std::out_of_range("integer too large: " + str());
  return words.size() == 2 ? (static_cast<std::uint64_t>(words[1]) << 32) | words[0] : words[0];
}

std::int64_t PyInt::to_int64() const {
  const std::uint64_t m = magnitude64();
  if (m > static_cast<std::uint64_t>(INT64_MAX)) throw std::out_of_range("integer too large: " + str());
  return negative ? -static_cast<std::int64_t>(m) : static_cast<std::int64_t>(m);
}

PyInt parse_optparse_int(std::string_view text) {
  std::string lower(text.substr(0, 2));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "0x") return parse_int_radix(text, text, 16);
  if (lower == "0b") return parse_int_radix(text, text.size() > 2 ? text.substr(2) : "0", 2);
  if (!text.empty() && text[0] == '0') return parse_int_radix(text, text, 8);
  return parse_int_radix(text, text, 10);
}

double parse_py_float(std::string_view text) {
  const auto bad = [&] { return std::invalid_argument("could not convert string to float: '" + std::string(text) + "'"); };
  std::string_view s = trim(text);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  std::string lower(body);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "inf" || lower == "infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  if (lower == "nan") return negative ? -std::nan("") : std::nan("");
  // Underscores only between two digits.
  std::string clean;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '_') {
      clean.push_back(body[i]);
      continue;
    }
    if (i == 0 || i + 1 == body.size() || !std::isdigit(static_cast<unsigned char>(body[i - 1])) ||
        !std::isdigit(static_cast<unsigned char>(body[i + 1])))
      throw bad();
  }
  if (clean.empty() || std::isalpha(static_cast<unsigned char>(clean[0]))) throw bad();
  double v = 0;
  const auto [end, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), v, std::chars_format::general);
  if (end != clean.data() + clean.size()) throw bad();
  if (ec == std::errc::result_out_of_range) v = std::strtod(clean.c_str(), nullptr);  // Python: inf or 0.0
  else if (ec != std::errc()) throw bad();
  return negative ? -v : v;
}

std::string py_float_str(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  const std::string sci(buf, r.ptr);  // "-d.ddde+XX"
  const std::size_t e = sci.find('e');
  const bool negative = sci[0] == '-';
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i)
    if (sci[i] != '.') digits.push_back(sci[i]);
  const int exp = std::stoi(sci.substr(e + 1));
  // Built by append, never `"." + std::string`: GCC 12 at -O3 warns a false -Wrestrict
  // on operator+ with a literal (GCC bug 105329).
  std::string out = negative ? "-" : "";
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out.append("0.").append(static_cast<std::size_t>(-exp - 1), '0').append(digits);
    } else {
      const auto point = static_cast<std::size_t>(exp) + 1;
      if (digits.size() <= point) out.append(digits).append(point - digits.size(), '0').append(".0");
      else out.append(digits, 0, point).append(1, '.').append(digits, point);
    }
    return out;
  }
  out.append(digits, 0, 1);
  if (digits.size() > 1) out.append(1, '.').append(digits, 1);
  const int a = exp < 0 ? -exp : exp;
  out.append(exp < 0 ? "e-" : "e+").append(a < 10 ? "0" : "").append(std::to_string(a));
  return out;
}

std::string py_int_of_float(double x) {
  const double t = std::trunc(x);
  if (std::fabs(t) < 9.2e18) return std::to_string(static_cast<std::int64_t>(t));
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, t, std::chars_format::fixed, 0);
  return std::string(buf, r.ptr);
}

}  // namespace schedlab::lab::ostep

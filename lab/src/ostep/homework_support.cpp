#include "ostep/homework_support.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include <schedlab/errors.hpp>
#include <schedlab/lab/ostep/py_text.hpp>

namespace schedlab::lab::ostep {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string fixed(double x, int digits) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::int64_t to_ticks(double value, std::int64_t scale) {
  return static_cast<std::int64_t>(std::llround(value * static_cast<double>(scale)));
}

std::int64_t tick_scale(const std::vector<double>& values, const char* what) {
  constexpr double kMaxTicks = 1e15;
  for (double v : values)
    if (!(v > 0) || !std::isfinite(v))
      throw UsageError(fmt::format("{} {}: schedlab runs only positive, finite lengths", what, py_float_str(v)));
  std::int64_t scale = 1;
  for (int k = 0; k <= 6; ++k, scale *= 10) {
    bool whole = true;
    for (double v : values) {
      const double scaled = v * static_cast<double>(scale);
      if (scaled > kMaxTicks || static_cast<double>(std::llround(scaled)) / static_cast<double>(scale) != v) {
        whole = false;
        break;
      }
    }
    if (whole) return scale;
  }
  throw UsageError(fmt::format("{}s must have at most 6 digits after the point and be at most 10^15 ticks", what));
}

std::int64_t job_number(const std::string& process_name) {
  return std::stoll(process_name.substr(3));
}

}  // namespace schedlab::lab::ostep

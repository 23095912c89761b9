#include <schedlab/report/html_util.hpp>

#include <cmath>
#include <cstdlib>

namespace schedlab::report {

void append_html(fmt::memory_buffer& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': append_raw(out, "&amp;"); break;
      case '<': append_raw(out, "&lt;"); break;
      case '>': append_raw(out, "&gt;"); break;
      case '"': append_raw(out, "&quot;"); break;
      case '\'': append_raw(out, "&#39;"); break;
      default: out.push_back(c);
    }
  }
}

std::vector<double> nice_ticks(double max, int target) {
  if (!(max > 0)) return {0.0, 1.0};
  const double raw = max / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    ticks.push_back(i * step);
    if (i * step >= max * (1 - 1e-12)) break;
  }
  return ticks;
}

std::string tick_label(double v) {
  if (std::fabs(v) >= 1e6) return fmt::format("{:.3g}", v);
  if (v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.3g}", v);
}

namespace {
constexpr std::string_view kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                         "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#d37295"};
}  // namespace

std::string_view process_colour(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

bool dark_text_on(std::string_view colour) {
  if (colour.size() != 7 || colour[0] != '#') return true;
  const long rgb = std::strtol(std::string(colour.substr(1)).c_str(), nullptr, 16);
  const double r = static_cast<double>((rgb >> 16) & 255), g = static_cast<double>((rgb >> 8) & 255),
               b = static_cast<double>(rgb & 255);
  return 0.299 * r + 0.587 * g + 0.114 * b > 150;
}

}  // namespace schedlab::report

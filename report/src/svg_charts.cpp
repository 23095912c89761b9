#include <schedlab/report/svg_charts.hpp>

#include <algorithm>
#include <cmath>

#include <schedlab/report/html_util.hpp>

namespace schedlab::report {

namespace {

constexpr double kCharWidth = 6.4;  // of the 11px chart font, for laying out labels
constexpr std::string_view kBest = "#1d4ed8";
constexpr std::string_view kOther = "#b6bfcc";

double label_width(const std::vector<std::string>& labels) {
  std::size_t longest = 0;
  for (const std::string& l : labels) longest = std::max(longest, l.size());
  return std::min(190.0, kCharWidth * static_cast<double>(longest) + 12.0);
}

}  // namespace

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

void append_bar_chart(fmt::memory_buffer& out, const std::vector<Bar>& bars) {
  std::vector<std::string> labels;
  for (const Bar& b : bars) labels.push_back(b.label);
  const double left = label_width(labels), bar_area = 170, right = 70, row = 19;
  const double width = left + bar_area + right, height = row * static_cast<double>(bars.size()) + 8;
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  if (!(max > 0)) max = 1;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "<svg class=\"bars\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\">\n", width, height);
  fmt::format_to(it, "<line x1=\"{0:.1f}\" y1=\"2\" x2=\"{0:.1f}\" y2=\"{1:.1f}\" class=\"axis\"/>\n", left, height - 4);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = 4 + row * static_cast<double>(i);
    const double w = std::max(0.0, b.value / max * bar_area);
    fmt::format_to(it, "<g{}><title>", b.best ? " class=\"best\"" : "");
    append_html(out, b.label);
    append_raw(out, ": ");
    append_html(out, b.text);
    append_raw(out, b.best ? " (best)" : "");
    fmt::format_to(it, "</title><text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\" text-anchor=\"end\">", left - 6, y + 12);
    append_html(out, b.label);
    fmt::format_to(it, "</text><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"{:.1f}\" fill=\"{}\"/>", left, y + 2,
                   w, row - 6, b.best ? kBest : kOther);
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">", left + w + 4, y + 12);
    append_html(out, b.text);
    append_raw(out, b.best ? " \u2605" : "");
    append_raw(out, "</text></g>\n");
  }
  append_raw(out, "</svg>\n");
}

void append_box_plot(fmt::memory_buffer& out, const std::vector<Box>& boxes, const std::string& axis_title) {
  std::vector<std::string> labels;
  double max = 0;
  for (const Box& b : boxes) {
    labels.push_back(b.label);
    for (double v : b.values) max = std::max(max, v);
  }
  const std::vector<double> ticks = nice_ticks(max, 6);
  const double left = label_width(labels), plot = 940 - left, row = 20, top = 4;
  const double axis_y = top + row * static_cast<double>(boxes.size()) + 4, height = axis_y + 34;
  const double scale = plot / std::max(ticks.back(), 1e-12);
  auto x = [&](double v) { return left + v * scale; };
  auto it = std::back_inserter(out);
  fmt::format_to(it, "<svg class=\"boxes\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\">\n", left + plot + 14, height);
  for (double t : ticks) {
    fmt::format_to(it, "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"grid\"/>", x(t), top,
                   axis_y);
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"middle\">{}</text>\n", x(t),
                   axis_y + 13, tick_label(t));
  }
  fmt::format_to(it, "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"axis\"/>\n", left, axis_y,
                 left + plot, axis_y);
  fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis-title\" text-anchor=\"middle\">", left + plot / 2,
                 axis_y + 29);
  append_html(out, axis_title);
  append_raw(out, "</text>\n");
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    std::vector<double> v = b.values;
    std::sort(v.begin(), v.end());
    const double cy = top + row * static_cast<double>(i) + row / 2;
    fmt::format_to(it, "<g{}>", b.best ? " class=\"best\"" : "");
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\" text-anchor=\"end\">", left - 6, cy + 4);
    append_html(out, b.label);
    append_raw(out, "</text>");
    if (v.empty()) {
      append_raw(out, "</g>\n");
      continue;
    }
    const double q1 = quantile(v, 0.25), med = quantile(v, 0.5), q3 = quantile(v, 0.75), iqr = q3 - q1;
    double lo = v.front(), hi = v.back();
    for (double d : v)
      if (d >= q1 - 1.5 * iqr) {
        lo = d;
        break;
      }
    for (auto r = v.rbegin(); r != v.rend(); ++r)
      if (*r <= q3 + 1.5 * iqr) {
        hi = *r;
        break;
      }
    append_raw(out, "<title>");
    append_html(out, b.label);
    fmt::format_to(it, ": {} seed{}, median {:.2f}, quartiles {:.2f} to {:.2f}, range {:.2f} to {:.2f}</title>", v.size(),
                   v.size() == 1 ? "" : "s", med, q1, q3, v.front(), v.back());
    fmt::format_to(it, "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"whisker\"/>", x(lo), cy, x(hi), cy);
    for (double w : {lo, hi})
      fmt::format_to(it, "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"whisker\"/>", x(w),
                     cy - 5, cy + 5);
    fmt::format_to(it, "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"12\" class=\"box\"/>", x(q1), cy - 6,
                   std::max(1.0, x(q3) - x(q1)));
    fmt::format_to(it, "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"median\"/>", x(med),
                   cy - 6, cy + 6);
    for (double d : v) fmt::format_to(it, "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\" class=\"dot\"/>", x(d), cy);
    append_raw(out, "</g>\n");
  }
  append_raw(out, "</svg>\n");
}

}  // namespace schedlab::report

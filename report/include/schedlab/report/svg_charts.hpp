// The report's statistical charts as inline SVG: horizontal bar charts (one metric, one
// bar per policy, the best highlighted) and box plots (a metric's spread across seeds).
#pragma once

#include <fmt/format.h>
#include <string>
#include <vector>

namespace schedlab::report {

struct Bar {
  std::string label;
  double value = 0;
  std::string text;  // the value as the table shows it
  bool best = false;
};
void append_bar_chart(fmt::memory_buffer& out, const std::vector<Bar>& bars);

struct Box {
  std::string label;
  std::vector<double> values;  // one per seed
  bool best = false;           // e.g. the lowest median
};
// Tukey box plots on a shared axis: box from the first to the third quartile, the
// median, whiskers to the furthest value within 1.5 IQR, and every value as a dot.
void append_box_plot(fmt::memory_buffer& out, const std::vector<Box>& boxes, const std::string& axis_title);

// The q-quantile of sorted values, linear interpolation between order statistics
// (Hyndman & Fan type 7, the default of R and NumPy).
double quantile(const std::vector<double>& sorted, double q);

}  // namespace schedlab::report

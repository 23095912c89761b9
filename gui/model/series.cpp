#include "series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace schedlab::gui {

void StepSeries::push(Ticks t, std::int64_t v) {
  if (!times.empty() && times.back() == t) {
    values.back() = v;
    return;
  }
  times.push_back(t);
  values.push_back(v);
}

std::int64_t StepSeries::value_at(Ticks t) const {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  if (it == times.begin()) return 0;
  return values[static_cast<std::size_t>(it - times.begin()) - 1];
}

void StepSeries::finish() {
  area_before_.assign(times.size(), 0.0);
  for (std::size_t k = 1; k < times.size(); ++k)
    area_before_[k] = area_before_[k - 1] + static_cast<double>(values[k - 1]) * static_cast<double>(times[k] - times[k - 1]);
  block_max_.assign((values.size() + kBlock - 1) / kBlock, std::numeric_limits<std::int64_t>::min());
  for (std::size_t k = 0; k < values.size(); ++k) block_max_[k / kBlock] = std::max(block_max_[k / kBlock], values[k]);
}

std::int64_t StepSeries::max_of_steps(std::size_t first, std::size_t last) const {
  std::int64_t mx = std::numeric_limits<std::int64_t>::min();
  std::size_t k = first;
  for (; k < last && k % kBlock != 0; ++k) mx = std::max(mx, values[k]);
  for (; k + kBlock <= last; k += kBlock) mx = std::max(mx, block_max_[k / kBlock]);
  for (; k < last; ++k) mx = std::max(mx, values[k]);
  return mx;
}

double StepSeries::integral_until(double t) const {
  const auto it = std::upper_bound(times.begin(), times.end(), t, [](double x, Ticks v) { return x < static_cast<double>(v); });
  if (it == times.begin()) return 0;
  const std::size_t k = static_cast<std::size_t>(it - times.begin()) - 1;
  return area_before_[k] + static_cast<double>(values[k]) * (t - static_cast<double>(times[k]));
}

std::int64_t StepSeries::max_value() const {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

StepSeries count_in_state(const Trace& trace, TaskState state) {
  StepSeries s;
  std::int64_t n = 0;
  s.push(0, 0);
  for (const TransitionRecord& r : trace.transitions) {
    if (r.from == state) --n;
    if (r.to == state) ++n;
    if (r.from == state || r.to == state) s.push(r.time, n);
  }
  s.finish();
  return s;
}

std::vector<ChartColumn> sample(const StepSeries& series, const TimeAxis& axis, float px, Ticks lo, Ticks hi) {
  std::vector<ChartColumn> out;
  const int columns = std::max(1, static_cast<int>(std::ceil(axis.width() / px)));
  out.resize(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    double a = axis.time(axis.x0() + static_cast<float>(c) * px);
    double b = axis.time(axis.x0() + static_cast<float>(c + 1) * px);
    a = std::max(a, static_cast<double>(lo));
    b = std::min(b, static_cast<double>(hi));
    if (!(b > a)) continue;
    ChartColumn& col = out[static_cast<std::size_t>(c)];
    col.mean = static_cast<float>((series.integral_until(b) - series.integral_until(a)) / (b - a));
    // Maximum over the steps inside the column (plus the one in force at its start).
    const auto first = std::upper_bound(series.times.begin(), series.times.end(), a,
                                        [](double x, Ticks v) { return x < static_cast<double>(v); });
    const auto last = std::lower_bound(first, series.times.end(), b,
                                       [](Ticks v, double x) { return static_cast<double>(v) < x; });
    std::int64_t mx = series.value_at(static_cast<Ticks>(std::floor(a)));
    if (last > first)
      mx = std::max(mx, series.max_of_steps(static_cast<std::size_t>(first - series.times.begin()),
                                            static_cast<std::size_t>(last - series.times.begin())));
    col.max = static_cast<float>(mx);
  }
  return out;
}

}  // namespace schedlab::gui

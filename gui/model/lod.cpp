#include "lod.hpp"

#include <algorithm>

namespace schedlab::gui {

namespace {

// First span index in [from, n) whose start is >= t (starts are sorted).
std::size_t first_starting_at_or_after(const std::vector<Span>& spans, std::size_t from, double t) {
  const auto it = std::partition_point(spans.begin() + static_cast<std::ptrdiff_t>(from), spans.end(),
                                       [&](const Span& s) { return static_cast<double>(s.start) < t; });
  return static_cast<std::size_t>(it - spans.begin());
}

}  // namespace

void build_bars(const Lane& lane, const TimeAxis& axis, float x_min, float x_max, const LodOptions& options,
                std::vector<Bar>& out) {
  const std::vector<Span>& spans = lane.spans;
  const std::size_t n = spans.size();
  if (n == 0) return;
  const double t_min = axis.time(x_min);
  const double t_max = axis.time(x_max);
  const float m = options.merge_px;
  const auto width_px = [&](const Span& s) { return static_cast<float>(static_cast<double>(s.end - s.start) / axis.ticks_per_px()); };
  const auto clip = [&](float x) { return std::clamp(x, x_min - 1.0f, x_max + 1.0f); };

  // Ends are sorted too (spans do not overlap): skip everything that ended before the view.
  std::size_t i = static_cast<std::size_t>(
      std::partition_point(spans.begin(), spans.end(), [&](const Span& s) { return static_cast<double>(s.end) <= t_min; }) -
      spans.begin());
  while (i < n && static_cast<double>(spans[i].start) < t_max) {
    if (width_px(spans[i]) >= m) {
      out.push_back(Bar{clip(axis.x(static_cast<double>(spans[i].start))), clip(axis.x(static_cast<double>(spans[i].end))),
                        static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i), spans[i].kind, 1.0f});
      ++i;
      continue;
    }
    // Grow a group of narrow spans: take every span that starts within `m` pixels of the
    // group's end. Only the last of those can be wide (the others end before it starts);
    // a wide one is left for the next bar.
    std::size_t j = i;
    double group_end = static_cast<double>(spans[j].end);
    for (;;) {
      const double limit = group_end + static_cast<double>(m) * axis.ticks_per_px();
      const std::size_t k = first_starting_at_or_after(spans, j + 1, limit);
      if (k == j + 1) break;
      const std::size_t last = k - 1;
      if (width_px(spans[last]) >= m) {
        if (last > j + 1) j = last - 1;
        group_end = static_cast<double>(spans[j].end);
        break;
      }
      j = last;
      group_end = static_cast<double>(spans[j].end);
      if (group_end >= t_max || (group_end - static_cast<double>(spans[i].start)) / axis.ticks_per_px() >= options.max_merged_px)
        break;
    }
    const Ticks t0 = spans[i].start;
    const Ticks t1 = spans[j].end;
    Bar bar{clip(axis.x(static_cast<double>(t0))), clip(axis.x(static_cast<double>(t1))), static_cast<std::uint32_t>(i),
            static_cast<std::uint32_t>(j), spans[i].kind, 1.0f};
    if (j != i && t1 > t0)
      bar.running_fraction = static_cast<float>(static_cast<double>(lane.running_before[j + 1] - lane.running_before[i]) /
                                                static_cast<double>(t1 - t0));
    if (bar.x1 - bar.x0 < options.min_bar_px) bar.x1 = bar.x0 + options.min_bar_px;
    out.push_back(bar);
    i = j + 1;
  }
}

void visible_markers(const std::vector<Marker>& markers, const TimeAxis& axis, float x_min, float x_max,
                     float min_px, std::vector<MarkerHit>& out) {
  const double t_min = axis.time(x_min - min_px);
  const double t_max = axis.time(x_max + min_px);
  auto it = std::partition_point(markers.begin(), markers.end(),
                                 [&](const Marker& mk) { return static_cast<double>(mk.time) < t_min; });
  while (it != markers.end() && static_cast<double>(it->time) <= t_max) {
    const float x = axis.x(static_cast<double>(it->time));
    // Jump over the markers too close to this one to be told apart.
    const double next_t = axis.time(x + min_px);
    const auto next = std::partition_point(it + 1, markers.end(),
                                           [&](const Marker& mk) { return static_cast<double>(mk.time) < next_t; });
    out.push_back(MarkerHit{x, static_cast<std::uint32_t>(it - markers.begin()),
                            static_cast<std::uint32_t>(next - it - 1)});
    it = next;
  }
}

}  // namespace schedlab::gui

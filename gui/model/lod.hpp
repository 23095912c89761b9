// Level of detail for the timeline (after Tracy's "folded" zones): spans narrower than a
// few pixels are merged into one bar, so the work per lane and per frame is bounded by
// the lane's width in pixels, not by the number of spans in it.
//
// The pass never walks through the merged spans one by one: when a span is too narrow it
// binary-searches for the first span that starts beyond the merge distance, and jumps
// there. Two such jumps advance the bar by at least the merge distance, so a lane costs
// O((width / merge_px) * log n) whatever n is. A merged bar carries how many spans it
// covers and, from the lane's running totals, the fraction of its time spent Running: the
// timeline draws that fraction instead of pretending the bar is one state.
#pragma once

#include <cstdint>
#include <vector>

#include "time_axis.hpp"
#include "timeline_model.hpp"

namespace schedlab::gui {

struct Bar {
  float x0 = 0;  // clipped to the visible strip (+/- 1 px)
  float x1 = 0;
  std::uint32_t first = 0;  // span index range [first, last]
  std::uint32_t last = 0;
  SpanKind kind = SpanKind::Running;  // the span's kind when not merged
  float running_fraction = 1;         // merged bars: Running ticks / bar ticks
  bool merged() const { return last != first; }
};

struct LodOptions {
  float merge_px = 3.0f;  // spans narrower than this merge with close neighbours
  float min_bar_px = 1.0f;  // a lone narrow span is still drawn this wide
  // A merged bar stops growing at this width, so that a busy lane still shows how its
  // mix of states changes along the view instead of one average over all of it.
  float max_merged_px = 8.0f;
};

// Append to `out` the bars of `lane` visible in [x_min, x_max] on `axis`.
void build_bars(const Lane& lane, const TimeAxis& axis, float x_min, float x_max, const LodOptions& options,
                std::vector<Bar>& out);

// Markers visible in [x_min, x_max], thinned so that no two are closer than `min_px` (the
// first of a cluster is kept; `hidden` counts the others, for a "+N" hint).
struct MarkerHit {
  float x = 0;
  std::uint32_t index = 0;  // into lane.markers
  std::uint32_t hidden = 0;
};
void visible_markers(const std::vector<Marker>& markers, const TimeAxis& axis, float x_min, float x_max,
                     float min_px, std::vector<MarkerHit>& out);

}  // namespace schedlab::gui

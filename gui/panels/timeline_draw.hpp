// Drawing lanes and the ruler into an ImDrawList: the per-frame work of the timeline,
// separate from the panel's interaction so that the benchmark can time exactly this
// (bench/gui/timeline_bench.cpp) with no window.
#pragma once

#include <imgui.h>

#include <vector>

#include "lod.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"

namespace schedlab::gui {

// What the mouse is over in a lane.
struct LaneHit {
  bool span = false;
  Bar bar;                     // when span
  int marker = -1;             // index into lane.markers, or -1
  std::uint32_t hidden = 0;    // markers hidden behind that one
};

// Buffers reused from frame to frame (no allocation per lane once warmed up).
struct TimelineScratch {
  std::vector<Bar> bars;
  std::vector<MarkerHit> markers;
};

struct LaneDrawOptions {
  TaskId highlight = kNoTask;  // selected task: outlined on CPU lanes, others dimmed
  bool labels = true;          // task names inside wide CPU slices
  LodOptions lod;
};

// Draw `lane` in the rectangle [min, max] (x range = the axis's strip). Returns what
// `mouse` is over (nothing if it is outside the rectangle).
LaneHit draw_lane(ImDrawList* dl, const Lane& lane, const Trace& trace, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const LaneDrawOptions& options, ImVec2 mouse, TimelineScratch& scratch);

// Graduations and labels along [min, max].
void draw_ruler(ImDrawList* dl, const TimeAxis& axis, ImVec2 min, ImVec2 max);

// A marker's glyph at x in a lane [top, bottom]; shapes differ by kind, not only colours.
void draw_marker(ImDrawList* dl, MarkerKind kind, float x, float top, float bottom);

}  // namespace schedlab::gui

#include "timeline_draw.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "theme.hpp"

namespace schedlab::gui {

namespace {

constexpr ImU32 kMergedBackground = IM_COL32(120, 128, 140, 90);
constexpr ImU32 kMergedCpuFill = IM_COL32(150, 160, 178, 255);

ImU32 dimmed(ImU32 c) { return (c & 0x00FFFFFFu) | (130u << 24); }

}  // namespace

void draw_marker(ImDrawList* dl, MarkerKind kind, float x, float top, float bottom) {
  const ImU32 c = style(kind).color;
  const float h = bottom - top;
  const float s = std::clamp(h * 0.28f, 3.0f, 6.0f);
  switch (kind) {
    case MarkerKind::Preempt:  // a downward wedge from the top edge: "pushed off"
      dl->AddTriangleFilled(ImVec2(x - s, top), ImVec2(x + s, top), ImVec2(x, top + s * 1.4f), c);
      break;
    case MarkerKind::Exit:  // a full-height post with a cap
      dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), c, 2.0f);
      dl->AddRectFilled(ImVec2(x - 2.5f, top), ImVec2(x + 2.5f, top + 4), c);
      break;
    case MarkerKind::Kill:  // a cross
      dl->AddLine(ImVec2(x - s, top + 1), ImVec2(x + s, top + 1 + 2 * s), c, 2.0f);
      dl->AddLine(ImVec2(x + s, top + 1), ImVec2(x - s, top + 1 + 2 * s), c, 2.0f);
      break;
    case MarkerKind::Fork:  // an upward wedge from the bottom edge: "something new"
      dl->AddTriangleFilled(ImVec2(x - s, bottom), ImVec2(x + s, bottom), ImVec2(x, bottom - s * 1.4f), c);
      break;
    case MarkerKind::Level:  // a small diamond at the bottom
      dl->AddQuadFilled(ImVec2(x, bottom - 2 * s), ImVec2(x + s, bottom - s), ImVec2(x, bottom), ImVec2(x - s, bottom - s), c);
      break;
    case MarkerKind::Deadlock:
      dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), c, 3.0f);
      break;
    case MarkerKind::Other:
    case MarkerKind::Count: dl->AddCircleFilled(ImVec2(x, top + s), s * 0.7f, c); break;
  }
}

LaneHit draw_lane(ImDrawList* dl, const Lane& lane, const Trace& trace, const TimeAxis& axis, ImVec2 min, ImVec2 max,
                  const LaneDrawOptions& options, ImVec2 mouse, TimelineScratch& scratch) {
  LaneHit hit;
  const bool inside = mouse.x >= min.x && mouse.x < max.x && mouse.y >= min.y && mouse.y < max.y;
  const float h = max.y - min.y;
  const bool cpu = lane.type == LaneType::Cpu;
  scratch.bars.clear();
  build_bars(lane, axis, min.x, max.x, options.lod, scratch.bars);
  dl->PushClipRect(min, max, true);
  for (const Bar& b : scratch.bars) {
    const float x0 = b.x0, x1 = std::max(b.x1, b.x0 + 1.0f);
    if (b.merged()) {
      // Many spans in a few pixels: a neutral bar, filled from the bottom as far as the
      // fraction of its time spent running.
      dl->AddRectFilled(ImVec2(x0, min.y + 1), ImVec2(x1, max.y - 1), kMergedBackground);
      const float top = max.y - 1 - (h - 2) * std::clamp(b.running_fraction, 0.0f, 1.0f);
      dl->AddRectFilled(ImVec2(x0, top), ImVec2(x1, max.y - 1), cpu ? kMergedCpuFill : style(SpanKind::Running).color);
    } else {
      const Span& s = lane.spans[b.first];
      if (cpu) {
        ImU32 c = task_color(s.aux);
        const bool mine = options.highlight == s.aux;
        if (options.highlight != kNoTask && !mine) c = dimmed(c);
        dl->AddRectFilled(ImVec2(x0, min.y + 1), ImVec2(x1, max.y - 1), c, x1 - x0 > 6 ? 2.0f : 0.0f);
        if (mine) dl->AddRect(ImVec2(x0, min.y + 1), ImVec2(x1, max.y - 1), IM_COL32_WHITE, 2.0f, 0, 2.0f);
        if (options.labels && x1 - x0 > 24 && s.aux < trace.tasks.size()) {
          const std::string& name = trace.tasks[s.aux].name;
          const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
          if (ts.x + 6 < x1 - x0) {
            const float tx = std::max(x0, min.x) + 4;
            dl->AddText(ImVec2(tx, min.y + (h - ts.y) * 0.5f), IM_COL32(15, 15, 20, 255), name.c_str());
          }
        }
      } else {
        const KindStyle& ks = style(s.kind);
        const float bh = (h - 2) * ks.height;
        const float y0 = min.y + (h - bh) * 0.5f;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + bh), ks.color, x1 - x0 > 6 ? 2.0f : 0.0f);
      }
    }
    if (inside && mouse.x >= x0 && mouse.x < x1 + 0.5f) {
      hit.span = true;
      hit.bar = b;
    }
  }
  scratch.markers.clear();
  visible_markers(lane.markers, axis, min.x, max.x, 7.0f, scratch.markers);
  for (const MarkerHit& m : scratch.markers) {
    draw_marker(dl, lane.markers[m.index].kind, m.x, min.y + 1, max.y - 1);
    if (inside && mouse.x > m.x - 4 && mouse.x < m.x + 4) {
      hit.marker = static_cast<int>(m.index);
      hit.hidden = m.hidden;
    }
  }
  dl->PopClipRect();
  return hit;
}

void draw_ruler(ImDrawList* dl, const TimeAxis& axis, ImVec2 min, ImVec2 max) {
  dl->PushClipRect(min, max, true);
  dl->AddRectFilled(min, max, IM_COL32(30, 33, 40, 255));
  const float h = max.y - min.y;
  for (const RulerTick& t : ruler_ticks(axis, 90.0f)) {
    const float x = axis.x(static_cast<double>(t.time));
    dl->AddLine(ImVec2(x, max.y - (t.major ? h * 0.45f : h * 0.2f)), ImVec2(x, max.y), IM_COL32(150, 155, 165, 255));
    if (t.major) {
      // Full numbers: abbreviations would print neighbouring labels alike ("10.2 k" twice).
      const std::string label = t.time < 10'000'000'000 ? fmt::format("{}", t.time) : short_ticks(static_cast<double>(t.time));
      dl->AddText(ImVec2(x + 3, min.y + 1), IM_COL32(200, 204, 212, 255), label.c_str());
    }
  }
  dl->PopClipRect();
}

}  // namespace schedlab::gui

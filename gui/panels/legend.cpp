// The legend above the timeline: every state colour (with its meaning on hover), the
// level-of-detail bar and the marker shapes. It wraps to a second line on narrow windows.
#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"
#include "timeline_draw.hpp"

namespace schedlab::gui {

namespace {

// Start an item on the current line if `width` still fits, else on a new line.
void flow(float width, bool& first) {
  if (!first) {
    ImGui::SameLine(0, 14);
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
  }
  first = false;
}

}  // namespace

void draw_legend() {
  bool first = true;
  const float chip = ImGui::GetTextLineHeight() * 0.8f;
  for (std::size_t k = 0; k < kSpanKindCount; ++k) {
    const auto kind = static_cast<SpanKind>(k);
    if (kind == SpanKind::Other) continue;  // only appears with states the kernel adds later
    const KindStyle& s = style(kind);
    flow(chip + ImGui::CalcTextSize(s.label.data()).x + 10, first);
    ImGui::BeginGroup();
    color_chip(s.color, chip);
    ImGui::TextUnformatted(s.label.data());
    ImGui::EndGroup();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.help.data());
  }
  flow(chip + ImGui::CalcTextSize("many slices (LOD)").x + 10, first);
  ImGui::BeginGroup();
  color_chip(IM_COL32(120, 128, 140, 200), chip);
  ImGui::TextUnformatted("many slices (LOD)");
  ImGui::EndGroup();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Spans narrower than a few pixels are merged into one bar; its filled part is the\n"
                      "fraction of that time spent running. Zoom in to see each span.");
  for (std::size_t k = 0; k < kMarkerKindCount; ++k) {
    const auto kind = static_cast<MarkerKind>(k);
    if (kind == MarkerKind::Other) continue;
    const MarkerStyle& s = style(kind);
    flow(chip + ImGui::CalcTextSize(s.label.data()).x + 10, first);
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    draw_marker(ImGui::GetWindowDrawList(), kind, p.x + chip * 0.5f, p.y + 1, p.y + h - 1);
    ImGui::Dummy(ImVec2(chip, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(s.label.data());
    ImGui::EndGroup();
  }
}

}  // namespace schedlab::gui

// Look and feel: a readable font (DejaVu Sans at 16 px when installed, else ImGui's font
// scaled up), a dark theme that keeps the state colours prominent, and small helpers that
// the panels share.
#pragma once

#include <imgui.h>

#include <string>

#include "span_kind.hpp"

namespace schedlab::gui {

void apply_theme();
ImVec4 background_color();

// Text colours for emphasis and errors.
inline constexpr ImU32 kTextDim = IM_COL32(160, 160, 170, 255);
inline constexpr ImU32 kTextError = IM_COL32(255, 110, 90, 255);
inline constexpr ImU32 kPlayheadColor = IM_COL32(255, 255, 255, 230);
inline constexpr ImU32 kSelectionColor = IM_COL32(255, 255, 255, 40);

inline ImVec4 to_vec4(Rgba c) { return ImGui::ColorConvertU32ToFloat4(c); }

// A small filled square of `color` followed by `label` on the same line (legend, tables).
void color_chip(Rgba color, float size = 0);

// A titled separator between the sections of a panel (ImGui 1.86 has no SeparatorText).
void section_title(const char* text);

// "12.3 k", "4.5 M": short tick counts for tight places.
std::string short_ticks(double ticks);

}  // namespace schedlab::gui

#include "theme.hpp"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>

namespace schedlab::gui {

void apply_theme() {
  ImGuiIO& io = ImGui::GetIO();
  // A projector in a classroom is the benchmark for "readable": 16 px DejaVu Sans.
  const char* fonts[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                         "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"};
  bool loaded = false;
  for (const char* f : fonts)
    if (std::filesystem::exists(f) && io.Fonts->AddFontFromFileTTF(f, 16.0f)) {
      loaded = true;
      break;
    }
  if (!loaded) {
    ImFontConfig config;
    config.SizePixels = 13.0f * 1.25f;  // ImGui's own font, scaled when rasterised
    io.Fonts->AddFontDefault(&config);
  }

  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 4;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.TabRounding = 3;
  s.WindowBorderSize = 1;
  s.FramePadding = ImVec2(7, 4);
  s.ItemSpacing = ImVec2(8, 5);
  s.CellPadding = ImVec2(6, 2);
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.10f, 0.115f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.15f, 0.16f, 0.19f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.18f, 0.20f, 0.25f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.42f, 0.8f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.38f, 0.55f, 0.9f);
  c[ImGuiCol_Button] = ImVec4(0.20f, 0.25f, 0.33f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.36f, 0.50f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.19f, 0.23f, 1.0f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.16f, 0.18f, 0.22f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.03f);
}

ImVec4 background_color() { return ImVec4(0.07f, 0.075f, 0.085f, 1.0f); }

void color_chip(Rgba color, float size) {
  if (size <= 0) size = ImGui::GetTextLineHeight() * 0.8f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float pad = (ImGui::GetTextLineHeight() - size) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + size, p.y + pad + size), color, 2.0f);
  ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
}

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.62f, 0.75f, 0.95f, 1.0f), "%s", text);
  ImGui::Separator();
}

std::string short_ticks(double t) {
  const double a = std::fabs(t);
  if (a >= 1e9) return fmt::format("{:.3g} G", t / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g} M", t / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g} k", t / 1e3);
  return fmt::format("{}", static_cast<long long>(std::llround(t)));
}

}  // namespace schedlab::gui

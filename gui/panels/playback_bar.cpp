// Playback: play/pause, step to the next or previous event, speed, and a scrubber over
// the whole run. Steps go from event to event (transitions and instants of the trace, in
// both runs when comparing), so every press shows something happen.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

Ticks step(App& app, bool forward) {
  const Ticks t = app.playback.tick();
  // Between two ticks, "back" first returns to the tick itself.
  if (!forward && static_cast<double>(t) < app.playback.time) return t;
  Ticks best = t;
  for (int i = 0; i < (app.compare ? 2 : 1); ++i) {
    const Side& s = app.side(i);
    if (!s.ok()) continue;
    const Ticks n = forward ? s.session->index.next_event(t) : s.session->index.previous_event(t);
    if (n == t) continue;
    if (best == t || (forward ? n < best : n > best)) best = n;
  }
  return best;
}

}  // namespace

void step_playhead(App& app, bool forward) {
  app.playback.playing = false;
  app.seek(static_cast<double>(step(app, forward)));
}

void draw_playback_bar(App& app) {
  Playback& pb = app.playback;
  const float bw = ImGui::GetFrameHeight() * 1.6f;
  if (ImGui::Button("|<", ImVec2(bw, 0))) {
    pb.playing = false;
    app.seek(0);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("to the start (Home)");
  ImGui::SameLine();
  if (ImGui::Button("<", ImVec2(bw, 0))) step_playhead(app, false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("previous event (Left)");
  ImGui::SameLine();
  if (ImGui::Button(pb.playing ? "Pause" : "Play", ImVec2(bw * 2, 0))) {
    if (!pb.playing && pb.time >= static_cast<double>(app.end_time())) app.seek(0);
    pb.playing = !pb.playing;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">", ImVec2(bw, 0))) step_playhead(app, true);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("next event (Right)");
  ImGui::SameLine();
  if (ImGui::Button(">|", ImVec2(bw, 0))) {
    pb.playing = false;
    app.seek(static_cast<double>(app.end_time()));
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("to the end (End)");

  ImGui::SameLine(0, 18);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  float speed = static_cast<float>(pb.speed);
  const float max_speed = std::max(10.0f, static_cast<float>(app.end_time()));
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, max_speed, "%.1f ticks/s", ImGuiSliderFlags_Logarithmic))
    pb.speed = std::max(0.1, static_cast<double>(speed));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("playback speed (Ctrl+click to type)");

  ImGui::SameLine(0, 18);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("t =");
  ImGui::SameLine();
  const double end = static_cast<double>(app.end_time());
  double t = pb.time;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 9);
  const double lo = 0;
  if (ImGui::SliderScalar("##scrubber", ImGuiDataType_Double, &t, &lo, &end, "%.0f")) {
    pb.playing = false;
    app.seek(std::round(t));
  }
  ImGui::SameLine();
  ImGui::TextDisabled("of %.0f ticks", end);
  ImGui::SameLine();
  ImGui::TextDisabled("%.1f ms", app.last_frame_ms);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("CPU time to build the last frame");
}

}  // namespace schedlab::gui

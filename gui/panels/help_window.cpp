// Keyboard shortcuts and the help window that lists them. The table below is both the
// documentation and the dispatch, so the two cannot drift apart.
#include <SDL_scancode.h>
#include <imgui.h>

#include <cmath>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

struct Shortcut {
  const char* keys;
  const char* what;
};

constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause"},
    {"Right / Left", "next / previous event"},
    {"Shift + Right / Left", "one tick forward / back"},
    {"Home / End", "start / end of the run"},
    {"+ / -", "zoom in / out around the playhead"},
    {"F", "fit the whole run"},
    {"C", "compare mode on / off"},
    {"Ctrl + O", "open a workload by path"},
    {"H or F1", "this help"},
    {"Esc", "clear the selection, close this help"},
    {"mouse wheel", "zoom around the cursor (Shift: scroll lanes)"},
    {"drag", "pan the timeline"},
    {"double-click", "fit the whole run"},
    {"click", "select a task (lane, slice or table row)"},
    {"middle-click", "zoom to the slice under the cursor"},
    {"ruler click / drag", "move the playhead"},
    {"drop a file", "open a workload (.yaml) or a saved run (.json, schedlab explore --trace)"},
};

bool pressed(SDL_Scancode code) { return ImGui::IsKeyPressed(code, true); }

void zoom_at_playhead(App& app, double factor) {
  float x = app.axis.x(app.playback.time);
  if (x < app.axis.x0() || x > app.axis.x0() + app.axis.width()) x = app.axis.x0() + app.axis.width() * 0.5f;
  app.axis.zoom(x, factor);
}

}  // namespace

void handle_shortcuts(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // typing a value: keys are text
  if (io.KeyCtrl) {
    if (pressed(SDL_SCANCODE_O)) app.open_path_requested = true;
    return;
  }
  if (pressed(SDL_SCANCODE_SPACE)) {
    if (!app.playback.playing && app.playback.time >= static_cast<double>(app.end_time())) app.seek(0);
    app.playback.playing = !app.playback.playing;
  }
  if (pressed(SDL_SCANCODE_RIGHT)) {
    if (io.KeyShift) app.seek(std::floor(app.playback.time) + 1), app.playback.playing = false;
    else step_playhead(app, true);
  }
  if (pressed(SDL_SCANCODE_LEFT)) {
    if (io.KeyShift) app.seek(std::ceil(app.playback.time) - 1), app.playback.playing = false;
    else step_playhead(app, false);
  }
  if (pressed(SDL_SCANCODE_HOME)) app.seek(0);
  if (pressed(SDL_SCANCODE_END)) app.seek(static_cast<double>(app.end_time()));
  if (pressed(SDL_SCANCODE_EQUALS) || pressed(SDL_SCANCODE_KP_PLUS)) zoom_at_playhead(app, 1.5);
  if (pressed(SDL_SCANCODE_MINUS) || pressed(SDL_SCANCODE_KP_MINUS)) zoom_at_playhead(app, 1 / 1.5);
  if (pressed(SDL_SCANCODE_F)) app.fit_requested = true;
  if (pressed(SDL_SCANCODE_C)) app.set_compare(!app.compare);
  if (pressed(SDL_SCANCODE_H) || pressed(SDL_SCANCODE_F1)) app.show_help = !app.show_help;
  if (pressed(SDL_SCANCODE_ESCAPE)) {
    if (app.show_help) app.show_help = false;
    else app.selected = kNoTask;
  }
}

void draw_help_window(App& app) {
  if (!app.show_help) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowFocus();
  if (ImGui::Begin("Keyboard and mouse", &app.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
      for (const Shortcut& s : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImVec4(0.95f, 0.85f, 0.45f, 1.0f), "%s", s.keys);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.what);
      }
      ImGui::EndTable();
    }
    section_title("Reading the timeline");
    ImGui::TextUnformatted("CPU lanes show which task ran on each CPU (one colour per task).\n"
                           "Task lanes show each task's state over time; the legend gives the colours.\n"
                           "Running bars are full height, waiting states thinner, so shapes tell them apart too.\n"
                           "Grey bars with a green fill merge many tiny slices: the fill is the running share.");
  }
  ImGui::End();
}

}  // namespace schedlab::gui

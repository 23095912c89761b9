// The menu bar: open a bundled workload (every file under workloads/, in its folders),
// type a path, or pick the built-in example; view toggles; help. A saved run
// (schedlab-gui --trace) is replaced by the first workload opened.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>
#include <map>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

// Bundled workloads as nested menus, one per folder ("course/deadlock.yaml").
void workload_menus(App& app, const std::string& prefix, std::size_t depth) {
  std::map<std::string, bool> folders;
  for (const WorkloadEntry& e : app.catalog) {
    if (e.display.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = e.display.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash != std::string::npos) folders[rest.substr(0, slash)] = true;
  }
  for (const auto& [folder, unused] : folders) {
    if (ImGui::BeginMenu(folder.c_str())) {
      workload_menus(app, prefix + folder + "/", depth + 1);
      ImGui::EndMenu();
    }
  }
  for (const WorkloadEntry& e : app.catalog) {
    if (e.display.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = e.display.substr(prefix.size());
    if (rest.find('/') != std::string::npos) continue;
    if (ImGui::MenuItem(rest.c_str(), nullptr, app.workload_label == e.path)) app.load(e.path);
  }
}

}  // namespace

void draw_menu_bar(App& app) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Workload")) {
    if (app.catalog.empty()) ImGui::TextDisabled("no workloads/ directory found");
    else workload_menus(app, "", 0);
    ImGui::Separator();
    if (ImGui::MenuItem("Open path...", "Ctrl+O")) app.open_path_requested = true;
    if (ImGui::MenuItem("Built-in example")) app.load("");
    if (ImGui::MenuItem("Reload", nullptr, false, app.workload_label != "built-in example")) {
      if (app.read_only()) app.open_trace(app.workload_label);
      else app.load(app.workload_label);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Compare two policies", "C", app.compare, !app.read_only())) app.set_compare(!app.compare);
    if (ImGui::MenuItem("Fit the whole run", "F")) app.fit_requested = true;
    if (ImGui::MenuItem("Clear selection", "Esc", false, app.selected != kNoTask)) app.selected = kNoTask;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard and mouse", "H", app.show_help)) app.show_help = !app.show_help;
    ImGui::EndMenu();
  }
  // The workload's name on the right of the bar.
  const std::string name = app.workload_label;
  const float w = ImGui::CalcTextSize(name.c_str()).x;
  ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetFontSize());
  ImGui::TextDisabled("%s", name.c_str());
  ImGui::EndMainMenuBar();
}

void draw_open_path_popup(App& app) {
  std::string& path = app.panels.open_path.path;
  if (app.open_path_requested) {
    ImGui::OpenPopup("Open workload");
    app.open_path_requested = false;
    if (path.empty() && !app.workloads_dir.empty()) path = app.workloads_dir + "/";
  }
  if (!ImGui::BeginPopupModal("Open workload", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("Path of a workload file (YAML); you can also drop a file on the window.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 36);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
  std::error_code ec;
  const bool exists = std::filesystem::is_regular_file(path, ec);
  if (!path.empty() && !exists) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTextError), "no such file");
  ImGui::BeginDisabled(!exists);
  const bool open = ImGui::Button("Open") || (enter && exists);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  if (open) {
    app.load(path);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace schedlab::gui

// Policy controls: pick a policy and edit its parameters. The widgets are built from the
// parameters the policy declares to the registry (ParamSpec: type, default, range, help),
// so a new built-in or plugin policy gets its controls with no GUI change. Any change
// re-runs the simulation at once; a value the registry rejects shows its message and
// leaves the last good run on screen. A saved run (--trace) shows what ran instead.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

std::int64_t parse_int(const std::string& text, std::int64_t fallback) {
  std::int64_t v = fallback;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// One parameter's widget; true when the value changed and the run must be made again.
bool param_widget(const ParamSpec& p, std::string& value) {
  const std::string label = fmt::format("{}##{}", p.name, p.name);
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  switch (p.type) {
    case ParamType::Int: {
      std::int64_t v = parse_int(value, 0);
      const std::int64_t step = 1, fast = 10;
      if (ImGui::InputScalar(label.c_str(), ImGuiDataType_S64, &v, &step, &fast)) {
        v = std::clamp(v, p.min, p.max);
        value = std::to_string(v);
        changed = true;
      }
      break;
    }
    case ParamType::Bool: {
      bool v = value == "1" || value == "true";
      if (ImGui::Checkbox(label.c_str(), &v)) {
        value.assign(1, v ? '1' : '0');  // (assigning a const char* trips g++ 12's -Wrestrict)
        changed = true;
      }
      break;
    }
    case ParamType::Double: {
      double v = 0;
      try {
        v = std::stod(value);
      } catch (const std::exception&) {
      }
      if (ImGui::InputDouble(label.c_str(), &v, 0.1, 1.0, "%.3g")) {
        value = fmt::format("{}", v);
        changed = true;
      }
      break;
    }
    case ParamType::IntList:
    case ParamType::String:
      // Free text is only submitted when the edit is done, not at every keystroke.
      ImGui::InputText(label.c_str(), &value);
      changed = ImGui::IsItemDeactivatedAfterEdit();
      break;
  }
  if (ImGui::IsItemHovered()) {
    std::string tip = p.help;
    if (p.type == ParamType::IntList) tip += "\nlist: values separated by '/', e.g. 2/4/8";
    if (p.min != std::numeric_limits<std::int64_t>::min() || p.max != std::numeric_limits<std::int64_t>::max())
      tip += fmt::format("\nrange: {} .. {}", p.min == std::numeric_limits<std::int64_t>::min() ? std::string("-inf") : std::to_string(p.min),
                         p.max == std::numeric_limits<std::int64_t>::max() ? std::string("+inf") : std::to_string(p.max));
    tip += fmt::format("\ndefault: {}", p.default_value);
    ImGui::SetTooltip("%s", tip.c_str());
  }
  return changed;
}

void editor(App& app, Side& side, const char* title) {
  ImGui::PushID(title);
  PolicyEditor& e = side.editor;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title);
  ImGui::SameLine(ImGui::GetFontSize() * 4.5f);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const PolicyInfo* current = app.registry.find(e.name);
  if (ImGui::BeginCombo("##policy", e.name.empty() ? "(none)" : e.name.c_str())) {
    for (const PolicyInfo& info : app.registry.all()) {
      const std::string item = fmt::format("{:<10}  {}", info.name, info.summary);
      if (ImGui::Selectable(item.c_str(), info.name == e.name) && info.name != e.name) app.rerun(side, info.name);
    }
    ImGui::EndCombo();
  }
  if (current && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", current->summary.c_str());
  if (current) {
    ImGui::Indent(ImGui::GetFontSize() * 4.5f);
    if (current->params.empty()) ImGui::TextDisabled("no parameters");
    for (const ParamSpec& p : current->params) {
      std::string& value = e.values[p.name];
      if (param_widget(p, value)) app.rerun(side, e.spec());
    }
    ImGui::Unindent(ImGui::GetFontSize() * 4.5f);
  }
  if (!e.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::PushStyleColor(ImGuiCol_Text, kTextError);
    ImGui::TextUnformatted(e.error.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::PopID();
}

// A saved run (schedlab-gui --trace): what ran and why it failed, read-only.
void saved_run_panel(const RunSession& s) {
  const RunSession::Saved& saved = *s.saved;
  ImGui::TextDisabled("saved run:");
  ImGui::SameLine();
  ImGui::TextUnformatted(saved.file.c_str());
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("program:");
  ImGui::SameLine();
  ImGui::TextUnformatted(saved.title.c_str());
  ImGui::TextDisabled("strategy:");
  ImGui::SameLine();
  ImGui::TextUnformatted(s.policy.canonical.c_str());
  ImGui::TextDisabled("seed:");
  ImGui::SameLine();
  ImGui::Text("%llu, %u CPU%s", static_cast<unsigned long long>(saved.seed), s.result.cpus, s.result.cpus == 1 ? "" : "s");
  section_title("Failure");
  if (saved.failure.empty()) {
    ImGui::TextUnformatted("none: this run did not fail");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, kTextError);
    ImGui::TextUnformatted(saved.failure.c_str());
    ImGui::PopStyleColor();
  }
  section_title("Replay");
  ImGui::TextUnformatted(saved.replay.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton("copy")) ImGui::SetClipboardText(saved.replay.c_str());
  ImGui::TextDisabled("Read-only: the program is not re-run here.");
}

}  // namespace

void draw_policy_panel(App& app) {
  if (app.read_only()) {
    saved_run_panel(*app.a.session);
    return;
  }
  ImGui::TextDisabled("workload:");
  ImGui::SameLine();
  ImGui::TextUnformatted(app.workload ? (app.workload->name.empty() ? app.workload_label.c_str() : app.workload->name.c_str())
                                      : "(none)");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.workload_label.c_str());
  editor(app, app.a, "A");
  bool compare = app.compare;
  if (ImGui::Checkbox("compare with a second policy (C)", &compare)) app.set_compare(compare);
  if (app.compare) editor(app, app.b, "B");

  section_title("Machine");
  int cpus = static_cast<int>(app.kernel_config.cpus);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  bool rerun = false;
  if (ImGui::InputInt("CPUs (0: the workload's)", &cpus)) {
    app.kernel_config.cpus = static_cast<CpuId>(std::clamp(cpus, 0, 4096));
    rerun = true;
  }
  int seed = static_cast<int>(app.kernel_config.seed);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::InputInt("seed", &seed)) {
    app.kernel_config.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    rerun = true;
  }
  if (rerun) {
    app.rerun(app.a, app.a.editor.spec());
    if (app.compare) app.rerun(app.b, app.b.editor.spec());
  }
}

}  // namespace schedlab::gui

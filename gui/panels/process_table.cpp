// A `top`-like table of every task at the playhead: pid, ppid, name, state, priority,
// level, CPU time, waiting, response, exit. Click a header to sort; click a row to select
// the task (its lane is highlighted and scrolled into view). Rows are clipped, so a run
// with very many tasks only formats the visible ones.
#include <imgui.h>

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

enum Column { kPid, kPpid, kName, kState, kPrio, kLevel, kCpu, kWait, kResp, kExit, kColumns };

using Row = ProcessRow;  // panel_state.hpp: the rows are kept in App::panels

// Response and exit are facts only once they have happened at the playhead.
Ticks response(const Row& r) { return r.at->first_run >= 0 ? r.at->first_run - r.task->created : -1; }
std::string exit_text(const Row& r) {
  if (r.at->state != TaskState::Terminated || !r.metrics) return {};
  return fmt::format("{} ({})", to_string(r.metrics->exit_reason), r.metrics->exit_code);
}

bool less(const Row& a, const Row& b, int column) {
  switch (column) {
    case kPid: return a.task->pid < b.task->pid;
    case kPpid: return a.at->ppid < b.at->ppid;
    case kName: return a.task->name < b.task->name;
    case kState: return a.at->state < b.at->state;
    case kPrio: return (a.metrics ? a.metrics->priority : 0) < (b.metrics ? b.metrics->priority : 0);
    case kLevel: return a.at->level < b.at->level;
    case kCpu: return a.at->cpu_time < b.at->cpu_time;
    case kWait: return a.at->waiting < b.at->waiting;
    case kResp: return response(a) < response(b);
    case kExit: return exit_text(a) < exit_text(b);
    default: return a.id < b.id;
  }
}

// Rebuild the rows when the run, the playhead tick or the side shown changed (the rows
// point into all three). True when they were rebuilt, so that they are sorted again.
bool refresh_rows(ProcessTableState& st, const RunSession& run, const PlayheadState& at) {
  if (st.rows_run == run.id && st.rows_time == at.time && st.rows_state == &at) return false;
  std::unordered_map<Pid, const ProcessMetrics*> by_pid;
  for (const ProcessMetrics& p : run.result.processes) by_pid.emplace(p.pid, &p);
  std::vector<Row>& rows = st.rows;
  rows.clear();
  rows.reserve(run.trace.tasks.size());
  for (TaskId id = 0; id < run.trace.tasks.size(); ++id) {
    const TaskRecord& t = run.trace.tasks[id];
    const auto it = by_pid.find(t.pid);
    rows.push_back(Row{id, &t, it == by_pid.end() ? nullptr : it->second, &at.tasks[id]});
  }
  st.rows_run = run.id;
  st.rows_time = at.time;
  st.rows_state = &at;
  return true;
}

// The header row; call inside the table.
void setup_columns() {
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("pid", ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("ppid");
  ImGui::TableSetupColumn("name");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("prio");
  ImGui::TableSetupColumn("level");
  ImGui::TableSetupColumn("cpu");
  ImGui::TableSetupColumn("wait");
  ImGui::TableSetupColumn("resp");
  ImGui::TableSetupColumn("exit");
  ImGui::TableHeadersRow();
}

// Sort when the user changed the order or the rows were rebuilt; call inside the table.
void sort_rows(std::vector<Row>& rows, bool rebuilt) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !(specs->SpecsDirty || rebuilt)) return;
  if (specs->SpecsCount > 0) {
    const int column = specs->Specs[0].ColumnIndex;
    const bool ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      return ascending ? less(a, b, column) : less(b, a, column);
    });
  }
  specs->SpecsDirty = false;
}

// One row; clicking it selects the task (or clears the selection) and scrolls its lane
// into view.
void draw_row(App& app, const Row& r) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  const bool selected = r.id == app.selected;
  const std::string pid = fmt::format("{}##row{}", r.task->pid, r.id);
  if (ImGui::Selectable(pid.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
    app.selected = selected ? kNoTask : r.id;
    app.scroll_to_selected = true;
  }
  ImGui::TableNextColumn();
  ImGui::Text("%d", r.at->ppid);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.task->name.c_str());
  ImGui::TableNextColumn();
  if (r.at->kind != SpanKind::Count) {
    color_chip(style(r.at->kind).color);
  }
  ImGui::TextUnformatted(r.at->kind == SpanKind::Zombie ? "zombie" : to_string(r.at->state).data());
  ImGui::TableNextColumn();
  if (r.metrics) ImGui::Text("%d", r.metrics->priority);
  ImGui::TableNextColumn();
  if (r.at->level >= 0) ImGui::Text("%d", r.at->level);
  ImGui::TableNextColumn();
  ImGui::Text("%lld", static_cast<long long>(r.at->cpu_time));
  ImGui::TableNextColumn();
  ImGui::Text("%lld", static_cast<long long>(r.at->waiting));
  ImGui::TableNextColumn();
  if (const Ticks resp = response(r); resp >= 0) ImGui::Text("%lld", static_cast<long long>(resp));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(exit_text(r).c_str());
}

}  // namespace

void draw_process_table(App& app) {
  ProcessTableState& st = app.panels.processes;
  if (app.compare) {
    ImGui::RadioButton("A", &st.which, 0);
    ImGui::SameLine();
    ImGui::RadioButton("B", &st.which, 1);
  }
  Side& side = app.compare ? app.side(st.which) : app.a;
  if (!side.ok()) {
    ImGui::TextDisabled("no run");
    return;
  }
  // Rows, rebuilt when the run or the playhead changes; sorted when either or the sort
  // order changes.
  const bool rebuilt = refresh_rows(st, *side.session, app.state(side));

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_ScrollX;
  if (!ImGui::BeginTable("processes", kColumns, flags)) return;
  setup_columns();
  sort_rows(st.rows, rebuilt);

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(st.rows.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_row(app, st.rows[static_cast<std::size_t>(i)]);
  ImGui::EndTable();
}

}  // namespace schedlab::gui

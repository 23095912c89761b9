// The ready queues at the playhead, each queue (each MLFQ level) on its own row, the task
// running on each CPU, and the blocked tasks with what they wait for.
//
// The queue contents come from the policy itself: the run is made again up to the
// playhead (KernelConfig::until) and Kernel::queues() is asked, so the order shown is the
// order the policy would pick in. That re-run costs about as much as the run up to T, so
// it is done at once for small runs and, for long ones, only once the playhead rests;
// meanwhile the Ready tasks are listed from the trace, in the order they became ready.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

// Re-running is cheap enough to do on every tick change when the whole run took under
// this long; otherwise wait until the playhead has rested this long.
constexpr double kInstantRerunMs = 15.0;
constexpr double kRestSeconds = 0.3;

void task_chip(const RunSession& s, TaskId id, Rgba color, bool selected) {
  const std::string& name = id < s.trace.tasks.size() ? s.trace.tasks[id].name : "?";
  const ImVec2 size = ImGui::CalcTextSize(name.c_str());
  const ImVec2 pad(6, 2);
  if (ImGui::GetContentRegionAvail().x < size.x + pad.x * 2) ImGui::NewLine();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x + pad.x * 2, p.y + size.y + pad.y * 2), color, 4);
  if (selected) dl->AddRect(p, ImVec2(p.x + size.x + pad.x * 2, p.y + size.y + pad.y * 2), IM_COL32_WHITE, 4, 0, 2);
  dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), IM_COL32(15, 15, 20, 255), name.c_str());
  ImGui::Dummy(ImVec2(size.x + pad.x * 2, size.y + pad.y * 2));
  ImGui::SameLine(0, 4);
}

// Ask the policy for its queues at t when the cached answer is stale and asking is cheap
// or the playhead has rested (see the file comment).
void refresh_queues(App& app, Side& side, Ticks t) {
  QueuesPanelState& st = app.panels.queues;
  const RunSession& s = *side.session;
  const auto now = std::chrono::steady_clock::now();
  if (t != st.last_tick) {
    st.last_tick = t;
    st.last_move = now;
  }
  const bool stale = side.queues.session != s.id || side.queues.time != t;
  const bool cheap = s.run_ms < kInstantRerunMs;
  const bool rested = !app.playback.playing && std::chrono::duration<double>(now - st.last_move).count() > kRestSeconds;
  if (stale && (cheap || rested)) {
    side.queues.snapshot = queues_at(s, t);
    side.queues.time = t;
    side.queues.session = s.id;
  }
}

void running_tasks(App& app, const RunSession& s, const PlayheadState& at) {
  section_title("CPUs");
  for (CpuId c = 0; c < at.running_on.size(); ++c) {
    ImGui::AlignTextToFramePadding();
    ImGui::Text("CPU %u", c);
    ImGui::SameLine(ImGui::GetFontSize() * 4);
    if (at.running_on[c] == kNoTask) {
      ImGui::TextDisabled("idle");
    } else {
      task_chip(s, at.running_on[c], style(SpanKind::Running).color, at.running_on[c] == app.selected);
      ImGui::TextDisabled("since %lld", static_cast<long long>(at.tasks[at.running_on[c]].since));
    }
  }
}

// The queues as the policy described them at t, one row each.
void policy_queues(App& app, const RunSession& s, const QueueSnapshot& snapshot) {
  const Rgba ready = style(SpanKind::Ready).color;
  if (s.read_only()) ImGui::TextDisabled("not kept in a saved run (asking the policy means running it again)");
  else if (snapshot.queues.empty()) ImGui::TextDisabled("the policy does not describe its queues");
  // Names ("level 1 (quantum 10)") set the column width, up to 60% of the panel; a longer
  // one puts its tasks on the next line.
  float name_w = ImGui::GetFontSize() * 4;
  for (const QueueSnapshot::Queue& q : snapshot.queues) name_w = std::max(name_w, ImGui::CalcTextSize(q.name.c_str()).x);
  const float column = std::min(name_w, ImGui::GetContentRegionAvail().x * 0.6f) + ImGui::GetFontSize();
  for (const QueueSnapshot::Queue& q : snapshot.queues) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(q.name.c_str());
    if (ImGui::CalcTextSize(q.name.c_str()).x + ImGui::GetFontSize() <= column) ImGui::SameLine(column);
    if (q.tasks.empty()) ImGui::TextDisabled("empty");
    for (TaskId id : q.tasks) task_chip(s, id, ready, id == app.selected);
    if (!q.tasks.empty()) ImGui::NewLine();  // chips leave the line open
  }
  ImGui::TextDisabled("(the policy's own order, asked at t)");
}

// Waiting for the re-run: the Ready set from the trace, longest-waiting first.
void trace_ready(App& app, const RunSession& s, const PlayheadState& at) {
  const Rgba ready = style(SpanKind::Ready).color;
  std::vector<const TaskAt*> waiting;
  for (const TaskAt& ta : at.tasks)
    if (ta.state == TaskState::Ready) waiting.push_back(&ta);
  std::stable_sort(waiting.begin(), waiting.end(), [](const TaskAt* x, const TaskAt* y) { return x->since < y->since; });
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("ready");
  ImGui::SameLine(ImGui::GetFontSize() * 7);
  for (std::size_t i = 0; i < waiting.size() && i < 200; ++i) task_chip(s, waiting[i]->id, ready, waiting[i]->id == app.selected);
  ImGui::NewLine();
  ImGui::TextDisabled("(from the trace, by time ready; the policy's order once the playhead rests)");
}

void blocked_tasks(App& app, const RunSession& s, const PlayheadState& at) {
  section_title("Blocked");
  std::size_t shown = 0, blocked = 0;
  for (const TaskAt& ta : at.tasks) {
    if (ta.state != TaskState::Blocked) continue;
    ++blocked;
    if (shown >= 100) continue;
    ++shown;
    task_chip(s, ta.id, style(ta.kind).color, ta.id == app.selected);
    const std::string wait = s.index.wait_detail(ta);
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", wait.c_str());
    ImGui::PopTextWrapPos();
  }
  if (blocked == 0) ImGui::TextDisabled("none");
  if (blocked > shown) ImGui::TextDisabled("... and %zu more", blocked - shown);
}

void draw_side(App& app, Side& side) {
  if (!side.ok()) {
    ImGui::TextDisabled("no run");
    return;
  }
  const RunSession& s = *side.session;
  const PlayheadState& at = app.state(side);
  const Ticks t = at.time;
  refresh_queues(app, side, t);

  ImGui::Text("t = %lld", static_cast<long long>(t));
  running_tasks(app, s, at);
  section_title("Ready queues");
  if (side.queues.session == s.id && side.queues.time == t) policy_queues(app, s, side.queues.snapshot);
  else trace_ready(app, s, at);
  blocked_tasks(app, s, at);
}

}  // namespace

void draw_queues_panel(App& app) {
  if (!app.compare) {
    draw_side(app, app.a);
    return;
  }
  if (ImGui::BeginTabBar("sides")) {
    if (ImGui::BeginTabItem("A")) {
      draw_side(app, app.a);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("B")) {
      draw_side(app, app.b);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace schedlab::gui

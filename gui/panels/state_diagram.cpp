// The textbook five-state diagram at the playhead: how many tasks are in each state, and
// the transitions taken at the latest instant at or before the playhead, highlighted
// with their cause. The arrows are the kernel's legal transitions (is_legal_transition),
// so the diagram cannot promise a move the kernel would reject.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

constexpr std::array<TaskState, 5> kStates{TaskState::New, TaskState::Ready, TaskState::Running, TaskState::Blocked,
                                           TaskState::Terminated};

// Node centres as fractions of the canvas.
ImVec2 node_pos(TaskState s) {
  switch (s) {
    // Three columns, two rows: the ready/running cycle on top, waiting and ending below.
    case TaskState::New: return {0.0f, 0.0f};
    case TaskState::Ready: return {0.5f, 0.0f};
    case TaskState::Running: return {1.0f, 0.0f};
    case TaskState::Blocked: return {0.5f, 1.0f};
    case TaskState::Terminated: return {1.0f, 1.0f};
  }
  return {0.5f, 0.5f};
}

Rgba node_color(TaskState s) {
  switch (s) {
    case TaskState::Ready: return style(SpanKind::Ready).color;
    case TaskState::Running: return style(SpanKind::Running).color;
    case TaskState::Blocked: return style(SpanKind::BlockedIo).color;
    case TaskState::New:
    case TaskState::Terminated: break;
  }
  return okabe_ito::grey;
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float thickness) {
  dl->AddLine(a, b, c, thickness);
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len, s = 5 + thickness * 1.5f;
  dl->AddTriangleFilled(b, ImVec2(b.x - ux * s * 1.6f - uy * s * 0.8f, b.y - uy * s * 1.6f + ux * s * 0.8f),
                        ImVec2(b.x - ux * s * 1.6f + uy * s * 0.8f, b.y - uy * s * 1.6f - ux * s * 0.8f), c);
}

// The point where the segment from the centre c towards `to` leaves a box of half-size h.
ImVec2 edge(ImVec2 c, ImVec2 to, ImVec2 h) {
  const float dx = to.x - c.x, dy = to.y - c.y;
  const float t = std::min(dx != 0 ? h.x / std::fabs(dx) : 1e9f, dy != 0 ? h.y / std::fabs(dy) : 1e9f);
  return ImVec2(c.x + dx * std::min(t, 1.0f), c.y + dy * std::min(t, 1.0f));
}

using Taken = std::array<std::array<const TransitionRecord*, 5>, 5>;  // [from][to]

// Which moves were just taken, and why (first cause wins for the label).
Taken taken_moves(const RunSession& run, const PlayheadState& at) {
  Taken taken{};
  for (std::uint32_t i : at.last_transitions) {
    const TransitionRecord& r = run.trace.transitions[i];
    const auto f = static_cast<std::size_t>(r.from), t = static_cast<std::size_t>(r.to);
    if (f < 5 && t < 5 && !taken[f][t]) taken[f][t] = &r;
  }
  return taken;
}

// Where the diagram sits on screen: its top-left, its size and a node's half-size.
struct Canvas {
  ImDrawList* dl;
  ImVec2 p0, size, half;
  ImVec2 centre(TaskState s) const {
    const ImVec2 f = node_pos(s);
    return ImVec2(p0.x + half.x + 4 + f.x * (size.x - 2 * half.x - 8), p0.y + half.y + 4 + f.y * (size.y - 2 * half.y - 8));
  }
};

// Every legal move as an arrow, the ones just taken bright and thick with their cause.
void arrows(const Canvas& cv, const Taken& taken) {
  const ImU32 faint = IM_COL32(140, 146, 160, 120);
  const ImU32 bright = style(MarkerKind::Preempt).color;  // Okabe-Ito yellow
  for (TaskState from : kStates)
    for (TaskState to : kStates) {
      if (!is_legal_transition(from, to)) continue;
      ImVec2 a = cv.centre(from), b = cv.centre(to);
      // Opposite pairs (Ready <-> Running, Ready <-> Blocked...) get parallel lanes.
      if (is_legal_transition(to, from)) {
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        const float ox = -dy / len * 7, oy = dx / len * 7;
        a = ImVec2(a.x + ox, a.y + oy);
        b = ImVec2(b.x + ox, b.y + oy);
      }
      const ImVec2 ea = edge(a, b, cv.half), eb = edge(b, a, cv.half);
      const TransitionRecord* r = taken[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
      arrow(cv.dl, ea, eb, r ? bright : faint, r ? 3.0f : 1.2f);
      if (!r) continue;
      // The cause on the arrow when it fits there; the caption below always lists it.
      const std::string cause(to_string(r->cause));
      const ImVec2 mid((ea.x + eb.x) * 0.5f, (ea.y + eb.y) * 0.5f);
      const ImVec2 ts = ImGui::CalcTextSize(cause.c_str());
      const float len = std::sqrt((eb.x - ea.x) * (eb.x - ea.x) + (eb.y - ea.y) * (eb.y - ea.y));
      if (ts.x + 8 < len || std::fabs(eb.x - ea.x) < 1) {
        cv.dl->AddRectFilled(ImVec2(mid.x - ts.x * 0.5f - 3, mid.y - ts.y * 0.5f - 1),
                             ImVec2(mid.x + ts.x * 0.5f + 3, mid.y + ts.y * 0.5f + 1), IM_COL32(20, 20, 24, 230), 3);
        cv.dl->AddText(ImVec2(mid.x - ts.x * 0.5f, mid.y - ts.y * 0.5f), bright, cause.c_str());
      }
    }
}

// The five states with how many tasks are in each, and the zombies under Terminated.
void nodes(const Canvas& cv, const PlayheadState& at) {
  ImDrawList* dl = cv.dl;
  for (TaskState s : kStates) {
    const ImVec2 c = cv.centre(s);
    const ImU32 col = node_color(s);
    const ImVec2 mn(c.x - cv.half.x, c.y - cv.half.y), mx(c.x + cv.half.x, c.y + cv.half.y);
    dl->AddRectFilled(mn, mx, IM_COL32(28, 31, 38, 255), 8);
    dl->AddRect(mn, mx, col, 8, 0, 2.5f);
    const std::string name(to_string(s));
    const std::string count = fmt::format("{}", at.state_counts[static_cast<std::size_t>(s)]);
    const ImVec2 ns = ImGui::CalcTextSize(name.c_str()), cs = ImGui::CalcTextSize(count.c_str());
    dl->AddText(ImVec2(c.x - ns.x * 0.5f, c.y - ns.y), IM_COL32(225, 228, 236, 255), name.c_str());
    dl->AddText(ImVec2(c.x - cs.x * 0.5f, c.y + 1), col, count.c_str());
  }
  // Zombies are Terminated tasks whose process has not been reaped yet: say how many.
  std::size_t zombies = 0;
  for (const TaskAt& t : at.tasks) zombies += t.kind == SpanKind::Zombie;
  if (zombies > 0) {
    const ImVec2 c = cv.centre(TaskState::Terminated);
    const std::string z = fmt::format("{} zombie{}", zombies, zombies == 1 ? "" : "s");
    const ImVec2 zs = ImGui::CalcTextSize(z.c_str());
    dl->AddText(ImVec2(c.x - zs.x * 0.5f, c.y + cv.half.y + 2), style(SpanKind::Zombie).color, z.c_str());
  }
}

// Caption: the moves of that instant, in words.
void caption(const RunSession& run, const PlayheadState& at) {
  if (at.last_transition_time < 0) {
    ImGui::TextDisabled("no transition yet at t = %lld", static_cast<long long>(at.time));
    return;
  }
  ImGui::TextDisabled("at t = %lld%s:", static_cast<long long>(at.last_transition_time),
                      at.last_transition_time == at.time ? " (now)" : "");
  int lines = 0;
  for (auto it = at.last_transitions.rbegin(); it != at.last_transitions.rend() && lines < 3; ++it, ++lines) {
    const TransitionRecord& r = run.trace.transitions[*it];
    ImGui::Text("%s: %s -> %s (%s)", run.trace.tasks[r.task].name.c_str(), to_string(r.from).data(), to_string(r.to).data(),
                to_string(r.cause).data());
  }
  if (at.last_transitions.size() > 3) ImGui::SameLine(), ImGui::TextDisabled("+%zu", at.last_transitions.size() - 3);
}

}  // namespace

void draw_state_diagram(App& app) {
  int& which = app.panels.state_diagram.which;
  if (app.compare) {
    ImGui::RadioButton("A", &which, 0);
    ImGui::SameLine();
    ImGui::RadioButton("B", &which, 1);
  }
  Side& side = app.compare ? app.side(which) : app.a;
  if (!side.ok()) {
    ImGui::TextDisabled("no run");
    return;
  }
  const RunSession& run = *side.session;
  const PlayheadState& at = app.state(side);
  const Taken taken = taken_moves(run, at);

  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float caption_h = line * 4.2f;
  const ImVec2 size(avail.x, std::max(avail.y - caption_h, 120.0f));
  const ImVec2 half(std::clamp(size.x * 0.12f, 38.0f, 60.0f), std::clamp(size.y * 0.15f, 19.0f, 28.0f));
  const Canvas cv{ImGui::GetWindowDrawList(), p0, size, half};
  arrows(cv, taken);
  nodes(cv, at);
  ImGui::Dummy(size);
  caption(run, at);
}

}  // namespace schedlab::gui

// The timeline panel: legend, ruler with the playhead, then for each run shown (two in
// compare mode, on one shared time axis) its CPU lanes and one lane per task.
//
// Mouse: wheel zooms around the cursor (Shift+wheel scrolls the lanes), dragging pans,
// double-click fits the run, a click selects the task under the cursor, middle-click
// zooms to the span under it, clicking or dragging on the ruler moves the playhead.
// Lanes are laid out arithmetically (no per-lane bookkeeping), so only the visible ones
// cost anything: a run with thousands of tasks scrolls as fast as one with ten.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"
#include "timeline_draw.hpp"

namespace schedlab::gui {

namespace {

// Row heights scale with the font so the lanes stay readable at any font size.
struct Metrics {
  float header, cpu, task, gap;
};
Metrics row_metrics() {
  const float f = ImGui::GetFontSize();
  return {f + 10, std::round(f * 1.55f), std::round(f * 1.2f), 6};
}

// Where one side's rows sit, in content coordinates (y grows downwards from 0).
struct Group {
  Side* side = nullptr;
  char name = 'A';
  float y = 0;       // header top
  float cpu_y = 0;   // first CPU lane
  float task_y = 0;  // first task lane
  float end = 0;
  std::size_t cpus = 0, tasks = 0;
};

std::vector<Group> layout(App& app, Metrics& m, float view_h) {
  std::vector<Group> groups;
  float y = 0;
  for (int i = 0; i < (app.compare ? 2 : 1); ++i) {
    Side& s = app.side(i);
    Group g;
    g.side = &s;
    g.name = static_cast<char>('A' + i);
    g.y = y;
    g.cpu_y = y + m.header;
    if (s.ok()) {
      g.cpus = s.session->model.cpu_lanes().size();
      g.tasks = s.session->model.task_lanes().size();
    }
    g.task_y = g.cpu_y + static_cast<float>(g.cpus) * m.cpu + m.gap;
    g.end = g.task_y + static_cast<float>(g.tasks) * m.task + m.gap * 2;
    y = g.end;
    groups.push_back(g);
  }
  // Few lanes: make them taller (up to 1.6x) rather than leave the panel empty; a few
  // too many: make them a little shorter (down to 0.8x) rather than scroll.
  const float lanes_h = y - m.header * static_cast<float>(groups.size());
  if (view_h > 0 && lanes_h > 0) {
    const float k = std::clamp(1.0f + (view_h - y - 4) / lanes_h, 0.8f, 1.6f);
    if (k > 1.01f || k < 0.99f) {
      m.cpu = std::round(m.cpu * k);
      m.task = std::round(m.task * k);
      m.gap = std::round(m.gap * k);
      return layout(app, m, 0);  // same layout with the taller rows
    }
  }
  return groups;
}

// What is under the mouse this frame, for tooltips and clicks.
struct Hover {
  const Group* group = nullptr;
  const Lane* lane = nullptr;
  LaneHit hit;
};

void tooltip_for(const Hover& h) {
  const RunSession& s = *h.group->side->session;
  ImGui::BeginTooltip();
  if (h.hit.marker >= 0) {
    ImGui::TextUnformatted(describe_marker(s.trace, h.lane->markers[static_cast<std::size_t>(h.hit.marker)]).c_str());
    if (h.hit.hidden > 0) ImGui::TextDisabled("+%u more here: zoom in to see them", h.hit.hidden);
  } else if (h.hit.bar.merged()) {
    const Bar& b = h.hit.bar;
    const Span& first = h.lane->spans[b.first];
    const Span& last = h.lane->spans[b.last];
    ImGui::Text("%u spans in %.0f px (level of detail)", b.last - b.first + 1, static_cast<double>(b.x1 - b.x0));
    ImGui::Text("[%lld, %lld): running %.0f%% of the time", static_cast<long long>(first.start),
                static_cast<long long>(last.end), static_cast<double>(b.running_fraction) * 100.0);
    ImGui::TextDisabled("zoom in (wheel) to see each one");
  } else {
    ImGui::TextUnformatted(describe_span(s.trace, *h.lane, h.lane->spans[h.hit.bar.first]).c_str());
  }
  ImGui::EndTooltip();
}

void draw_group_header(ImDrawList* dl, const Group& g, ImVec2 min, ImVec2 max) {
  dl->AddRectFilled(min, max, IM_COL32(38, 42, 52, 255));
  std::string text;
  if (!g.side->session) {
    text = fmt::format("{}: no run", g.name);
  } else if (!g.side->session->ok()) {
    text = fmt::format("{}: {}", g.name, g.side->session->error);
  } else {
    const RunResult& r = g.side->session->result;
    const std::size_t n = g.side->session->trace.tasks.size();
    text = fmt::format("{}: {}    |    {} task{} on {} CPU{}, {}{}{}, {} slices", g.name, r.policy, n, n == 1 ? "" : "s",
                       r.cpus, r.cpus == 1 ? "" : "s", to_string(r.status), r.status_detail.empty() ? "" : ": ",
                       r.status_detail, g.side->session->model.slice_count());
  }
  const float ty = min.y + (max.y - min.y - ImGui::GetFontSize()) * 0.5f;
  dl->AddText(ImVec2(min.x + 6, ty), g.side->ok() ? IM_COL32(230, 232, 240, 255) : kTextError, text.c_str());
}

// The lanes' screen geometry and input this frame, shared by the steps of draw_timeline.
struct LanesFrame {
  ImDrawList* dl = nullptr;  // the lanes child's draw list
  ImVec2 top;                // the child's visible top-left, on screen
  float plot_x = 0, plot_w = 0;
  float right = 0;           // right edge of the lanes, left of the scrollbar
  float scroll = 0, view_h = 0;
  ImVec2 mouse;
  bool hovered = false;      // the mouse is over the lanes
  LaneDrawOptions opt;
  float screen_y(float content_y) const { return top.y + content_y - scroll; }
};

// What the lanes found under the mouse while they were drawn.
struct LanesHover {
  Hover hover;
  std::string global;  // a run-wide marker (deadlock) under the mouse
};

// The first frame, a double-click or F: fit the whole run, or --view once.
void apply_fit(App& app, double end) {
  if (!app.fit_requested) return;
  app.axis.fit(0, end);
  app.fit_requested = false;
  if (app.options.view_to > app.options.view_from && app.options.view_from >= 0) {
    app.axis.show(app.options.view_from, app.options.view_to);  // --view, once
    app.options.view_from = app.options.view_to = -1;
  }
}

// The ruler over the plot strip [plot_x, plot_x + plot_w]: click or drag it to move the
// playhead.
void ruler(App& app, ImDrawList* dl, ImVec2 origin, float plot_x, float plot_w, float ruler_h) {
  const ImVec2 min(plot_x, origin.y), max(plot_x + plot_w, origin.y + ruler_h);
  dl->AddText(ImVec2(origin.x + 4, origin.y + 4), kTextDim, "ticks");
  draw_ruler(dl, app.axis, min, max);
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("ruler", ImVec2(plot_w, ruler_h));
  if (ImGui::IsItemActive()) {
    app.playback.playing = false;
    app.seek(std::round(app.axis.time(ImGui::GetIO().MousePos.x)));
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("click or drag: move the playhead");
}

// The process table selected a task: scroll its lane (in run A) into view, once.
void scroll_to_selection(App& app, const std::vector<Group>& groups, const Metrics& m, const LanesFrame& f) {
  if (!app.scroll_to_selected || app.selected == kNoTask || groups.empty()) return;
  const float y = groups[0].task_y + static_cast<float>(app.a.ok() ? app.a.session->model.row_of(app.selected) : 0) * m.task;
  if (y < f.scroll || y + m.task > f.scroll + f.view_h) ImGui::SetScrollY(std::max(0.0f, y - f.view_h * 0.4f));
  app.scroll_to_selected = false;
}

// One lane at screen y: its label, its spans and markers; records what the mouse is over.
void lane_row(App& app, const LanesFrame& f, const Group& g, const Lane& lane, float y, float h, bool selected,
              LanesHover& out) {
  ImDrawList* ldl = f.dl;
  const ImVec2 lmin(f.plot_x, y), lmax(f.plot_x + f.plot_w, y + h);
  if (selected) ldl->AddRectFilled(ImVec2(f.top.x, y), ImVec2(lmax.x, lmax.y), kSelectionColor);
  ldl->AddLine(ImVec2(f.top.x, lmax.y), ImVec2(lmax.x, lmax.y), IM_COL32(255, 255, 255, 14));
  const std::string label = lane.type == LaneType::Cpu ? lane.label : fmt::format("{}", lane.label);
  ldl->PushClipRect(ImVec2(f.top.x, y), ImVec2(f.plot_x - 6, y + h), true);
  const float indent = lane.type == LaneType::Cpu ? 6.0f : lane.thread ? 28.0f : 14.0f;  // threads under their process
  ldl->AddText(ImVec2(f.top.x + indent, y + (h - ImGui::GetFontSize()) * 0.5f),
               lane.type == LaneType::Cpu ? IM_COL32(235, 235, 245, 255) : IM_COL32(200, 203, 212, 255), label.c_str());
  ldl->PopClipRect();
  const RunSession& s = *g.side->session;
  const LaneHit hit = draw_lane(ldl, lane, s.trace, app.axis, lmin, lmax, f.opt, f.mouse, app.panels.timeline.scratch);
  if (f.hovered && (hit.span || hit.marker >= 0)) out.hover = Hover{&g, &lane, hit};
  if (f.hovered && f.mouse.y >= y && f.mouse.y < y + h && !out.hover.lane) out.hover = Hover{&g, &lane, LaneHit{}};
}

// One side's header, CPU lanes, the visible task lanes and its run-wide markers.
void group_rows(App& app, const LanesFrame& f, const Group& g, const Metrics& m, LanesHover& out) {
  const float hy = f.screen_y(g.y);
  draw_group_header(f.dl, g, ImVec2(f.top.x, hy), ImVec2(f.right, hy + m.header - 2));
  if (!g.side->ok()) return;
  const RunSession& s = *g.side->session;
  const auto& cpus = s.model.cpu_lanes();
  for (std::size_t c = 0; c < cpus.size(); ++c) {
    const float y = g.cpu_y + static_cast<float>(c) * m.cpu;
    if (y + m.cpu < f.scroll || y > f.scroll + f.view_h) continue;
    lane_row(app, f, g, cpus[c], f.screen_y(y), m.cpu, false, out);
  }
  // Task lanes: only the visible index range is touched.
  const auto& tasks = s.model.task_lanes();
  const auto& order = s.model.task_order();
  const float first_f = std::floor((f.scroll - g.task_y) / m.task);
  const std::size_t first = first_f <= 0 ? 0 : static_cast<std::size_t>(first_f);
  for (std::size_t k = first; k < order.size(); ++k) {
    const float y = g.task_y + static_cast<float>(k) * m.task;
    if (y > f.scroll + f.view_h) break;
    lane_row(app, f, g, tasks[order[k]], f.screen_y(y), m.task, order[k] == app.selected, out);
  }
  for (std::size_t i = 0; i < s.model.global_markers().size(); ++i) {
    const Marker& mk = s.model.global_markers()[i];
    const float x = app.axis.x(static_cast<double>(mk.time));
    const float y0 = f.screen_y(g.cpu_y), y1 = f.screen_y(g.end - m.gap * 2);
    draw_marker(f.dl, mk.kind, x, y0, y1);
    f.dl->AddText(ImVec2(x + 4, y0), style(mk.kind).color, style(mk.kind).label.data());
    if (f.hovered && std::fabs(f.mouse.x - x) < 4 && f.mouse.y >= y0 && f.mouse.y < y1) out.global = describe_marker(s.trace, mk);
  }
}

// Wheel, drag, double-click, click and middle-click over the lanes (see the file comment).
void gestures(App& app, const LanesFrame& f, const Metrics& m, const Hover& hover, float total_h, bool active,
              bool released) {
  const ImGuiIO& io = ImGui::GetIO();
  if (f.hovered && io.MouseWheel != 0) {
    if (io.KeyShift) ImGui::SetScrollY(std::clamp(f.scroll - io.MouseWheel * m.task * 3, 0.0f, std::max(0.0f, total_h - f.view_h)));
    else app.axis.zoom(f.mouse.x, std::pow(1.25, static_cast<double>(io.MouseWheel)));
  }
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    app.axis.pan(io.MouseDelta.x);
    ImGui::SetScrollY(std::clamp(f.scroll - io.MouseDelta.y, 0.0f, std::max(0.0f, total_h - f.view_h)));
  }
  if (f.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) app.fit_requested = true;
  const float drag_px = io.MouseDragThreshold;
  if (released && io.MouseDragMaxDistanceSqr[0] < drag_px * drag_px) {
    // A click: select the task under the cursor (the slice's task on a CPU lane).
    TaskId t = kNoTask;
    if (hover.lane && hover.lane->type == LaneType::Task) t = hover.lane->id;
    else if (hover.lane && hover.hit.span && !hover.hit.bar.merged()) t = hover.lane->spans[hover.hit.bar.first].aux;
    app.selected = t == app.selected ? kNoTask : t;
  }
  if (f.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Middle) && hover.lane && hover.hit.span) {
    const Span& a = hover.lane->spans[hover.hit.bar.first];
    const Span& b = hover.lane->spans[hover.hit.bar.last];
    app.axis.fit(static_cast<double>(a.start), static_cast<double>(b.end));
  }
}

}  // namespace

void draw_timeline(App& app) {
  Metrics m = row_metrics();
  draw_legend();

  const float label_w = std::round(ImGui::GetFontSize() * 9);
  const float ruler_h = ImGui::GetFontSize() + 10;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float scrollbar_w = ImGui::GetStyle().ScrollbarSize;
  const float plot_x = origin.x + label_w;
  const float plot_w = std::max(avail.x - label_w - scrollbar_w, 50.0f);
  app.axis.set_viewport(plot_x, plot_w);
  const double end = static_cast<double>(std::max<Ticks>(app.end_time(), 1));
  apply_fit(app, end);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  ruler(app, dl, origin, plot_x, plot_w, ruler_h);
  const float ruler_bottom = origin.y + ruler_h;

  // ---- lanes ----
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + ruler_h));
  const ImVec2 lanes_size(avail.x, avail.y - ruler_h);
  ImGui::BeginChild("lanes", lanes_size, false, ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const std::vector<Group> groups = layout(app, m, lanes_size.y);
  const float total_h = groups.empty() ? 0 : groups.back().end;
  LanesFrame f;
  f.scroll = ImGui::GetScrollY();
  f.top = ImGui::GetWindowPos();
  f.view_h = lanes_size.y;
  f.dl = ImGui::GetWindowDrawList();
  f.plot_x = plot_x;
  f.plot_w = plot_w;
  f.right = f.top.x + avail.x - scrollbar_w;

  // One invisible button over the visible area takes every mouse gesture.
  ImGui::SetCursorPos(ImVec2(0, f.scroll));
  ImGui::InvisibleButton("lanes-input", ImVec2(std::max(avail.x - scrollbar_w, 1.0f), std::max(f.view_h, 1.0f)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  f.hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  const bool released = ImGui::IsItemDeactivated();
  scroll_to_selection(app, groups, m, f);

  f.mouse = ImGui::GetIO().MousePos;
  f.opt.highlight = app.selected;
  LanesHover found;
  for (const Group& g : groups)
    if (g.end >= f.scroll && g.y <= f.scroll + f.view_h) group_rows(app, f, g, m, found);

  // The playhead, across every lane.
  const float px = app.axis.x(app.playback.time);
  if (px >= plot_x && px <= plot_x + plot_w) {
    f.dl->AddLine(ImVec2(px, f.top.y), ImVec2(px, f.top.y + f.view_h), kPlayheadColor, 1.5f);
    dl->AddTriangleFilled(ImVec2(px - 6, ruler_bottom - 9), ImVec2(px + 6, ruler_bottom - 9), ImVec2(px, ruler_bottom),
                          kPlayheadColor);
  }

  gestures(app, f, m, found.hover, total_h, active, released);
  app.axis.clamp(0, end);
  const Hover& hover = found.hover;
  if (!found.global.empty() && !active) ImGui::SetTooltip("%s", found.global.c_str());
  else if (hover.lane && (hover.hit.span || hover.hit.marker >= 0) && !active) tooltip_for(hover);

  ImGui::SetCursorPos(ImVec2(0, std::max(total_h, f.scroll + f.view_h) - 1));
  ImGui::Dummy(ImVec2(1, 1));
  ImGui::EndChild();
}

}  // namespace schedlab::gui

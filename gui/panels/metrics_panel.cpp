// Metrics of the run (the kernel's RunResult, as `schedlab run` reports them), side by
// side in compare mode with the better value marked, and two small charts drawn with
// ImDrawList over the time range the timeline shows: ready-queue length and CPU
// utilization, with the playhead.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "app.hpp"
#include "panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

struct MetricRow {
  const char* name;
  const char* help;
  int better;  // -1 lower is better, +1 higher is better, 0 neither
  double (*value)(const RunResult&);
  const char* format;
};

const MetricRow kRows[] = {
    {"makespan", "last completion - first arrival (ticks)", -1, [](const RunResult& r) { return static_cast<double>(r.makespan); }, "%.0f"},
    {"avg turnaround", "completion - arrival, averaged over finished processes", -1, [](const RunResult& r) { return r.averages.turnaround; }, "%.2f"},
    {"avg response", "first run - arrival", -1, [](const RunResult& r) { return r.averages.response; }, "%.2f"},
    {"avg waiting", "ticks spent Ready", -1, [](const RunResult& r) { return r.averages.waiting; }, "%.2f"},
    {"CPU utilization", "busy CPU ticks / (CPUs x makespan)", 1, [](const RunResult& r) { return r.cpu_utilization * 100.0; }, "%.1f %%"},
    {"throughput", "finished processes per 100 ticks", 1, [](const RunResult& r) { return r.throughput * 100.0; }, "%.3f"},
    {"context switches", "a CPU switched from one task to another", -1, [](const RunResult& r) { return static_cast<double>(r.context_switches); }, "%.0f"},
    {"migrations", "a task resumed on another CPU than before", -1, [](const RunResult& r) { return static_cast<double>(r.migrations); }, "%.0f"},
    {"fairness", "Jain's index of CPU time per ticket (1 = fair)", 1, [](const RunResult& r) { return r.fairness; }, "%.3f"},
};

void metrics_table(App& app) {
  const bool two = app.compare && app.b.ok();
  if (!ImGui::BeginTable("metrics", two ? 3 : 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("metric");
  ImGui::TableSetupColumn(two ? "A" : "value");
  if (two) ImGui::TableSetupColumn("B");
  ImGui::TableHeadersRow();
  const RunResult& a = app.a.session->result;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("status");
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(to_string(a.status).data());
  if (two) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(to_string(app.b.session->result.status).data());
  }
  for (const MetricRow& row : kRows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.help);
    const double va = row.value(a);
    const double vb = two ? row.value(app.b.session->result) : va;
    for (int i = 0; i < (two ? 2 : 1); ++i) {
      ImGui::TableNextColumn();
      const double v = i == 0 ? va : vb, other = i == 0 ? vb : va;
      const bool better = two && row.better != 0 && std::fabs(v - other) > 1e-9 && (row.better < 0 ? v < other : v > other);
      if (better) ImGui::PushStyleColor(ImGuiCol_Text, style(SpanKind::Running).color);
      ImGui::Text(row.format, v);
      if (better) ImGui::PopStyleColor();
    }
  }
  ImGui::EndTable();
}

// A filled step chart of `series` (scaled by `scale`) over the timeline's visible range.
void chart(App& app, const char* title, const StepSeries& series, double scale, double y_max, Rgba color,
           const char* unit) {
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = std::max(ImGui::GetFontSize() * 3.6f, 48.0f);
  ImGui::TextDisabled("%s", title);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(24, 27, 33, 255), 3);
  TimeAxis axis;
  axis.set_viewport(p.x, w);
  axis.show(app.axis.start(), app.axis.end());
  const float px = 2.0f;
  const Ticks end = app.end_time();
  const auto cols = sample(series, axis, px, 0, end);
  const double top = std::max(y_max, 1e-9);
  const ImU32 fill = with_alpha(color, 170), peak = with_alpha(color, 255);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const float x0 = p.x + static_cast<float>(c) * px, x1 = std::min(x0 + px, p.x + w);
    const float mean = static_cast<float>(std::min(1.0, cols[c].mean * scale / top));
    const float mx = static_cast<float>(std::min(1.0, cols[c].max * scale / top));
    if (mean > 0) dl->AddRectFilled(ImVec2(x0, p.y + h - mean * (h - 2)), ImVec2(x1, p.y + h), fill);
    if (mx > mean) dl->AddLine(ImVec2(x0, p.y + h - mx * (h - 2)), ImVec2(x1, p.y + h - mx * (h - 2)), peak);
  }
  const float x = axis.x(app.playback.time);
  if (x >= p.x && x <= p.x + w) dl->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + h), kPlayheadColor);
  const std::string top_label = fmt::format("{:.3g}{}", y_max, unit);
  dl->AddText(ImVec2(p.x + 4, p.y + 2), kTextDim, top_label.c_str());
  const double now = static_cast<double>(series.value_at(app.playback.tick())) * scale;
  const std::string now_label = fmt::format("at t: {:.3g}{}", now, unit);
  const ImVec2 ns = ImGui::CalcTextSize(now_label.c_str());
  dl->AddText(ImVec2(p.x + w - ns.x - 4, p.y + 2), IM_COL32(230, 230, 236, 255), now_label.c_str());
  ImGui::Dummy(ImVec2(w, h));
  if (ImGui::IsItemHovered()) {
    const double t = axis.time(ImGui::GetIO().MousePos.x);
    if (t >= 0) ImGui::SetTooltip("t = %.0f: %.3g%s", t, static_cast<double>(series.value_at(static_cast<Ticks>(t))) * scale, unit);
  }
}

void charts(App& app, Side& side, const char* name) {
  const RunSession& s = *side.session;
  const double cpus = static_cast<double>(std::max<CpuId>(s.result.cpus, 1));
  const std::string q = fmt::format("{}ready-queue length (mean, peak line)", name);
  chart(app, q.c_str(), s.ready_count, 1.0, static_cast<double>(std::max<std::int64_t>(s.ready_count.max_value(), 1)),
        style(SpanKind::Ready).color, "");
  const std::string u = fmt::format("{}CPU utilization", name);
  chart(app, u.c_str(), s.running_count, 100.0 / cpus, 100.0, style(SpanKind::Running).color, " %");
}

}  // namespace

void draw_metrics_panel(App& app) {
  if (!app.a.ok()) {
    ImGui::TextDisabled("no run");
    return;
  }
  metrics_table(app);
  section_title("Over the visible time range");
  charts(app, app.a, app.compare ? "A: " : "");
  if (app.compare && app.b.ok()) charts(app, app.b, "B: ");
  if (app.read_only()) ImGui::TextDisabled("a saved run, read from %s", app.a.session->saved->file.c_str());
  else ImGui::TextDisabled("simulated in %.1f ms", app.a.session->run_ms);
}

}  // namespace schedlab::gui

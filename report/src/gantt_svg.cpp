#include <schedlab/report/gantt_svg.hpp>

#include <algorithm>

#include <schedlab/report/html_util.hpp>

namespace schedlab::report {

namespace {

constexpr double kWidth = 960, kCharWidth = 6.4;
constexpr double kCpuLane = 22, kCpuGap = 4, kStateLane = 12, kStateGap = 3;
constexpr std::string_view kReady = "#cdd3db";

std::string_view state_word(TaskState s) {
  switch (s) {
    case TaskState::Ready: return "ready";
    case TaskState::Running: return "running";
    case TaskState::Blocked: return "blocked";
    case TaskState::New:
    case TaskState::Terminated: return "";
  }
  return "";
}

std::string reason_words(StopReason r) {
  std::string s(to_string(r));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace

void append_state_legend(fmt::memory_buffer& out) {
  append_raw(out,
             "<p class=\"legend\"><span><i style=\"background:#4e79a7\"></i>running (process colour)</span>"
             "<span><i style=\"background:#cdd3db\"></i>ready</span>"
             "<span><i class=\"hatch\"></i>blocked</span>"
             "<span><i style=\"background:#eef1f5;border:1px solid #d5dae1\"></i>idle CPU</span></p>\n");
}

namespace {

// Where everything goes: the label column, the plot's scale and the lanes' heights.
struct GanttLayout {
  double left, plot, window, scale, state_top, axis_y, height;
  double x(Ticks t) const { return left + static_cast<double>(t) * scale; }
};

GanttLayout layout(const ShowcaseRun& run, Ticks window, CpuId cpus) {
  const bool lanes = !run.spans.empty();
  std::size_t longest = 6;  // "CPU 10"
  if (lanes)
    for (const std::string& n : run.names) longest = std::max(longest, n.size());
  GanttLayout g{};
  g.left = std::min(160.0, kCharWidth * static_cast<double>(longest) + 14);
  g.plot = kWidth - g.left - 12;
  g.window = static_cast<double>(std::max<Ticks>(window, 1));
  g.scale = g.plot / g.window;
  const double cpu_block = (kCpuLane + kCpuGap) * cpus;
  g.state_top = cpu_block + 8;
  const double state_block = lanes ? (kStateLane + kStateGap) * static_cast<double>(run.names.size()) + 8 : 0;
  g.axis_y = cpu_block + state_block + 4;
  g.height = g.axis_y + 34;
  return g;
}

void append_time_axis(fmt::memory_buffer& out, const GanttLayout& g) {
  auto it = std::back_inserter(out);
  for (double t : nice_ticks(g.window, 10)) {
    if (t > g.window) break;
    fmt::format_to(it, "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1:.1f}\" class=\"grid\"/>",
                   g.left + t * g.scale, g.axis_y);
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"middle\">{}</text>\n",
                   g.left + t * g.scale, g.axis_y + 13, tick_label(t));
  }
  fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis-title\" text-anchor=\"middle\">time (ticks)</text>\n",
                 g.left + g.plot / 2, g.axis_y + 29);
}

// One lane per CPU, a bar per run slice (labelled when wide enough, a <title> to hover).
void append_cpu_lanes(fmt::memory_buffer& out, const ShowcaseRun& run, const GanttLayout& g, Ticks window, CpuId cpus) {
  auto it = std::back_inserter(out);
  for (CpuId c = 0; c < cpus; ++c) {
    const double y = c * (kCpuLane + kCpuGap);
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\" text-anchor=\"end\">CPU {}</text>", g.left - 6,
                   y + 15, c);
    fmt::format_to(it, "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" class=\"lane\"/>\n", g.left,
                   y, g.plot, kCpuLane);
  }
  for (const SliceRecord& s : run.slices) {
    if (s.start >= window || s.end <= s.start || s.cpu >= cpus) continue;
    const Ticks end = std::min(s.end, window);
    const double x0 = g.x(s.start), width = std::max(0.6, g.x(end) - x0), y = s.cpu * (kCpuLane + kCpuGap);
    const std::string& name = run.names[s.task];
    const std::string_view colour = process_colour(s.task);
    append_raw(out, "<g><title>");
    append_html(out, name);
    fmt::format_to(it, " on CPU {}: {}\u2013{} ({} tick{}), {}</title>", s.cpu, s.start, s.end, s.end - s.start,
                   s.end - s.start == 1 ? "" : "s", reason_words(s.reason));
    // Bars narrower than a few pixels get no white outline, which would wash them out.
    fmt::format_to(it, "<rect x=\"{:.2f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"{:.1f}\" fill=\"{}\"{}/>", x0, y,
                   width, kCpuLane, colour, width >= 3 ? " class=\"slice\"" : "");
    if (width > kCharWidth * static_cast<double>(name.size()) + 6) {
      fmt::format_to(it, "<text x=\"{:.2f}\" y=\"{:.1f}\" class=\"in-bar{}\" text-anchor=\"middle\">", x0 + width / 2,
                     y + 15, dark_text_on(colour) ? "" : " light");
      append_html(out, name);
      append_raw(out, "</text>");
    }
    append_raw(out, "</g>\n");
  }
}

// Process lanes: the textbook picture of each process's states.
void append_state_lanes(fmt::memory_buffer& out, const ShowcaseRun& run, const GanttLayout& g, Ticks window,
                        std::string_view id) {
  auto it = std::back_inserter(out);
  for (std::size_t t = 0; t < run.names.size(); ++t) {
    const double y = g.state_top + static_cast<double>(t) * (kStateLane + kStateGap);
    fmt::format_to(it, "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label small\" text-anchor=\"end\">", g.left - 6, y + 10);
    append_html(out, run.names[t]);
    append_raw(out, "</text>");
  }
  append_raw(out, "\n");
  for (const StateSpan& s : run.spans) {
    if (s.start >= window || s.end <= s.start) continue;
    const std::string_view word = state_word(s.state);
    if (word.empty()) continue;
    const Ticks end = std::min(s.end, window);
    const double y = g.state_top + static_cast<double>(s.task) * (kStateLane + kStateGap);
    append_raw(out, "<g><title>");
    append_html(out, run.names[s.task]);
    fmt::format_to(it, ": {} {}\u2013{} ({} tick{})</title>", word, s.start, s.end, s.end - s.start,
                   s.end - s.start == 1 ? "" : "s");
    std::string fill = s.state == TaskState::Running   ? std::string(process_colour(s.task))
                       : s.state == TaskState::Ready ? std::string(kReady)
                                                     : fmt::format("url(#{}-hatch)", id);
    fmt::format_to(it, "<rect x=\"{:.2f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"{:.1f}\" fill=\"{}\"/></g>\n",
                   g.x(s.start), y, std::max(0.6, g.x(end) - g.x(s.start)), kStateLane, fill);
  }
}

}  // namespace

void append_gantt(fmt::memory_buffer& out, const ShowcaseRun& run, Ticks window, CpuId cpus, std::string_view id) {
  auto it = std::back_inserter(out);
  const GanttLayout g = layout(run, window, cpus);
  fmt::format_to(it, "<svg class=\"gantt\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\">\n", kWidth, g.height);
  fmt::format_to(it,
                 "<defs><pattern id=\"{}-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" "
                 "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"#dde8f4\"/>"
                 "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#7ea6cf\" stroke-width=\"2\"/></pattern></defs>\n",
                 id);
  append_time_axis(out, g);
  append_cpu_lanes(out, run, g, window, cpus);
  if (!run.spans.empty()) append_state_lanes(out, run, g, window, id);
  fmt::format_to(it, "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"axis\"/>\n", g.left,
                 g.axis_y, g.left + g.plot, g.axis_y);
  append_raw(out, "</svg>\n");
}

}  // namespace schedlab::report

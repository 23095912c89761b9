// CPU time per frame spent building the timeline for a run of 10^6 slices.
//
// The run: 1000 processes of 1000 CPU ticks each, round robin with a 1-tick quantum on 2
// CPUs, so 10^6 slices and about 2*10^6 transitions. A headless ImGui context (no window,
// no GPU) stands in for the app: each iteration is one frame's NewFrame, the ruler, the
// CPU lanes and the task lanes that fit in a 1600x960 window, and Render (which finalises
// the draw lists). Fitted = the whole run on screen, the worst case for level of detail;
// zoomed = 1/1000 of it. The "bars" variants time the LOD pass alone (no ImGui).
//
//   cmake -S . -B build/gui-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/gui-release --target gui_timeline_bench
//   build/gui-release/bench/gui/gui_timeline_bench
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <memory>

#include <schedlab/builtin_policies.hpp>

#include "run_session.hpp"
#include "panels/timeline_draw.hpp"

namespace schedlab::gui {
namespace {

constexpr int kProcesses = 1000;
constexpr Ticks kBurst = 1000;
constexpr float kWidth = 1600, kHeight = 960;
constexpr float kLabelW = 144, kCpuH = 25, kTaskH = 19;
constexpr int kVisibleTasks = 36;  // what fits under the CPU lanes in the app's timeline panel

const RunSession& million_slice_run() {
  static const std::shared_ptr<RunSession> run = [] {
    auto w = std::make_shared<Workload>();
    w->name = "bench: 10^6 slices";
    w->cpus = 2;
    for (int i = 0; i < kProcesses; ++i) w->add_process("p" + std::to_string(i), 0, {cpu_step(kBurst)});
    PolicyRegistry registry;
    register_builtin_policies(registry);
    auto s = run_session(std::move(w), registry, "rr:quantum=1", KernelConfig{});
    if (!s->ok() || s->model.slice_count() < 1'000'000) std::abort();
    return s;
  }();
  return *run;
}

void init_imgui() {
  static bool done = false;
  if (done) return;
  done = true;
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // As the OpenGL3 backend does: draw lists past 64k vertices split into several commands.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  io.Fonts->AddFontFromFileTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 16.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // fonts must be built before a frame
  io.DisplaySize = ImVec2(kWidth, kHeight);
  io.DeltaTime = 1.0f / 60.0f;
}

TimeAxis make_axis(const RunSession& run, bool zoomed) {
  TimeAxis axis;
  axis.set_viewport(kLabelW, kWidth - kLabelW - 16);
  const double end = static_cast<double>(run.result.end_time);
  if (zoomed) axis.show(end * 0.5, end * 0.5 + end / 1000);
  else axis.fit(0, end);
  return axis;
}

// One frame of the timeline, as timeline_view.cpp draws it (without the input handling).
void frame(const RunSession& run, const TimeAxis& axis, int tasks, TimelineScratch& scratch, std::size_t& vertices) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
  ImGui::Begin("Timeline", nullptr, ImGuiWindowFlags_NoDecoration);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x1 = axis.x0() + axis.width();
  draw_ruler(dl, axis, ImVec2(axis.x0(), 0), ImVec2(x1, 26));
  float y = 30;
  LaneDrawOptions options;
  const ImVec2 mouse(-1, -1);
  for (const Lane& lane : run.model.cpu_lanes()) {
    draw_lane(dl, lane, run.trace, axis, ImVec2(axis.x0(), y), ImVec2(x1, y + kCpuH), options, mouse, scratch);
    dl->AddText(ImVec2(6, y + 4), IM_COL32_WHITE, lane.label.c_str());
    y += kCpuH;
  }
  for (int k = 0; k < tasks; ++k) {
    const Lane& lane = run.model.task_lanes()[static_cast<std::size_t>(k)];
    draw_lane(dl, lane, run.trace, axis, ImVec2(axis.x0(), y), ImVec2(x1, y + kTaskH), options, mouse, scratch);
    dl->AddText(ImVec2(14, y + 2), IM_COL32_WHITE, lane.label.c_str());
    y += kTaskH;
  }
  ImGui::End();
  ImGui::Render();
  vertices = static_cast<std::size_t>(ImGui::GetDrawData()->TotalVtxCount);
}

void BM_TimelineFrame(benchmark::State& state) {
  const RunSession& run = million_slice_run();
  init_imgui();
  const bool zoomed = state.range(0) != 0;
  const int tasks = static_cast<int>(state.range(1));
  const TimeAxis axis = make_axis(run, zoomed);
  TimelineScratch scratch;
  std::size_t vertices = 0;
  for (auto _ : state) frame(run, axis, tasks, scratch, vertices);
  state.counters["slices"] = static_cast<double>(run.model.slice_count());
  state.counters["vertices"] = static_cast<double>(vertices);
  state.SetLabel(zoomed ? "zoomed 1/1000" : "fitted");
}
BENCHMARK(BM_TimelineFrame)->ArgsProduct({{0, 1}, {kVisibleTasks, kProcesses}})->ArgNames({"zoomed", "task_lanes"})
    ->Unit(benchmark::kMillisecond);

void BM_TimelineBars(benchmark::State& state) {
  const RunSession& run = million_slice_run();
  const bool zoomed = state.range(0) != 0;
  const TimeAxis axis = make_axis(run, zoomed);
  std::vector<Bar> bars;
  std::size_t count = 0;
  for (auto _ : state) {
    count = 0;
    for (const Lane& lane : run.model.cpu_lanes()) {
      bars.clear();
      build_bars(lane, axis, axis.x0(), axis.x0() + axis.width(), LodOptions{}, bars);
      count += bars.size();
    }
    for (int k = 0; k < kVisibleTasks; ++k) {
      bars.clear();
      build_bars(run.model.task_lanes()[static_cast<std::size_t>(k)], axis, axis.x0(), axis.x0() + axis.width(), LodOptions{}, bars);
      count += bars.size();
    }
    benchmark::DoNotOptimize(count);
  }
  state.counters["bars"] = static_cast<double>(count);
  state.SetLabel(zoomed ? "zoomed 1/1000" : "fitted");
}
BENCHMARK(BM_TimelineBars)->Arg(0)->Arg(1)->ArgName("zoomed")->Unit(benchmark::kMicrosecond);

// The one-off cost of building the view-model (lanes, indexes, series) from the trace.
void BM_BuildModel(benchmark::State& state) {
  const RunSession& run = million_slice_run();
  for (auto _ : state) {
    TimelineModel model(run.trace, run.result);
    RunIndex index(run.trace, model);
    benchmark::DoNotOptimize(index.event_times().size());
  }
  state.counters["slices"] = static_cast<double>(run.model.slice_count());
}
BENCHMARK(BM_BuildModel)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace schedlab::gui

BENCHMARK_MAIN();

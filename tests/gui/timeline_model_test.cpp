// Lanes are the kernel's trace, laid out: CPU lanes are the slices, task lanes the
// intervals between transitions; totals agree with the kernel's own accounting.
#include <gtest/gtest.h>

#include "gui_test_support.hpp"

namespace schedlab::gui {
namespace {

using test::kThree;
using test::run_yaml;

std::vector<std::pair<Ticks, Ticks>> ranges(const Lane& lane) {
  std::vector<std::pair<Ticks, Ticks>> out;
  for (const Span& s : lane.spans) out.emplace_back(s.start, s.end);
  return out;
}

TEST(TimelineModel, CpuLaneIsTheSlices) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  ASSERT_TRUE(s->ok()) << s->error;
  ASSERT_EQ(s->model.cpu_lanes().size(), 1u);
  const Lane& cpu = s->model.cpu_lanes()[0];
  using R = std::vector<std::pair<Ticks, Ticks>>;
  EXPECT_EQ(ranges(cpu), (R{{0, 4}, {4, 7}, {7, 10}, {10, 14}, {14, 18}, {18, 22}, {22, 26}, {26, 30}}));
  EXPECT_EQ(cpu.spans[1].aux, 1u);  // P2 is task 1
  EXPECT_EQ(cpu.running_until(30), 30);
}

TEST(TimelineModel, TaskLanesAreTheStatesBetweenTransitions) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const Lane& p2 = s->model.task_lanes()[1];
  EXPECT_EQ(p2.label, "P2");
  ASSERT_EQ(p2.spans.size(), 2u);
  EXPECT_EQ(p2.spans[0].kind, SpanKind::Ready);
  EXPECT_EQ(p2.spans[0].start, 0);
  EXPECT_EQ(p2.spans[0].end, 4);
  EXPECT_EQ(p2.spans[1].kind, SpanKind::Running);
  EXPECT_EQ(p2.spans[1].end, 7);
  // The span records the transitions that began and ended it.
  EXPECT_EQ(s->trace.transitions[p2.spans[1].aux].to, TaskState::Terminated);
  EXPECT_EQ(s->trace.transitions[p2.spans[0].aux].cause, Cause::Dispatch);
}

TEST(TimelineModel, TotalsMatchTheKernelsAccounting) {
  const auto s = run_yaml(R"(
cpus: 2
processes:
  - {name: A, program: [{cpu: 3}, {io: 5}, {cpu: 2}, {sleep: 4}, {cpu: 1}]}
  - {name: B, arrival: 1, burst: 9}
  - {name: C, arrival: 2, program: [{cpu: 2}, {io: 2}, {cpu: 6}]}
  - {name: D, arrival: 2, burst: 4}
)", "rr:quantum=2");
  ASSERT_TRUE(s->ok()) << s->error;
  for (const ProcessMetrics& p : s->result.processes) {
    const Lane* lane = nullptr;
    for (const Lane& l : s->model.task_lanes())
      if (l.label == p.name) lane = &l;
    ASSERT_NE(lane, nullptr);
    EXPECT_EQ(lane->running_until(s->result.end_time), p.cpu_time) << p.name;
    EXPECT_EQ(lane->ready_until(s->result.end_time), p.waiting) << p.name;
    Ticks blocked = 0;
    bool saw_io = false, saw_sleep = false;
    for (const Span& sp : lane->spans) {
      if (sp.kind == SpanKind::BlockedIo || sp.kind == SpanKind::BlockedSleep) blocked += sp.end - sp.start;
      saw_io |= sp.kind == SpanKind::BlockedIo;
      saw_sleep |= sp.kind == SpanKind::BlockedSleep;
    }
    EXPECT_EQ(blocked, p.blocked_time) << p.name;
    if (p.name == "A") {
      EXPECT_TRUE(saw_io);
      EXPECT_TRUE(saw_sleep);
    }
  }
  // Spans of a lane are sorted and never overlap (the LOD pass relies on it).
  for (const auto* lanes : {&s->model.cpu_lanes(), &s->model.task_lanes()})
    for (const Lane& l : *lanes)
      for (std::size_t i = 1; i < l.spans.size(); ++i) EXPECT_LE(l.spans[i - 1].end, l.spans[i].start);
}

TEST(TimelineModel, MarkersForExitsAndPreemptions) {
  const auto s = run_yaml(R"(
processes:
  - {name: low, priority: 5, burst: 10}
  - {name: high, arrival: 3, priority: 1, burst: 2}
)", "priority:preemptive=1");
  ASSERT_TRUE(s->ok()) << s->error;
  const Lane& low = s->model.task_lanes()[0];
  bool preempted = false, exited = false;
  for (const Marker& m : low.markers) {
    preempted |= m.kind == MarkerKind::Preempt && m.time == 3;
    exited |= m.kind == MarkerKind::Exit && m.time == 12;
  }
  EXPECT_TRUE(preempted);
  EXPECT_TRUE(exited);
  EXPECT_NE(describe_marker(s->trace, low.markers.front()).find("preempted"), std::string::npos);
}

TEST(TimelineModel, ARunStoppedAtALimitKeepsItsRunningSlice) {
  auto w = std::make_shared<const Workload>(load_workload_string(kThree, "t.yaml"));
  KernelConfig config;
  config.until = 12;
  const auto s = run_session(w, test::registry(), "rr:quantum=4", config);
  ASSERT_TRUE(s->ok()) << s->error;
  EXPECT_EQ(s->result.status, RunStatus::LimitReached);
  const Lane& cpu = s->model.cpu_lanes()[0];
  ASSERT_FALSE(cpu.spans.empty());
  EXPECT_EQ(cpu.spans.back().start, 10);  // P1's slice from 10, cut by the limit at 12
  EXPECT_EQ(cpu.spans.back().end, 12);
  EXPECT_EQ(cpu.spans.back().ref, kNoRef);
  EXPECT_NE(describe_span(s->trace, cpu, cpu.spans.back()).find("still running"), std::string::npos);
}

TEST(TimelineModel, TooltipsSayWhySomethingEnded) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const Lane& cpu = s->model.cpu_lanes()[0];
  const std::string text = describe_span(s->trace, cpu, cpu.spans[0]);
  EXPECT_NE(text.find("P1"), std::string::npos);
  EXPECT_NE(text.find("quantum_expired"), std::string::npos);
  const std::string task = describe_span(s->trace, s->model.task_lanes()[1], s->model.task_lanes()[1].spans[1]);
  EXPECT_NE(task.find("terminated"), std::string::npos) << task;
}

TEST(SpanKind, ClassifiesByStateAndCause) {
  EXPECT_EQ(classify(TaskState::Running, Cause::Dispatch), SpanKind::Running);
  EXPECT_EQ(classify(TaskState::Ready, Cause::Preempted), SpanKind::Ready);
  EXPECT_EQ(classify(TaskState::Blocked, Cause::Io), SpanKind::BlockedIo);
  EXPECT_EQ(classify(TaskState::Blocked, Cause::Sleep), SpanKind::BlockedSleep);
  EXPECT_EQ(classify(TaskState::Terminated, Cause::Exited), SpanKind::Count);
  // Every kind has a legend entry with a distinct colour.
  for (std::size_t a = 0; a < kSpanKindCount; ++a)
    for (std::size_t b = a + 1; b < kSpanKindCount; ++b)
      EXPECT_NE(style(static_cast<SpanKind>(a)).color, style(static_cast<SpanKind>(b)).color);
}

}  // namespace
}  // namespace schedlab::gui

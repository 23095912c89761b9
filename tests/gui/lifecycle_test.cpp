// Processes, threads, locks, zombies and deadlocks as the GUI reads them, on a trace
// written by hand (so these tests do not depend on which workload steps the loader
// accepts yet): what each record becomes on screen.
#include <gtest/gtest.h>

#include "playhead.hpp"
#include "timeline_model.hpp"

namespace schedlab::gui {
namespace {

// parent (task 0, pid 2) forks child (task 1, pid 3) and starts thread parent/worker
// (task 2, pid 2) at t=2; parent blocks on a lock at 3 that child hands over at 5 when
// it exits; child is a zombie until parent reaps it at 8; the run deadlocks at 10.
struct HandMadeRun {
  GuiTrace trace;
  RunResult result;
  HandMadeRun() {
    trace.tasks = {{0, 2, 1, "parent", 0, false}, {1, 3, 2, "child", 2, false}, {2, 2, 1, "parent/worker", 2, true}};
    using S = TaskState;
    trace.transitions = {
        {0, 0, S::New, S::Ready, Cause::Arrival},        {0, 0, S::Ready, S::Running, Cause::Dispatch},
        {2, 1, S::New, S::Ready, Cause::Spawned},        {2, 2, S::New, S::Ready, Cause::Spawned},
        {3, 0, S::Running, S::Blocked, Cause::Lock},     {3, 1, S::Ready, S::Running, Cause::Dispatch},
        {5, 1, S::Running, S::Terminated, Cause::Exited}, {5, 0, S::Blocked, S::Ready, Cause::Granted},
        {5, 0, S::Ready, S::Running, Cause::Dispatch},   {9, 0, S::Running, S::Blocked, Cause::Wait},
        {9, 2, S::Ready, S::Running, Cause::Dispatch},   {10, 2, S::Running, S::Blocked, Cause::Lock},
    };
    trace.slices = {{0, 0, 0, 3, StopReason::Blocked}, {1, 0, 3, 5, StopReason::Exited},
                    {0, 0, 5, 9, StopReason::Blocked}, {2, 0, 9, 10, StopReason::Blocked}};
    trace.instants = {
        {2, InstantKind::Fork, 0, 1, 3, "child"},
        {2, InstantKind::ThreadStart, 0, 2, 2, "worker"},
        {5, InstantKind::Exit, 1, kNoTask, 0, "exited"},
        {5, InstantKind::Handoff, 1, 0, 0, "mutex m"},
        {5, InstantKind::ProcessEnd, 1, kNoTask, 3, "code 0 (exited)"},
        {8, InstantKind::Reap, 0, 1, 3, ""},
        {10, InstantKind::Deadlock, 0, kNoTask, 0, "parent waits for worker, worker waits for mutex m held by parent"},
    };
    result.cpus = 1;
    result.end_time = 10;
    result.status = RunStatus::Deadlock;
  }
};

TEST(Lifecycle, LocksAndWaitsAreBlockedOnSync) {
  HandMadeRun run;
  const TimelineModel model(run.trace, run.result);
  const Lane& parent = model.task_lanes()[0];
  const std::size_t k = parent.span_at(4);
  ASSERT_LT(k, parent.spans.size());
  EXPECT_EQ(parent.spans[k].kind, SpanKind::BlockedSync);
  const std::string text = describe_span(run.trace, parent, parent.spans[k]);
  EXPECT_NE(text.find("lock"), std::string::npos) << text;
  EXPECT_NE(text.find("granted"), std::string::npos) << text;
}

TEST(Lifecycle, AZombieLastsFromProcessEndToReap) {
  HandMadeRun run;
  const TimelineModel model(run.trace, run.result);
  const RunIndex index(run.trace, model);
  const Lane& child = model.task_lanes()[1];
  ASSERT_FALSE(child.spans.empty());
  EXPECT_EQ(child.spans.back().kind, SpanKind::Zombie);
  EXPECT_EQ(child.spans.back().start, 5);
  EXPECT_EQ(child.spans.back().end, 8);
  EXPECT_NE(describe_span(run.trace, child, child.spans.back()).find("reaped by parent"), std::string::npos);
  const TaskAt at6 = index.task_at(1, 6);
  EXPECT_EQ(at6.state, TaskState::Terminated);
  EXPECT_EQ(at6.kind, SpanKind::Zombie);
  EXPECT_EQ(index.task_at(1, 8).kind, SpanKind::Count);  // reaped: gone
}

TEST(Lifecycle, ForksThreadsAndDeadlockAreMarked) {
  HandMadeRun run;
  const TimelineModel model(run.trace, run.result);
  int forks = 0;
  for (const Marker& m : model.task_lanes()[0].markers) forks += m.kind == MarkerKind::Fork && m.time == 2;
  EXPECT_EQ(forks, 2);  // the fork and the thread start, on the parent's lane
  for (const Lane& l : model.task_lanes())
    for (const Marker& m : l.markers) EXPECT_NE(m.kind, MarkerKind::Deadlock) << "deadlock belongs to the whole run";
  ASSERT_EQ(model.global_markers().size(), 1u);
  EXPECT_EQ(model.global_markers()[0].kind, MarkerKind::Deadlock);
  EXPECT_NE(describe_marker(run.trace, model.global_markers()[0]).find("mutex m"), std::string::npos);
}

TEST(Lifecycle, ThreadsSitUnderTheirProcess) {
  HandMadeRun run;
  const TimelineModel model(run.trace, run.result);
  EXPECT_EQ(model.task_order(), (std::vector<TaskId>{0, 2, 1}));
  EXPECT_EQ(model.row_of(1), 2u);
  EXPECT_TRUE(model.task_lanes()[2].thread);
  EXPECT_FALSE(model.task_lanes()[1].thread);
}

TEST(Lifecycle, AWaitSaysWhoEndedItAndWhatFor) {
  HandMadeRun run;
  const TimelineModel model(run.trace, run.result);
  const RunIndex index(run.trace, model);
  const TaskAt at = index.task_at(0, 4);
  EXPECT_EQ(at.state, TaskState::Blocked);
  const std::string text = index.wait_detail(at);
  EXPECT_NE(text.find("lock since 3, until 5"), std::string::npos) << text;
  EXPECT_NE(text.find("handoff by child: mutex m"), std::string::npos) << text;
  const TaskAt stuck = index.task_at(2, 10);
  EXPECT_NE(index.wait_detail(stuck).find("still waiting"), std::string::npos);
}

}  // namespace
}  // namespace schedlab::gui

// The state at the playhead, reconstructed from the trace, and stepping between events.
#include <gtest/gtest.h>

#include "gui_test_support.hpp"

namespace schedlab::gui {
namespace {

using test::kThree;
using test::run_yaml;

TEST(Playhead, StatesAndCountsAtT) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const PlayheadState at5 = state_at(s->trace, s->model, s->index, 5);
  EXPECT_EQ(at5.tasks[0].state, TaskState::Ready);
  EXPECT_EQ(at5.tasks[1].state, TaskState::Running);
  EXPECT_EQ(at5.tasks[1].cpu, 0u);
  EXPECT_EQ(at5.tasks[2].state, TaskState::Ready);
  EXPECT_EQ(at5.running_on, std::vector<TaskId>{1});
  EXPECT_EQ(at5.state_counts[static_cast<int>(TaskState::Ready)], 2u);
  EXPECT_EQ(at5.state_counts[static_cast<int>(TaskState::Running)], 1u);
  EXPECT_EQ(at5.last_transition_time, 4);

  const PlayheadState at8 = state_at(s->trace, s->model, s->index, 8);
  EXPECT_EQ(at8.tasks[1].state, TaskState::Terminated);
  EXPECT_EQ(at8.tasks[2].state, TaskState::Running);
  EXPECT_EQ(at8.state_counts[static_cast<int>(TaskState::Terminated)], 1u);
}

TEST(Playhead, EventsAtTheInstantHaveHappened) {
  // At t=7 P2 has ended and P3 was dispatched: like `schedlab run --until 7`.
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const PlayheadState at7 = state_at(s->trace, s->model, s->index, 7);
  EXPECT_EQ(at7.tasks[1].state, TaskState::Terminated);
  EXPECT_EQ(at7.tasks[2].state, TaskState::Running);
  EXPECT_EQ(at7.last_transition_time, 7);
  ASSERT_GE(at7.last_transitions.size(), 2u);  // P2 -> Terminated, P3 -> Running
  bool saw_exit = false, saw_dispatch = false;
  for (std::uint32_t i : at7.last_transitions) {
    saw_exit |= s->trace.transitions[i].to == TaskState::Terminated;
    saw_dispatch |= s->trace.transitions[i].to == TaskState::Running;
  }
  EXPECT_TRUE(saw_exit);
  EXPECT_TRUE(saw_dispatch);
}

TEST(Playhead, TimesUpToThePlayhead) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const TaskAt p1 = s->index.task_at(0, 12);
  EXPECT_EQ(p1.cpu_time, 4 + 2);  // 0-4 and 10-12
  EXPECT_EQ(p1.waiting, 6);       // 4-10
  EXPECT_EQ(p1.first_run, 0);
  const TaskAt p3 = s->index.task_at(2, 5);
  EXPECT_EQ(p3.first_run, -1);  // not yet run at t=5
  EXPECT_EQ(p3.since, 0);
  EXPECT_EQ(p3.until, 7);
}

// An orphan's parent is init from the instant its parent ends, not before; its threads
// follow their process. (The table used to show the creation-time parent forever.)
TEST(Playhead, AnOrphansParentBecomesInitWhenItsParentEnds) {
  const auto s = run_yaml(R"(
processes:
  - name: parent
    program:
      - fork: {name: child, program: [{thread: {name: t, program: [{cpu: 4}]}}, {cpu: 4}]}
      - cpu: 1
)", "fcfs");
  // parent (task 0, pid 2) runs 0-1 and ends at 1; child (task 1, pid 3) and t (task 2).
  EXPECT_EQ(s->index.task_at(1, 0).ppid, 2);
  EXPECT_EQ(s->index.task_at(1, 1).ppid, 1);
  EXPECT_EQ(s->index.task_at(2, 1).ppid, 1);
  EXPECT_EQ(s->index.task_at(0, 1).ppid, 1);  // the parent itself: a child of init all along
}

TEST(Playhead, StepsBetweenEvents) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  EXPECT_EQ(s->index.next_event(0), 4);
  EXPECT_EQ(s->index.next_event(4), 7);
  EXPECT_EQ(s->index.next_event(5), 7);
  EXPECT_EQ(s->index.previous_event(7), 4);
  EXPECT_EQ(s->index.previous_event(0), 0);  // nothing earlier: stay
  EXPECT_EQ(s->index.next_event(30), 30);    // nothing later: stay
}

TEST(Playhead, NoTransitionYet) {
  const auto s = run_yaml(R"(
processes:
  - {name: late, arrival: 10, burst: 2}
)", "fcfs");
  const PlayheadState at3 = state_at(s->trace, s->model, s->index, 3);
  EXPECT_EQ(at3.tasks[0].state, TaskState::New);
  EXPECT_EQ(at3.last_transition_time, -1);
  EXPECT_EQ(at3.running_on, std::vector<TaskId>{kNoTask});
}

TEST(QueuesAtPlayhead, AskTheKernelByReRunningToT) {
  const auto s = run_yaml(kThree, "rr:quantum=4");
  const QueueSnapshot q = queues_at(*s, 5);
  ASSERT_EQ(q.queues.size(), 1u);
  // P1's quantum ran out at 4: it went to the tail, behind P3.
  EXPECT_EQ(q.queues[0].tasks, (std::vector<TaskId>{2, 0}));
  EXPECT_TRUE(queues_at(*s, 30).queues.at(0).tasks.empty());
}

}  // namespace
}  // namespace schedlab::gui

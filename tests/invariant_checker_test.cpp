// The invariant checker itself, fed records that a correct kernel never sends: each rule
// must trip with its own message (the kernel tests only ever show that it stays quiet).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <schedlab/errors.hpp>

#include "trace/invariant_checker.hpp"

namespace schedlab::test {
namespace {

using detail::InvariantChecker;
using ::testing::HasSubstr;

// Feeds a checker: two processes (pid 2: tasks 0 and 1, a main thread and a thread;
// pid 3: task 2), one CPU unless told otherwise.
struct Feed {
  InvariantChecker checker;
  explicit Feed(CpuId cpus = 1) : checker(cpus) {
    checker.on_task_created(TaskRecord{0, 2, 1, "p", 0, false});
    checker.on_task_created(TaskRecord{1, 2, 1, "p/t", 0, true});
    checker.on_task_created(TaskRecord{2, 3, 1, "q", 0, false});
  }
  void move(Ticks t, TaskId task, TaskState from, TaskState to) {
    checker.on_transition(TransitionRecord{t, task, from, to, Cause::Arrival});
  }
  void dispatch(Ticks t, TaskId task, CpuId cpu) {
    move(t, task, TaskState::Ready, TaskState::Running);
    checker.on_dispatch(t, task, cpu);
  }
  void stop(Ticks start, Ticks end, TaskId task, CpuId cpu, TaskState to) {
    checker.on_slice(SliceRecord{task, cpu, start, end, StopReason::BurstDone, 0});
    move(end, task, TaskState::Running, to);
  }
};

std::string violation(const std::function<void()>& f) {
  try {
    f();
  } catch (const InvariantError& e) {
    return e.what();
  }
  return "no violation";
}

TEST(InvariantChecker, TwoTasksOnOneCpu) {
  Feed f;
  f.move(0, 0, TaskState::New, TaskState::Ready);
  f.move(0, 2, TaskState::New, TaskState::Ready);
  f.dispatch(0, 0, 0);
  EXPECT_EQ(violation([&] { f.dispatch(0, 2, 0); }),
            "invariant violated at t=0: task 2 dispatched on CPU 0 which runs task 0");
}

TEST(InvariantChecker, RunningWithoutACpuBetweenInstants) {
  Feed f;
  f.move(0, 0, TaskState::New, TaskState::Ready);
  f.move(0, 0, TaskState::Ready, TaskState::Running);  // no dispatch record
  EXPECT_EQ(violation([&] { f.move(1, 2, TaskState::New, TaskState::Ready); }),
            "invariant violated at t=0: 1 tasks are Running but 0 CPUs are occupied");
}

TEST(InvariantChecker, IllegalTransitionAndWrongFromState) {
  Feed f;
  EXPECT_EQ(violation([&] { f.move(0, 0, TaskState::New, TaskState::Blocked); }),
            "invariant violated at t=0: task 0: illegal transition new -> blocked");
  Feed g;
  EXPECT_EQ(violation([&] { g.move(0, 0, TaskState::Ready, TaskState::Running); }),
            "invariant violated at t=0: task 0 moves from ready but is new");
}

TEST(InvariantChecker, TimeNeverGoesBack) {
  Feed f;
  f.move(5, 0, TaskState::New, TaskState::Ready);
  EXPECT_EQ(violation([&] { f.move(4, 2, TaskState::New, TaskState::Ready); }),
            "invariant violated at t=5: time went back to 4");
}

TEST(InvariantChecker, AZombieNeverRunsAgain) {
  Feed f;
  f.move(0, 2, TaskState::New, TaskState::Ready);
  f.dispatch(0, 2, 0);
  f.stop(0, 3, 2, 0, TaskState::Terminated);
  EXPECT_THAT(violation([&] { f.dispatch(4, 2, 0); }), HasSubstr("task 2 moves from ready but is terminated"));
}

TEST(InvariantChecker, AThreadNeverOutlivesItsProcess) {
  Feed f;
  f.move(0, 0, TaskState::New, TaskState::Ready);
  f.move(0, 1, TaskState::New, TaskState::Ready);
  f.dispatch(0, 0, 0);
  f.stop(0, 2, 0, 0, TaskState::Terminated);
  EXPECT_EQ(violation([&] {
              f.checker.on_instant(InstantRecord{2, InstantKind::ProcessEnd, 0, kNoTask, 2, "code 0"});
            }),
            "invariant violated at t=2: process 2 ended with 1 of its threads still alive");
}

TEST(InvariantChecker, AKilledTaskLeavesItsCpuFirst) {
  Feed f;
  f.move(0, 2, TaskState::New, TaskState::Ready);
  f.dispatch(0, 2, 0);
  // Terminated while the CPU still holds it: no slice ended first.
  EXPECT_EQ(violation([&] { f.move(1, 2, TaskState::Running, TaskState::Terminated); }),
            "invariant violated at t=1: task 2 left Running while still on CPU 0");
}

TEST(InvariantChecker, AccountingIdentity) {
  Feed f;
  f.move(0, 2, TaskState::New, TaskState::Ready);
  f.dispatch(1, 2, 0);
  f.stop(1, 4, 2, 0, TaskState::Terminated);
  RunResult r;
  r.end_time = 4;
  ProcessMetrics q;
  q.pid = 3;
  q.name = "q";
  q.cpu_time = 3;
  q.waiting = 2;  // the trace says 1
  r.processes.push_back(q);
  EXPECT_EQ(violation([&] { f.checker.on_finish(r); }),
            "invariant violated at t=4: process 3 (q): kernel reports cpu 3 waiting 2 blocked 0, trace says 3 1 0");
  r.processes[0].waiting = 1;
  EXPECT_EQ(violation([&] { f.checker.on_finish(r); }), "no violation");
}

}  // namespace
}  // namespace schedlab::test

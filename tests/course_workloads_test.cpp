// The course scenarios in workloads/course/: each file's header comment promises an outcome
// (a lost update, a deadlock, a cure); these tests hold the files to it, under the command
// the header gives.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <schedlab/workload_loader.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

Outcome run_course(const std::string& name, const std::string& policy, CpuId cpus = 0) {
  return run_policy(load_workload_file(source_path("workloads/course/" + name + ".yaml")), policy, cpus);
}

TEST(CourseWorkloads, CounterLosesUpdatesWithoutALockAndNotWithOne) {
  const Outcome unlocked = run_course("counter-unlocked", "rr:quantum=2");
  EXPECT_EQ(unlocked.variable("counter"), 80);  // 100 decrements, only 20 of them kept
  const Outcome locked = run_course("counter-locked", "rr:quantum=2");
  EXPECT_EQ(locked.variable("counter"), 0);
  EXPECT_GT(locked.result.makespan, 0);
}

TEST(CourseWorkloads, TicketsAreOversoldWithoutALock) {
  const Outcome unlocked = run_course("tickets-unlocked", "rr:quantum=3");
  EXPECT_EQ(unlocked.variable("tickets"), -2);
  EXPECT_THAT(unlocked.printed(false),
              ElementsAre("buyer1: tickets = -2", "buyer2: tickets = -2", "buyer3: tickets = -2"));
  for (const char* policy : {"rr:quantum=1", "rr:quantum=3", "fcfs", "srtf"}) {
    const Outcome locked = run_course("tickets-locked", policy);
    EXPECT_EQ(locked.variable("tickets"), 0) << policy;
    EXPECT_THAT(locked.printed(false), ElementsAre("buyer1: tickets = 0")) << policy;
  }
}

TEST(CourseWorkloads, OppositeLockOrderDeadlocksAndTheFixCompletes) {
  const Outcome dead = run_course("deadlock", "rr:quantum=1");
  ASSERT_EQ(dead.result.status, RunStatus::Deadlock);
  ASSERT_TRUE(dead.result.deadlock.has_value());
  EXPECT_EQ(dead.result.deadlock->cycle.size(), 2u);
  EXPECT_EQ(run_course("deadlock-fixed", "rr:quantum=1").result.status, RunStatus::Completed);
}

TEST(CourseWorkloads, RelockingAPlainLockDeadlocksOnItself) {
  const Outcome o = run_course("lock-vs-rlock", "fcfs");
  ASSERT_EQ(o.result.status, RunStatus::Deadlock);
  ASSERT_EQ(o.result.deadlock->cycle.size(), 1u);
  EXPECT_EQ(o.result.deadlock->cycle[0].task_name, "plain");
  EXPECT_EQ(o.process("reentrant").exit_reason, ExitReason::Exited);
}

TEST(CourseWorkloads, PriorityInheritanceCuresTheInversion) {
  EXPECT_EQ(run_course("priority-inversion", "priority:preemptive=1").process("high").completion, 15);
  EXPECT_EQ(run_course("priority-inheritance", "priority:preemptive=1").process("high").completion, 5);
}

TEST(CourseWorkloads, ForkBombIsContainedByTheProcessLimit) {
  const Outcome o = run_course("fork-bomb", "rr:quantum=1");
  EXPECT_EQ(o.result.status, RunStatus::Completed);
  EXPECT_EQ(o.result.forks_failed, 138u);
}

TEST(CourseWorkloads, DaemonsDieWithTheirParent) {
  const Outcome p = run_course("daemon-process", "rr:quantum=2");
  EXPECT_EQ(p.process("log-shipper").exit_code, -9);
  EXPECT_EQ(p.process("log-shipper").exit_reason, ExitReason::Killed);
  EXPECT_EQ(p.process("job").exit_reason, ExitReason::Exited);
  const Outcome t = run_course("daemon-thread", "rr:quantum=2");
  ASSERT_EQ(t.process("app").threads.size(), 3u);
  EXPECT_EQ(t.process("app").threads[1].exit_reason, ExitReason::Exited);  // worker
  EXPECT_EQ(t.process("app").threads[2].exit_reason, ExitReason::Killed);  // heartbeat (daemon)
}

TEST(CourseWorkloads, CoroutinesOverlapWaitsOnlyWithAwaitIo) {
  EXPECT_EQ(run_course("coroutines-gevent", "fcfs").result.makespan, 15);
  EXPECT_EQ(run_course("coroutines-blocking-io", "fcfs").result.makespan, 48);
  EXPECT_EQ(run_course("coroutines-greenlet", "fcfs").result.status, RunStatus::Completed);
}

TEST(CourseWorkloads, QueueOrders) {
  std::vector<std::string> lines = run_course("queue-orders", "fcfs").printed(false);
  ASSERT_EQ(lines.size(), 15u);
  EXPECT_THAT(std::vector<std::string>(lines.begin(), lines.begin() + 5),
              ElementsAre("fifo-user: x = 5", "fifo-user: x = 3", "fifo-user: x = 4", "fifo-user: x = 1",
                          "fifo-user: x = 2"));
  EXPECT_THAT(std::vector<std::string>(lines.begin() + 5, lines.begin() + 10),
              ElementsAre("lifo-user: x = 2", "lifo-user: x = 1", "lifo-user: x = 4", "lifo-user: x = 3",
                          "lifo-user: x = 5"));
  EXPECT_THAT(std::vector<std::string>(lines.begin() + 10, lines.end()),
              ElementsAre("prio-user: x = 1", "prio-user: x = 2", "prio-user: x = 3", "prio-user: x = 4",
                          "prio-user: x = 5"));
}

TEST(CourseWorkloads, WorkerPoolIsConcurrentOnOneCpuAndParallelOnFour) {
  EXPECT_EQ(run_course("worker-pool", "rr:quantum=2", 1).result.makespan, 60);
  EXPECT_EQ(run_course("worker-pool", "rr:quantum=2", 4).result.makespan, 15);
}

TEST(CourseWorkloads, ThreadsAreCheaperThanProcesses) {
  KernelConfig config;
  config.switch_cost = 2;
  config.thread_switch_cost = 1;
  const Workload w = load_workload_file(source_path("workloads/course/process-vs-thread.yaml"));
  const Outcome o = run_policy_with(w, "rr:quantum=2", config);
  EXPECT_LT(o.process("with-threads").completion, o.process("with-processes").completion);
}

TEST(CourseWorkloads, EveryOtherScenarioCompletes) {
  for (const char* name : {"fork-and-wait", "process-tree", "joinable-queue", "producer-consumer"}) {
    const Outcome o = run_course(name, "rr:quantum=2");
    EXPECT_EQ(o.result.status, RunStatus::Completed) << name;
    for (const ProcessMetrics& p : o.result.processes) EXPECT_NE(p.exit_reason, ExitReason::None) << name;
  }
}

}  // namespace
}  // namespace schedlab::test

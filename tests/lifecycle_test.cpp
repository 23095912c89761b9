// The process lifecycle, threads and coroutines (issue 4), with hand-computed schedules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

// The "send mail to 2 people, then say all done" case: fork, then wait for the children.
TEST(Lifecycle, ForkThenWaitForChildren) {
  const Outcome o = run_yaml(R"(
processes:
  - name: main
    program:
      - cpu: 1
      - fork: {name: mail1, program: [{cpu: 2}, {io: 5}, {cpu: 1}]}
      - fork: {name: mail2, program: [{cpu: 2}, {io: 5}, {cpu: 1}]}
      - wait: children
      - cpu: 1
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("main@0:0-1", "mail1@0:1-3", "mail2@0:3-5", "mail1@0:8-9", "mail2@0:10-11",
                                     "main@0:11-12"));
  const ProcessMetrics& mail1 = o.process("mail1");
  EXPECT_EQ(mail1.pid, 3);
  EXPECT_EQ(mail1.ppid, 2);
  EXPECT_EQ(mail1.arrival, 1);
  EXPECT_EQ(mail1.completion, 9);
  EXPECT_EQ(o.process("mail2").completion, 11);
  EXPECT_EQ(o.process("main").completion, 12);
  EXPECT_EQ(o.process("main").exit_reason, ExitReason::Exited);
}

TEST(Lifecycle, ZombieUntilTheParentEndsThenReapedByInit) {
  const std::string yaml = R"(
processes:
  - name: parent
    program: [{fork: {name: child, program: [{cpu: 2}]}}, {sleep: 5}, {cpu: 3}]
)";
  const Workload w = workload_from_yaml(yaml);
  const Outcome mid = run_policy(w, "fcfs", 0, 1, /*until=*/3);
  EXPECT_EQ(mid.process("child").state, ProcessState::Zombie);
  EXPECT_EQ(mid.process("child").completion, 2);
  EXPECT_EQ(mid.process("parent").state, ProcessState::Blocked);
  const Outcome end = run_policy(w, "fcfs");
  EXPECT_EQ(end.process("child").state, ProcessState::Ended);
  EXPECT_EQ(end.process("child").ppid, 1);  // adopted by init when the parent ended
  EXPECT_EQ(end.process("parent").completion, 8);
  bool reaped_by_init = false;
  for (const InstantRecord& i : end.trace.instants)
    if (i.kind == InstantKind::Reap && i.value == 3) reaped_by_init = i.task == kNoTask && i.time == 8;
  EXPECT_TRUE(reaped_by_init);
}

TEST(Lifecycle, WaitReapsAndReturnsTheExitCode) {
  const Outcome o = run_yaml(R"(
processes:
  - name: parent
    program:
      - fork: {name: child, program: [{cpu: 2}, {exit: 7}]}
      - wait: child
      - cpu: 1
)", "fcfs");
  EXPECT_EQ(o.process("child").exit_code, 7);
  EXPECT_EQ(o.process("child").completion, 2);
  EXPECT_EQ(o.process("parent").completion, 3);
}

TEST(Lifecycle, OrphansAreAdoptedByInit) {
  const Outcome o = run_yaml(R"(
processes:
  - name: parent
    program: [{fork: {name: orphan, program: [{sleep: 10}, {cpu: 1}]}}, {cpu: 2}]
)", "fcfs");
  EXPECT_EQ(o.process("parent").completion, 2);
  EXPECT_EQ(o.process("orphan").ppid, 1);
  EXPECT_EQ(o.process("orphan").completion, 13);  // it starts when the parent is done (fcfs)
  // The adoption is in the trace, at the instant the parent ends (the GUI's ppid reads it).
  std::vector<std::string> adoptions;
  for (const InstantRecord& i : o.trace.instants)
    if (i.kind == InstantKind::Reparent)
      adoptions.push_back(std::to_string(i.time) + " " + o.trace.tasks[i.task].name + " from " +
                          o.trace.tasks[i.other].name + " to " + std::to_string(i.value));
  EXPECT_THAT(adoptions, ElementsAre("2 orphan from parent to 1"));
}

TEST(Lifecycle, DaemonChildDiesWhenTheParentsProgramEnds) {
  const Outcome o = run_yaml(R"(
processes:
  - name: parent
    program:
      - fork: {name: daemon, daemon: true, program: [{cpu: 100}]}
      - fork: {name: normal, program: [{cpu: 3}]}
      - cpu: 2
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("parent@0:0-2", "normal@0:2-5"));
  EXPECT_EQ(o.process("daemon").completion, 2);
  EXPECT_EQ(o.process("daemon").exit_reason, ExitReason::Killed);
  EXPECT_EQ(o.process("daemon").exit_code, -9);
  EXPECT_EQ(o.process("normal").exit_reason, ExitReason::Exited);
}

TEST(Lifecycle, ThreadsJoinAndDaemonThreadsEndWithTheProcess) {
  const Outcome o = run_yaml(R"(
processes:
  - name: app
    program:
      - thread: {name: worker, program: [{cpu: 3}]}
      - thread: {name: logger, daemon: true, program: [{repeat: {times: forever, program: [{cpu: 1}, {sleep: 4}]}}]}
      - cpu: 2
      - join: worker
      - cpu: 1
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("app@0:0-2", "app/worker@0:2-5", "app/logger@0:5-6", "app@0:6-7"));
  const ProcessMetrics& app = o.process("app");
  EXPECT_EQ(app.completion, 7);
  EXPECT_EQ(app.cpu_time, 7);
  ASSERT_EQ(app.threads.size(), 3u);
  EXPECT_EQ(app.threads[2].name, "app/logger");
  EXPECT_EQ(app.threads[2].exit_reason, ExitReason::Killed);
  EXPECT_EQ(app.threads[2].completion, 7);
  EXPECT_EQ(app.threads[1].completion, 5);
}

TEST(Lifecycle, ANonDaemonThreadKeepsTheProcessAlive) {
  const Outcome o = run_yaml(R"(
processes:
  - name: app
    program: [{thread: {name: slow, program: [{sleep: 10}, {cpu: 1}]}}, {cpu: 1}]
)", "fcfs");
  EXPECT_EQ(o.process("app").completion, 12);  // main 0-1, slow sleeps 1-11 and runs 11-12
}

TEST(Lifecycle, KillRemovesAReadyProcess) {
  const Outcome o = run_yaml(R"(
processes:
  - name: victim
    burst: 20
  - name: killer
    arrival: 3
    program: [{cpu: 1}, {kill: victim}, {cpu: 1}]
)", "rr:quantum=2");
  EXPECT_THAT(o.gantt(), ElementsAre("victim@0:0-2", "victim@0:2-4", "killer@0:4-6"));  // kill takes no time
  const ProcessMetrics& v = o.process("victim");
  EXPECT_EQ(v.completion, 5);
  EXPECT_EQ(v.exit_code, -15);
  EXPECT_EQ(v.exit_reason, ExitReason::Killed);
  EXPECT_EQ(v.cpu_time, 4);
}

TEST(Lifecycle, KillARunningProcessOnAnotherCpu) {
  const Outcome o = run_yaml(R"(
cpus: 2
processes:
  - name: victim
    burst: 20
  - name: killer
    program: [{cpu: 3}, {kill: {target: victim, signal: KILL}}]
)", "fcfs");
  EXPECT_EQ(o.process("victim").completion, 3);
  EXPECT_EQ(o.process("victim").exit_code, -9);
  EXPECT_EQ(o.process("victim").cpu_time, 3);
}

TEST(Lifecycle, ExitFailAndFaultCodes) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: ok, program: [{cpu: 1}, {exit: 3}, {cpu: 5}]}
  - {name: bad, program: [{cpu: 1}, {fail: "no such file"}]}
  - {name: crash, program: [{cpu: 1}, {fault: segv}]}
  - {name: divide, program: [{fault: div0}]}
)", "fcfs");
  EXPECT_EQ(o.process("ok").exit_code, 3);
  EXPECT_EQ(o.process("ok").completion, 1);
  EXPECT_EQ(o.process("bad").exit_code, 1);
  EXPECT_EQ(o.process("bad").exit_reason, ExitReason::Error);
  EXPECT_EQ(o.process("crash").exit_code, -11);
  EXPECT_EQ(o.process("crash").exit_reason, ExitReason::Fault);
  EXPECT_EQ(o.process("divide").exit_code, -8);
}

TEST(Lifecycle, SleepIsNotIo) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: a, program: [{cpu: 1}, {sleep: 4}, {cpu: 1}, {io: 3}, {cpu: 1}]}
)", "fcfs");
  EXPECT_EQ(o.process("a").io_time, 3);
  EXPECT_EQ(o.process("a").blocked_time, 7);
}

TEST(Lifecycle, ForkBombEndsCleanlyAtTheProcessLimit) {
  const Outcome o = run_yaml(R"(
limits: {max_processes: 5}
programs:
  bomb: [{cpu: 1}, {fork: {name: bomb, program: bomb}}, {fork: {name: bomb, program: bomb}}, {wait: children}]
processes:
  - {name: bomb, program: bomb}
)", "rr:quantum=1");
  EXPECT_EQ(o.result.status, RunStatus::Completed);
  EXPECT_GT(o.result.forks_failed, 0u);
  // Never more than the limit alive (ended but not reaped counts) at once.
  long alive = 1, most = 1;
  for (const InstantRecord& i : o.trace.instants) {
    if (i.kind == InstantKind::Fork) most = std::max(most, ++alive);
    if (i.kind == InstantKind::Reap) --alive;
  }
  EXPECT_EQ(most, 5);
  EXPECT_EQ(alive, 0);
}

TEST(Coroutines, AwaitIoLetsTheOthersRun) {
  const Outcome o = run_yaml(R"(
processes:
  - name: server
    program:
      - coroutines:
          - {name: a, program: [{cpu: 1}, {await_io: 5}, {cpu: 1}]}
          - {name: b, program: [{cpu: 2}, {await_io: 3}, {cpu: 1}]}
      - cpu: 1
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("server@0:0-3", "server@0:6-9"));
  const ProcessMetrics& s = o.process("server");
  EXPECT_EQ(s.completion, 9);
  EXPECT_EQ(s.cpu_time, 6);
  EXPECT_EQ(s.io_time, 3);
}

TEST(Coroutines, APlainIoBlocksTheWholeThread) {
  const Outcome o = run_yaml(R"(
processes:
  - name: server
    program:
      - coroutines:
          - {name: a, program: [{cpu: 1}, {io: 5}, {cpu: 1}]}
          - {name: b, program: [{cpu: 2}, {await_io: 3}, {cpu: 1}]}
)", "fcfs");
  // a's io blocks the thread 1-6 with b inside it; then a finishes (6-7), b runs 7-9,
  // awaits 3 with nobody else to run (the thread waits 9-12), and ends 12-13.
  EXPECT_THAT(o.gantt(), ElementsAre("server@0:0-1", "server@0:6-9", "server@0:12-13"));
  EXPECT_EQ(o.process("server").completion, 13);
  EXPECT_EQ(o.process("server").io_time, 8);
}

TEST(Coroutines, SwitchHandsOverExplicitly) {
  const Outcome o = run_yaml(R"(
processes:
  - name: g
    program:
      - coroutines:
          - {name: a, program: [{cpu: 1}, {switch: b}, {cpu: 1}]}
          - {name: b, program: [{cpu: 1}, {switch: a}, {cpu: 1}]}
)", "fcfs");
  std::vector<std::string> notes;
  for (const InstantRecord& i : o.trace.instants)
    if (i.kind == InstantKind::Coroutine) notes.push_back(std::to_string(i.time) + " " + i.text);
  EXPECT_THAT(notes, ElementsAre("0 2 coroutines start", "0 coroutine a runs", "1 coroutine b runs", "2 coroutine a runs",
                                 "3 coroutine b runs", "4 coroutines finished"));
  EXPECT_EQ(o.process("g").completion, 4);
}

}  // namespace
}  // namespace schedlab::test

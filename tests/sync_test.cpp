// Shared memory, locks, semaphores, events, queues and deadlock (issue 5), with
// hand-computed schedules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

// Two tasks add 1 to n three times each, without a lock, under rr:quantum=2: loads and
// stores interleave across preemptions (P1 stores 1 at 5, P2 stores its stale 1 at 7, ...),
// so half the updates are lost. Memory is touched as the step's tick ends.
TEST(SharedMemory, LostUpdatesAreExactAndDeterministic) {
  const char* yaml = R"(
shared: {n: 0}
processes:
  - {name: P1, program: [{repeat: {times: 3, program: [{load: n}, {add: 1}, {store: n}]}}]}
  - {name: P2, program: [{repeat: {times: 3, program: [{load: n}, {add: 1}, {store: n}]}}]}
)";
  const Outcome o = run_yaml(yaml, "rr:quantum=2");
  EXPECT_EQ(o.variable("n"), 3);
  EXPECT_EQ(o.process("P1").completion, 17);
  EXPECT_EQ(o.process("P2").completion, 18);
  EXPECT_EQ(run_yaml(yaml, "rr:quantum=2").variable("n"), 3);  // the same race, every time
  EXPECT_EQ(run_yaml(yaml, "fcfs").variable("n"), 6);          // no preemption, no race
}

TEST(SharedMemory, ALockMakesItExact) {
  const Outcome o = run_yaml(R"(
shared: {n: 0}
programs:
  add3: [{repeat: {times: 3, program: [{lock: L}, {load: n}, {add: 1}, {store: n}, {unlock: L}]}}]
processes:
  - {name: P1, program: add3}
  - {name: P2, program: add3}
)", "rr:quantum=2");
  EXPECT_EQ(o.variable("n"), 6);
}

TEST(Locks, TwoLocksInOppositeOrderDeadlock) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{lock: L1}, {cpu: 2}, {lock: L2}, {cpu: 1}, {unlock: L2}, {unlock: L1}]}
  - {name: B, program: [{lock: L2}, {cpu: 2}, {lock: L1}, {cpu: 1}, {unlock: L1}, {unlock: L2}]}
)", "rr:quantum=1");
  EXPECT_EQ(o.result.status, RunStatus::Deadlock);
  EXPECT_EQ(o.result.end_time, 4);
  ASSERT_TRUE(o.result.deadlock.has_value());
  EXPECT_EQ(o.result.deadlock->summary, "cycle: A waits for lock L2 held by B; B waits for lock L1 held by A");
  ASSERT_EQ(o.result.deadlock->cycle.size(), 2u);
  EXPECT_THAT(o.result.deadlock->cycle[0].holds, ElementsAre("lock L1"));
}

TEST(Locks, SameOrderIsTheFix) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{lock: L1}, {cpu: 2}, {lock: L2}, {cpu: 1}, {unlock: L2}, {unlock: L1}]}
  - {name: B, program: [{lock: L1}, {cpu: 2}, {lock: L2}, {cpu: 1}, {unlock: L2}, {unlock: L1}]}
)", "rr:quantum=1");
  EXPECT_EQ(o.result.status, RunStatus::Completed);
}

TEST(Locks, RelockingAPlainLockDeadlocksButAnRlockDoesNot) {
  const Outcome plain = run_yaml("processes:\n  - {name: P, program: [{lock: L}, {lock: L}, {cpu: 1}]}\n", "fcfs");
  EXPECT_EQ(plain.result.status, RunStatus::Deadlock);
  EXPECT_EQ(plain.result.deadlock->summary, "cycle: P waits for lock L held by P");
  const Outcome re = run_yaml(
      "processes:\n  - {name: P, program: [{rlock: R}, {rlock: R}, {cpu: 1}, {runlock: R}, {runlock: R}]}\n", "fcfs");
  EXPECT_EQ(re.result.status, RunStatus::Completed);
  EXPECT_EQ(re.process("P").completion, 1);
}

TEST(Locks, UnlockingALockNotHeldIsAFault) {
  const Outcome o = run_yaml("processes:\n  - {name: P, program: [{cpu: 1}, {unlock: L}, {cpu: 5}]}\n", "fcfs");
  EXPECT_EQ(o.process("P").exit_reason, ExitReason::Fault);
  EXPECT_EQ(o.process("P").completion, 1);
  bool said = false;
  for (const InstantRecord& i : o.trace.instants)
    said |= i.kind == InstantKind::Fault && i.text == "unlock of lock L which is not locked";
  EXPECT_TRUE(said);
}

TEST(Locks, FifoHandOff) {
  const Outcome o = run_yaml(R"(
cpus: 3
processes:
  - {name: holder, program: [{lock: L}, {cpu: 4}, {unlock: L}]}
  - {name: first, arrival: 1, program: [{lock: L}, {cpu: 1}, {unlock: L}]}
  - {name: second, arrival: 2, program: [{lock: L}, {cpu: 1}, {unlock: L}]}
)", "fcfs");
  EXPECT_EQ(o.process("first").completion, 5);
  EXPECT_EQ(o.process("second").completion, 6);
}

const char* kInversion = R"(
processes:
  - {name: low, priority: 3, program: [{lock: L}, {cpu: 4}, {unlock: L}, {cpu: 1}]}
  - {name: high, priority: 1, arrival: 1, program: [{lock: L}, {cpu: 1}, {unlock: L}]}
  - {name: mid, priority: 2, arrival: 2, burst: 10}
)";

TEST(Locks, PriorityInversion) {
  const Outcome o = run_yaml(kInversion, "priority:preemptive=1");
  EXPECT_THAT(o.gantt(), ElementsAre("low@0:0-1", "low@0:1-2", "mid@0:2-12", "low@0:12-14", "high@0:14-15",
                                     "low@0:15-16"));
  EXPECT_EQ(o.process("high").completion, 15);
}

TEST(Locks, PriorityInheritanceCuresIt) {
  const Outcome o = run_yaml(std::string("locks: [{name: L, protocol: inherit}]\n") + kInversion,
                             "priority:preemptive=1");
  EXPECT_THAT(o.gantt(), ElementsAre("low@0:0-1", "low@0:1-4", "high@0:4-5", "mid@0:5-15", "low@0:15-16"));
  EXPECT_EQ(o.process("high").completion, 5);
}

TEST(Semaphores, CountLimitsConcurrency) {
  const Outcome o = run_yaml(R"(
cpus: 3
semaphores: [{name: S, count: 2}]
programs:
  work: [{acquire: S}, {cpu: 3}, {release: S}]
processes:
  - {name: w1, program: work}
  - {name: w2, program: work}
  - {name: w3, program: work}
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("w1@0:0-3", "w2@1:0-3", "w3@0:3-6"));
}

TEST(Events, WaitUntilSetAndTimeouts) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: waiter, program: [{event_wait: E}, {cpu: 1}]}
  - {name: impatient, program: [{event_wait: {name: E, timeout: 2}}, {cpu: 1}]}
  - {name: setter, program: [{cpu: 3}, {event_set: E}]}
)", "fcfs");
  // impatient times out at 2 and joins the ready queue then; waiter only wakes at 3.
  EXPECT_THAT(o.gantt(), ElementsAre("setter@0:0-3", "impatient@0:3-4", "waiter@0:4-5"));
  bool timed_out_at_2 = false;
  for (const TransitionRecord& t : o.trace.transitions)
    timed_out_at_2 |= t.cause == Cause::TimedOut && t.time == 2 && o.trace.tasks[t.task].name == "impatient";
  EXPECT_TRUE(timed_out_at_2);
}

TEST(Queues, BoundedProducerConsumerWithASentinel) {
  const Outcome o = run_yaml(R"(
queues: [{name: Q, capacity: 1}]
processes:
  - name: producer
    program: [{cpu: 1}, {put: {queue: Q, item: 1}}, {cpu: 1}, {put: {queue: Q, item: 2}},
              {cpu: 1}, {put: {queue: Q, item: 3}}, {cpu: 1}, {put: {queue: Q, item: -1}}]
  - name: consumer
    program:
      - repeat:
          times: forever
          program: [{get: {queue: Q, into: x}}, {break_if: "x == -1"}, {cpu: 2}, {print: x}]
)", "fcfs");
  EXPECT_THAT(o.printed(), ElementsAre("5 consumer: x = 1", "8 consumer: x = 2", "13 consumer: x = 3"));
  EXPECT_EQ(o.process("producer").completion, 10);
  EXPECT_EQ(o.process("consumer").completion, 13);
}

TEST(Queues, LifoAndPriorityOrders) {
  const char* yaml = R"(
queues: [{name: Q, order: %s}]
processes:
  - name: p
    program: [{put: {queue: Q, item: 3}}, {put: {queue: Q, item: 1}}, {put: {queue: Q, item: 2}},
              {repeat: {times: 3, program: [{get: {queue: Q, into: x}}, {print: x}]}}]
)";
  char lifo[512], prio[512];
  std::snprintf(lifo, sizeof lifo, yaml, "lifo");
  std::snprintf(prio, sizeof prio, yaml, "priority");
  EXPECT_THAT(run_yaml(lifo, "fcfs").printed(), ElementsAre("1 p: x = 2", "2 p: x = 1", "3 p: x = 3"));
  EXPECT_THAT(run_yaml(prio, "fcfs").printed(), ElementsAre("1 p: x = 1", "2 p: x = 2", "3 p: x = 3"));
}

TEST(Queues, NonBlockingGetOnAnEmptyQueue) {
  const Outcome o = run_yaml(R"(
queues: [{name: Q}]
processes:
  - {name: p, program: [{store: x}, {get: {queue: Q, timeout: 0, into: x}}, {print: x}]}
)", "fcfs");
  EXPECT_THAT(o.printed(), ElementsAre("2 p: x = 0"));
  bool recorded = false;
  for (const InstantRecord& i : o.trace.instants) recorded |= i.kind == InstantKind::CallFailed && i.text == "get Q: empty";
  EXPECT_TRUE(recorded);
}

TEST(Queues, JoinableQueueWithADaemonConsumer) {
  const Outcome o = run_yaml(R"(
queues: [{name: Q}]
programs:
  consumer: [{repeat: {times: forever, program: [{get: {queue: Q, into: x}}, {cpu: 2}, {task_done: Q}]}}]
processes:
  - name: main
    program: [{thread: {name: c1, daemon: true, program: consumer}}, {put: {queue: Q, item: 1}},
              {put: {queue: Q, item: 2}}, {join_queue: Q}, {cpu: 1}]
)", "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("main/c1@0:0-4", "main@0:4-5"));
  EXPECT_EQ(o.process("main").completion, 5);
  EXPECT_EQ(o.result.status, RunStatus::Completed);
}

TEST(Deadlock, AConsumerLeftWaitingIsReported) {
  const Outcome o = run_yaml(R"(
queues: [{name: Q}]
processes:
  - {name: consumer, program: [{get: {queue: Q}}]}
)", "fcfs");
  EXPECT_EQ(o.result.status, RunStatus::Deadlock);
  EXPECT_EQ(o.result.deadlock->summary, "1 task blocked forever: consumer waits for an item from queue Q (empty)");
}

}  // namespace
}  // namespace schedlab::test

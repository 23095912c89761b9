// Several CPUs: every policy with a global queue, and `steal` with per-CPU queues. The
// invariant checker (on in every test run) guarantees that no task is ever on two CPUs
// and no CPU runs two tasks; these tests add affinity, completion, determinism, and the
// migrations / per-CPU utilization that tell a global queue from per-CPU queues.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

// A mix of CPU-bound and I/O-bound tasks, staggered arrivals, tickets, nice values and
// affinities, on 4 CPUs.
const char* kMixed = R"(
cpus: 4
processes:
  - {name: cpu1, burst: 60, tickets: 300, nice: -5}
  - {name: cpu2, arrival: 2, burst: 45, affinity: [0, 1]}
  - {name: io1, program: [{cpu: 3}, {io: 7}, {cpu: 3}, {io: 7}, {cpu: 3}], tickets: 50}
  - {name: io2, arrival: 1, program: [{cpu: 2}, {io: 4}, {cpu: 9}, {io: 1}, {cpu: 2}], nice: 3}
  - {name: pinned, arrival: 5, burst: 25, affinity: [3]}
  - {name: late, arrival: 40, burst: 12, priority: -1}
  - {name: yielder, program: [{cpu: 4}, yield, {cpu: 4}, yield, {cpu: 4}]}
  - {name: sleeper, arrival: 3, program: [{sleep: 20}, {cpu: 10}], affinity: [2, 3]}
)";

class EveryPolicy : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryPolicy, FourCpusWithAffinity) {
  const Outcome o = run_yaml(kMixed, GetParam());
  ASSERT_EQ(o.result.status, RunStatus::Completed);
  Ticks cpu = 0;
  for (const ProcessMetrics& p : o.result.processes) {
    EXPECT_GE(p.completion, 0) << p.name;
    cpu += p.cpu_time;
  }
  EXPECT_EQ(cpu, 60 + 45 + 9 + 13 + 25 + 12 + 12 + 10);
  // Busy ticks per CPU add up to the CPU time used.
  ASSERT_EQ(o.result.cpu_busy.size(), 4u);
  EXPECT_EQ(std::accumulate(o.result.cpu_busy.begin(), o.result.cpu_busy.end(), Ticks{0}), cpu);
  for (const SliceRecord& s : o.trace.slices) {
    const std::string& name = o.trace.tasks.at(s.task).name;
    if (name == "cpu2") {
      EXPECT_LE(s.cpu, 1u) << name;
    } else if (name == "pinned") {
      EXPECT_EQ(s.cpu, 3u) << name;
    } else if (name == "sleeper") {
      EXPECT_GE(s.cpu, 2u) << name;
    }
  }
  // Deterministic: a second run gives the same trace.
  EXPECT_EQ(o.gantt(true), run_yaml(kMixed, GetParam()).gantt(true));
}

INSTANTIATE_TEST_SUITE_P(Policies, EveryPolicy,
                         ::testing::Values("fcfs", "sjf", "srtf", "rr", "priority", "priority:preemptive=1", "mlfq",
                                           "mlfq:quantum=2/4/8,boost=15,io_front=1", "mlfq:stay_on_io=1",
                                           "lottery:quantum=3", "stride:quantum=3", "cfs", "steal", "steal:quantum=2"),
                         [](const ::testing::TestParamInfo<const char*>& i) {
                           std::string name = i.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// ---- global queue vs per-CPU queues --------------------------------------------------

const char* kFourOnTwo = R"(
cpus: 2
processes:
  - {name: A, burst: 12}
  - {name: B, burst: 12}
  - {name: C, burst: 12}
  - {name: D, burst: 12}
)";

TEST(WorkStealing, PerCpuQueuesKeepTasksWhereTheyStarted) {
  // Arrivals go to the least loaded CPU: A and C to CPU 0, B and D to CPU 1. Each CPU
  // then round-robins its own pair and nothing ever migrates.
  const Outcome o = run_yaml(kFourOnTwo, "steal");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-4", "B@1:0-4", "C@0:4-8", "D@1:4-8", "A@0:8-12", "B@1:8-12", "C@0:12-16",
                                     "D@1:12-16", "A@0:16-20", "B@1:16-20", "C@0:20-24", "D@1:20-24"));
  EXPECT_EQ(o.result.migrations, 0u);
  EXPECT_THAT(o.result.cpu_busy, ElementsAre(24, 24));
}

TEST(WorkStealing, GlobalQueueMigrates) {
  // The same workload under rr: one queue, so tasks hop between the CPUs.
  const Outcome o = run_yaml(kFourOnTwo, "rr");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-4", "B@1:0-4", "C@0:4-8", "D@1:4-8", "A@0:8-12", "B@1:8-12", "C@0:12-16",
                                     "D@1:12-16", "A@0:16-20", "B@1:16-20", "C@0:20-24", "D@1:20-24"));
  // Here rr happens to keep the pairing too; with an odd number of tasks it cannot.
  const char* three = "cpus: 2\nprocesses:\n  - {name: A, burst: 12}\n  - {name: B, burst: 12}\n  - {name: C, burst: 12}\n";
  EXPECT_THAT(run_yaml(three, "rr").gantt(), ElementsAre("A@0:0-4", "B@1:0-4", "C@0:4-8", "A@1:4-8", "B@0:8-12",
                                                           "C@1:8-12", "A@0:12-16", "B@1:12-16", "C@0:16-20"));
  EXPECT_EQ(run_yaml(three, "rr").result.migrations, 6u);
  EXPECT_EQ(run_yaml(three, "steal").result.migrations, 1u);
}

TEST(WorkStealing, IdleCpuStealsFromTheTailOfTheLongestQueue) {
  // A and B start on CPUs 0 and 1; C, D, E arrive at 1 and are spread C->0, D->1, E->0.
  // CPU 1 runs out of work at 7 (D and B are done) and steals from CPU 0's tail: A,
  // which had just gone there at 4. A migrates once; nothing else moves.
  const Outcome o = run_yaml(R"(
cpus: 2
processes:
  - {name: A, burst: 20}
  - {name: B, burst: 5}
  - {name: C, arrival: 1, burst: 8}
  - {name: D, arrival: 1, burst: 2}
  - {name: E, arrival: 1, burst: 8}
)", "steal");
  EXPECT_THAT(o.gantt(), ElementsAre("A@0:0-4", "B@1:0-4", "C@0:4-8", "D@1:4-6", "B@1:6-7", "A@1:7-11", "E@0:8-12",
                                     "A@1:11-15", "C@0:12-16", "A@1:15-19", "E@0:16-20", "A@1:19-23"));
  EXPECT_EQ(o.result.migrations, 1u);
  EXPECT_THAT(o.result.cpu_busy, ElementsAre(20, 23));
}

TEST(WorkStealing, WakeupReturnsToTheLastCpu) {
  // io runs on CPU 1 and comes back there after each I/O, although CPU 0 is as busy.
  const Outcome o = run_yaml(R"(
cpus: 2
processes:
  - {name: hog, burst: 30}
  - {name: io, program: [{cpu: 2}, {io: 3}, {cpu: 2}, {io: 3}, {cpu: 2}]}
  - {name: hog2, burst: 30}
)", "steal");
  for (const SliceRecord& s : o.trace.slices) {
    if (o.trace.tasks.at(s.task).name == "io") {
      EXPECT_EQ(s.cpu, 1u);
    }
  }
  EXPECT_EQ(o.result.status, RunStatus::Completed);
}

}  // namespace
}  // namespace schedlab::test

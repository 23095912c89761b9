// The classic textbook examples (Silberschatz et al., "Operating System Concepts",
// chapter on CPU scheduling), with the averages the book computes by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using ::testing::ElementsAre;

const char* kFcfs = R"(
processes:
  - {name: P1, burst: 24}
  - {name: P2, burst: 3}
  - {name: P3, burst: 3}
)";

TEST(Textbook, FcfsConvoy) {
  const Outcome o = run_yaml(kFcfs, "fcfs");
  EXPECT_THAT(o.gantt(), ElementsAre("P1@0:0-24", "P2@0:24-27", "P3@0:27-30"));
  EXPECT_DOUBLE_EQ(o.average_waiting(), 17.0);
}

TEST(Textbook, RoundRobinQuantum4) {
  const Outcome o = run_yaml(kFcfs, "rr:quantum=4");
  EXPECT_THAT(o.gantt(), ElementsAre("P1@0:0-4", "P2@0:4-7", "P3@0:7-10", "P1@0:10-14", "P1@0:14-18",
                                     "P1@0:18-22", "P1@0:22-26", "P1@0:26-30"));
  EXPECT_DOUBLE_EQ(o.average_waiting(), 17.0 / 3.0);
}

TEST(Textbook, SjfFourJobs) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: P1, burst: 6}
  - {name: P2, burst: 8}
  - {name: P3, burst: 7}
  - {name: P4, burst: 3}
)", "sjf");
  EXPECT_THAT(o.gantt(), ElementsAre("P4@0:0-3", "P1@0:3-9", "P3@0:9-16", "P2@0:16-24"));
  EXPECT_DOUBLE_EQ(o.average_waiting(), 7.0);
}

TEST(Textbook, SrtfStaggeredArrivals) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: P1, arrival: 0, burst: 8}
  - {name: P2, arrival: 1, burst: 4}
  - {name: P3, arrival: 2, burst: 9}
  - {name: P4, arrival: 3, burst: 5}
)", "srtf");
  EXPECT_THAT(o.gantt(), ElementsAre("P1@0:0-1", "P2@0:1-5", "P4@0:5-10", "P1@0:10-17", "P3@0:17-26"));
  EXPECT_DOUBLE_EQ(o.average_waiting(), 6.5);
}

TEST(Textbook, NonPreemptivePriority) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: P1, burst: 10, priority: 3}
  - {name: P2, burst: 1, priority: 1}
  - {name: P3, burst: 2, priority: 4}
  - {name: P4, burst: 1, priority: 5}
  - {name: P5, burst: 5, priority: 2}
)", "priority");
  EXPECT_THAT(o.gantt(), ElementsAre("P2@0:0-1", "P5@0:1-6", "P1@0:6-16", "P3@0:16-18", "P4@0:18-19"));
  EXPECT_DOUBLE_EQ(o.average_waiting(), 8.2);
}

}  // namespace
}  // namespace schedlab::test

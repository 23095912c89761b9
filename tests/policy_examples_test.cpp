// Every chart in docs/policies.md, checked: the workload as printed there, the policy
// spec, and the schedule one character per tick per CPU ('.' idle), up to the last tick
// any CPU was busy.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

std::vector<std::string> chart(const Outcome& o) {
  Ticks end = 0;
  CpuId cpus = 1;
  for (const SliceRecord& s : o.trace.slices) {
    end = std::max(end, s.end);
    cpus = std::max(cpus, s.cpu + 1);
  }
  std::vector<std::string> rows(cpus, std::string(static_cast<std::size_t>(end), '.'));
  for (const SliceRecord& s : o.trace.slices)
    for (Ticks t = s.start; t < s.end; ++t) rows[s.cpu][static_cast<std::size_t>(t)] = o.trace.tasks.at(s.task).name[0];
  return rows;
}

struct Example {
  const char* name;
  const char* yaml;
  const char* policy;
  std::vector<std::string> rows;  // one per CPU
  double average_waiting = -1;    // checked when >= 0
};

const char* kSameInstant = R"(
processes:
  - {name: C, program: [{cpu: 1}, {io: 4}, {cpu: 1}]}
  - {name: A, burst: 7}
  - {name: B, arrival: 5, burst: 2}
)";
const char* kConvoy = "processes:\n  - {name: A, burst: 24}\n  - {name: B, burst: 3}\n  - {name: C, burst: 3}\n";
const char* kSjf = R"(
processes:
  - {name: A, burst: 6}
  - {name: B, burst: 8}
  - {name: C, burst: 7}
  - {name: D, burst: 3}
)";
const char* kSjfTies = R"(
processes:
  - {name: A, burst: 4}
  - {name: B, burst: 2}
  - {name: C, burst: 4}
  - {name: D, arrival: 1, burst: 2}
)";
const char* kSrtf = R"(
processes:
  - {name: A, arrival: 0, burst: 8}
  - {name: B, arrival: 1, burst: 4}
  - {name: C, arrival: 2, burst: 9}
  - {name: D, arrival: 3, burst: 5}
)";
const char* kPriority = R"(
processes:
  - {name: A, burst: 10, priority: 3}
  - {name: B, burst: 1, priority: 1}
  - {name: C, burst: 2, priority: 4}
  - {name: D, burst: 1, priority: 5}
  - {name: E, burst: 5, priority: 2}
)";
const char* kPreemptive = R"(
processes:
  - {name: A, burst: 8, priority: 3}
  - {name: B, arrival: 2, burst: 3, priority: 1}
  - {name: C, arrival: 3, burst: 2, priority: 3}
)";
const char* kMlfqRr = R"(
processes:
  - {name: A, burst: 24}
  - {name: B, arrival: 1, burst: 3}
  - {name: C, arrival: 4, burst: 7}
)";
const char* kMlfqIo = R"(
processes:
  - {name: A, program: [{cpu: 4}, {io: 2}, {cpu: 10}]}
  - {name: B, burst: 20}
)";
const char* kMlfqQuantumEnd = R"(
processes:
  - {name: B, burst: 12}
  - {name: A, program: [{cpu: 5}, {io: 3}, {cpu: 4}]}
)";
const char* kMlfqHead = R"(
processes:
  - {name: A, burst: 30}
  - {name: B, burst: 30}
  - {name: C, arrival: 25, burst: 2}
)";
const char* kMlfqFront = R"(
processes:
  - {name: A, program: [{cpu: 2}, {io: 3}, {cpu: 5}]}
  - {name: B, burst: 10}
)";
const char* kMlfqBoost = R"(
processes:
  - {name: A, burst: 8}
  - {name: B, burst: 8}
  - {name: C, burst: 8}
  - {name: D, burst: 8}
  - {name: E, burst: 8}
)";
const char* kMlfqIdle = R"(
processes:
  - {name: A, program: [{cpu: 5}, {io: 10}, {cpu: 10}]}
  - {name: C, arrival: 9, burst: 20}
)";
const char* kMlfqSame = R"(
processes:
  - {name: C, program: [{io: 8}, {cpu: 2}]}
  - {name: A, burst: 12}
  - {name: B, arrival: 8, burst: 2}
)";
const char* kLottery = "processes:\n  - {name: A, tickets: 100, burst: 12}\n  - {name: B, tickets: 300, burst: 12}\n";
const char* kStride = "processes:\n  - {name: A, tickets: 300, burst: 9}\n  - {name: B, tickets: 100, burst: 3}\n";
const char* kCfs = R"(
processes:
  - {name: A, burst: 100}
  - {name: B, program: [{cpu: 1}, {io: 10}, {cpu: 1}, {io: 10}, {cpu: 1}]}
)";
const char* kSteal = R"(
cpus: 2
processes:
  - {name: A, burst: 20}
  - {name: B, burst: 5}
  - {name: C, arrival: 1, burst: 8}
  - {name: D, arrival: 1, burst: 2}
  - {name: E, arrival: 1, burst: 8}
)";

std::string a_then(int as, const std::string& rest) { return std::string(static_cast<std::size_t>(as), 'A') + rest; }

const Example kExamples[] = {
    {"SameInstantOrderRr", kSameInstant, "rr:quantum=4", {"CAAAAAAABBC"}},
    {"FcfsConvoy", kConvoy, "fcfs", {"AAAAAAAAAAAAAAAAAAAAAAAABBBCCC"}, 17.0},
    {"SjfFourJobs", kSjf, "sjf", {"DDDAAAAAACCCCCCCBBBBBBBB"}, 7.0},
    {"SjfTies", kSjfTies, "sjf", {"BBDDAAAACCCC"}},
    {"SrtfStaggered", kSrtf, "srtf", {"ABBBBDDDDDAAAAAAACCCCCCCCC"}, 6.5},
    {"SjfOnSrtfExample", kSrtf, "sjf", {"AAAAAAAABBBBDDDDDCCCCCCCCC"}, 7.75},
    {"RrQuantum4", kConvoy, "rr:quantum=4", {"AAAABBBCCCAAAAAAAAAAAAAAAAAAAA"}, 17.0 / 3},
    {"PriorityFive", kPriority, "priority", {"BEEEEEAAAAAAAAAACCD"}, 8.2},
    {"PriorityPreemptive", kPreemptive, "priority:preemptive=1", {"AABBBAAAAAACC"}},
    {"PriorityNonPreemptive", kPreemptive, "priority", {"AAAAAAAABBBCC"}},
    {"MlfqOneLevelIsRr", kMlfqRr, "mlfq:queues=1,quantum=4", {"AAAABBBAAAACCCCAAAACCCAAAAAAAAAAAA"}},
    {"MlfqOneLevelIsRrItself", kMlfqRr, "rr:quantum=4", {"AAAABBBAAAACCCCAAAACCCAAAAAAAAAAAA"}},
    {"MlfqIoKeepsBudget", kMlfqIo, "mlfq:queues=2,quantum=10", {"AAAABBBBBBBBBBAAAAAABBBBBBBBBBAAAA"}},
    {"MlfqStayOnIo", kMlfqIo, "mlfq:queues=2,quantum=10,stay_on_io=1", {"AAAABBBBBBBBBBAAAAAAAAAABBBBBBBBBB"}},
    {"MlfqQuantumEndIo", kMlfqQuantumEnd, "mlfq:queues=2,quantum=5", {"BBBBBAAAAABBBBBAAAABB"}},
    {"MlfqQuantumEndIoStay", kMlfqQuantumEnd, "mlfq:queues=2,quantum=5,stay_on_io=1", {"BBBBBAAAAABBBAAAABBBB"}},
    {"MlfqPreemptedKeepsHead", kMlfqHead, "mlfq:queues=2,quantum=10",
     {"AAAAAAAAAABBBBBBBBBBAAAAACCAAAAABBBBBBBBBBAAAAAAAAAABBBBBBBBBB"}},
    {"MlfqIoFront", kMlfqFront, "mlfq:queues=1,quantum=10,io_front=1", {"AABBBAAAAABBBBBBB"}},
    {"MlfqNoIoFront", kMlfqFront, "mlfq:queues=1,quantum=10", {"AABBBBBBBBBBAAAAA"}},
    {"MlfqBoost", kMlfqBoost, "mlfq:queues=3,quantum=2,boost=17", {"AABBCCDDEEAABBCCDAABBCCDDEEAABBCCDDDEEEE"}},
    {"MlfqNoBoost", kMlfqBoost, "mlfq:queues=3,quantum=2", {"AABBCCDDEEAABBCCDDEEAABBCCDDEEAABBCCDDEE"}},
    {"MlfqIdleBoost", kMlfqIdle, "mlfq:queues=2,quantum=5,boost=8", {"AAAAA....CCCCCCAAAAAACCCCCCCCAAAACCCCCC"}},
    {"MlfqIdleNoBoost", kMlfqIdle, "mlfq:queues=2,quantum=5", {"AAAAA....CCCCCCCCCCAAAAACCCCCAAAAACCCCC"}},
    {"MlfqSameInstant", kMlfqSame, "mlfq:queues=2,quantum=4,boost=8", {"AAAAAAAAAAAABBCC"}},
    {"Lottery", kLottery, "lottery:quantum=3", {"BBBAAABBBAAABBBAAABBBAAA"}},
    {"Stride", kStride, "stride:quantum=1", {"ABAAABAAABAA"}},
    {"Cfs", kCfs, "cfs", {a_then(12, "B") + a_then(10, "B") + a_then(10, "B") + a_then(68, "")}},
    {"Steal", kSteal, "steal", {"AAAACCCCEEEECCCCEEEE...", "BBBBDDBAAAAAAAAAAAAAAAA"}},
    {"StealUnderRr", kSteal, "rr", {"AAAACCCCAAAAEEEE...AAAAAAAA", "BBBBDDEEEEBCCCCAAAA........"}},
};

class PolicyExample : public ::testing::TestWithParam<Example> {};

TEST_P(PolicyExample, ChartAsDocumented) {
  const Example& e = GetParam();
  const Outcome o = run_yaml(e.yaml, e.policy);
  EXPECT_EQ(chart(o), e.rows) << e.policy;
  if (e.average_waiting >= 0) {
    EXPECT_DOUBLE_EQ(o.average_waiting(), e.average_waiting);
  }
}

INSTANTIATE_TEST_SUITE_P(DocsPolicies, PolicyExample, ::testing::ValuesIn(kExamples),
                         [](const ::testing::TestParamInfo<Example>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace schedlab::test

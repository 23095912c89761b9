// Kernel problems found while writing the policies of issue 3, each as a minimal test
// (kept as regression tests once fixed).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

// The workload reader keeps `std::vector<Step>& out = buffers_[depth]` in read_step()
// while read_repeat() -> read_program(depth + 1) may grow `buffers_` (one buffer per
// nesting depth): the first `repeat` in a file reallocates it and `out` dangles, so the
// repeat step is written into freed memory: it was silently dropped (A ran 1 tick, not
// 7), and `schedlab run` of a longer such file segfaulted. Found with the first output
// of bench/ostep_mlfq.py, which used `repeat`; fixed in the reader by 98aa884.
TEST(KernelIssues, FirstRepeatInAFileIsRead) {
  const Outcome o = run_yaml(R"(
processes:
  - {name: A, program: [{repeat: {times: 3, program: [{cpu: 2}, {io: 1}]}}, {cpu: 1}]}
)", "fcfs");
  EXPECT_EQ(o.process("A").cpu_time, 7);
  EXPECT_EQ(o.process("A").io_time, 3);
}

}  // namespace
}  // namespace schedlab::test

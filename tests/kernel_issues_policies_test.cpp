// Kernel problems found while writing the policies of issue 3, each as a minimal test
// (kept as regression tests once fixed).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

// The workload reader keeps `std::vector<Step>& out = buffers_[depth]` in read_step()
// while read_repeat() -> read_program(depth + 1) may grow `buffers_` (one buffer per
// nesting depth): the first `repeat` in a file reallocates it and `out` dangles, so the
// repeat step is written into freed memory: here it is silently dropped (A runs 1 tick,
// not 7); `schedlab run` of a longer such file segfaulted. Found with bench/ostep_mlfq.py's first output, which used
// `repeat`. Fixed in the reader by a76259d.
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

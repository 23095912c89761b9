// A finished run saved whole, for looking at later: `schedlab explore --trace FILE`
// writes the failing run so, and `schedlab-gui --trace FILE` shows it. Lossless: the
// kernel's Trace (every task, transition, slice and instant), the dispatches (which CPU a
// task was put on, and when), the RunResult, and what produced the run.
//
// The file is JSON ({"format": "schedlab-trace", "version": 1, ...}; see docs/cli.md).
// It is not the Chrome Trace Event file of `schedlab run --trace`: that one is for
// Perfetto and keeps only what Perfetto draws.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

namespace schedlab {

struct DispatchRecord {
  Ticks time = 0;
  TaskId task = kNoTask;
  CpuId cpu = 0;
};

// The kernel's Trace plus the dispatches, which Trace does not keep: they let a viewer
// close the slices still running when a run stops at a limit (the kernel reports a slice
// only when it ends).
class TraceWithDispatches : public Trace {
 public:
  std::vector<DispatchRecord> dispatches;
  void on_dispatch(Ticks time, TaskId task, CpuId cpu) override { dispatches.push_back({time, task, cpu}); }
};

struct SavedRun {
  std::string title;    // what ran: a program's or a workload's name and file
  std::string policy;   // the canonical policy spec (for explore: the strategy)
  std::uint64_t seed = 0;
  std::string failure;  // why the run counts as failed; empty when it did not fail
  std::string replay;   // a command line that makes the same run again
  RunResult result;
  TraceWithDispatches trace;
};

inline constexpr int kTraceFileVersion = 1;

void write_trace_file(std::ostream& out, const SavedRun& run);
// Throws InputError naming `path` when the file cannot be read, is not a schedlab trace
// file of this version, or refers to tasks or CPUs it does not have.
SavedRun read_trace_file(const std::string& path);

}  // namespace schedlab

// The outcome of a run: per-process metrics and the aggregates every report shows.
//
// Definitions (docs/metrics.md): turnaround = completion - arrival; response =
// first_run - arrival; waiting = ticks spent Ready; makespan = last completion - first
// arrival; cpu_utilization = busy CPU ticks / (cpus * makespan); throughput = finished
// processes per tick of makespan; fairness = Jain's index (sum x)^2 / (n * sum x^2) with
// x = cpu_time / (tickets * turnaround) over the processes that were present.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/syscalls.hpp>
#include <schedlab/types.hpp>

namespace schedlab {

enum class RunStatus : std::uint8_t {
  Completed,     // every task ended
  Deadlock,      // tasks remain but none can ever run again
  LimitReached,  // --until, --max-events or another limit stopped the run
};

constexpr std::string_view to_string(RunStatus s) {
  switch (s) {
    case RunStatus::Completed: return "completed";
    case RunStatus::Deadlock: return "deadlock";
    case RunStatus::LimitReached: return "limit_reached";
  }
  return "?";
}

struct ProcessMetrics {
  Pid pid = 0;
  Pid ppid = 0;
  std::string name;
  Ticks arrival = 0;
  Ticks first_run = -1;   // -1: never ran
  Ticks completion = -1;  // -1: did not finish
  Ticks turnaround = 0;
  Ticks response = 0;
  Ticks waiting = 0;       // ticks Ready
  Ticks cpu_time = 0;      // ticks Running
  Ticks io_time = 0;       // ticks Blocked on an I/O device
  Ticks blocked_time = 0;  // ticks Blocked for any reason (I/O included)
  std::int64_t exit_code = 0;
  ExitReason exit_reason = ExitReason::None;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
};

struct Averages {
  double turnaround = 0;
  double response = 0;
  double waiting = 0;
};

struct RunResult {
  std::string workload;  // the workload's name
  std::string policy;    // canonical policy spec
  CpuId cpus = 1;
  RunStatus status = RunStatus::Completed;
  std::string status_detail;  // which limit, the deadlock cycle...
  Ticks end_time = 0;          // the clock when the run stopped
  Ticks makespan = 0;
  double cpu_utilization = 0;
  double throughput = 0;
  std::uint64_t context_switches = 0;  // a CPU switched from one task to another
  std::uint64_t migrations = 0;        // a task resumed on a different CPU than it last ran on
  std::uint64_t events = 0;  // kernel events processed (timers, arrivals, system calls)
  // Jain's fairness index of the CPU share per ticket: x = cpu_time / (tickets *
  // turnaround) for each process (its share of the time it was present, per ticket).
  // 1 when every process got CPU in proportion to its tickets, 1/n at worst.
  double fairness = 1.0;
  std::vector<Ticks> cpu_busy;  // busy ticks per CPU
  std::vector<ProcessMetrics> processes;  // in pid order
  Averages averages;  // over finished processes
};

}  // namespace schedlab

// The outcome of a run: per-process metrics and the aggregates every report shows.
//
// Definitions (docs/metrics.md): turnaround = completion - arrival; response =
// first_run - arrival; waiting = ticks spent Ready; makespan = last completion - first
// arrival; cpu_utilization = useful busy CPU ticks (context switches excluded) /
// (cpus * makespan); throughput = finished
// processes per tick of makespan; fairness = Jain's index (sum x)^2 / (n * sum x^2) with
// x = cpu_time / (tickets * turnaround) over the processes that were present.
#pragma once

#include <cstdint>
#include <optional>
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

// Where a process is when the run stops (or at `ps --at T`).
enum class ProcessState : std::uint8_t { New, Ready, Running, Blocked, Zombie, Ended };

constexpr std::string_view to_string(ProcessState s) {
  switch (s) {
    case ProcessState::New: return "new";
    case ProcessState::Ready: return "ready";
    case ProcessState::Running: return "running";
    case ProcessState::Blocked: return "blocked";
    case ProcessState::Zombie: return "zombie";
    case ProcessState::Ended: return "ended";
  }
  return "?";
}

// One thread of a process that had more than its main thread.
struct ThreadMetrics {
  TaskId tid = kNoTask;
  std::string name;
  Ticks arrival = 0;
  Ticks first_run = -1;
  Ticks completion = -1;
  Ticks waiting = 0;
  Ticks cpu_time = 0;
  Ticks io_time = 0;
  Ticks blocked_time = 0;
  std::int64_t exit_code = 0;
  ExitReason exit_reason = ExitReason::None;
  TaskState state = TaskState::New;
  bool daemon = false;
};

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
  Ticks cpu_time = 0;      // ticks Running (context switches into it included)
  Ticks switch_time = 0;   // of cpu_time: ticks spent being switched in (--switch-cost)
  Ticks io_time = 0;       // ticks Blocked on an I/O device
  Ticks blocked_time = 0;  // ticks Blocked for any reason (I/O included)
  std::int64_t exit_code = 0;
  ExitReason exit_reason = ExitReason::None;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
  ProcessState state = ProcessState::Ended;
  bool daemon = false;
  std::uint32_t thread_count = 1;     // threads it ever had, main included
  std::vector<ThreadMetrics> threads;  // empty unless it had more than its main thread
  // The process's figures sum its threads'; turnaround is from its creation to its end.
};

// A deadlock: the wait-for cycle, if there is one, and every task left blocked.
struct DeadlockReport {
  struct Wait {
    TaskId task = kNoTask;
    std::string task_name;
    std::string waits_for;  // "lock L2", "semaphore S (count 0)", "thread t1", ...
    TaskId held_by = kNoTask;  // the task that could release it, if one can be named
    std::string held_by_name;
    // How held_by stands to the wait, for text: " held by B" (a lock), " whose task c/t1 is
    // blocked" (a child), or "" where waits_for already names it (joining thread t1).
    std::string releaser_phrase;
    std::vector<std::string> holds;  // objects this task holds
  };
  std::vector<Wait> cycle;    // task[0] waits for task[1] ... waits for task[0]
  std::vector<Wait> blocked;  // every task that can never run again
  std::string summary;        // one line
};

struct OutputLine {  // what a program printed
  Ticks time = 0;
  std::string task;
  std::string text;
};

struct Averages {
  double turnaround = 0;
  double response = 0;
  double waiting = 0;
};

// Real-time figures (docs/metrics.md, "Real-time"), only for workloads with periodic tasks.
// One job of a periodic task. A job is missed when it did not complete by its deadline:
// completed late, aborted, killed, or unfinished past its deadline when the run stopped.
struct JobMetrics {
  std::uint32_t task = 0;      // index into RunResult::realtime
  std::uint64_t number = 1;    // from 1 in its task
  Pid pid = 0;                 // the job's process
  Ticks release = 0;
  Ticks deadline = 0;          // absolute
  Ticks start = -1;            // -1: never ran
  Ticks completion = -1;       // -1: did not complete (aborted, killed, or unfinished)
  bool missed = false;
  bool aborted = false;
  bool completed() const { return completion >= 0; }
  Ticks response() const { return completion - release; }   // when completed
  Ticks lateness() const { return completion - deadline; }  // when completed
};

// One periodic task: its jobs summed up. Worst and mean response and worst lateness are
// over its completed jobs (`completed` of them; 0: none completed).
struct RealtimeTaskMetrics {
  std::string name;
  Ticks period = 0;
  Ticks deadline = 0;  // relative
  std::uint64_t jobs = 0;
  std::uint64_t completed = 0;
  std::uint64_t misses = 0;
  std::uint64_t aborted = 0;
  Ticks worst_response = 0;
  double mean_response = 0;
  Ticks worst_lateness = 0;
  std::uint64_t preemptions = 0;  // a job of it was preempted
  std::uint64_t migrations = 0;   // a job of it resumed on another CPU than it last ran on
};

struct RealtimeSummary {
  std::uint64_t jobs = 0;
  std::uint64_t misses = 0;
  std::uint64_t aborted = 0;
  double miss_ratio = 0;  // misses / jobs (0 without jobs)
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
  std::vector<Ticks> cpu_busy;  // busy ticks per CPU (switching included)
  Ticks switch_overhead = 0;    // CPU ticks spent on context switches (not useful work)
  std::vector<ProcessMetrics> processes;  // in pid order
  Averages averages;  // over finished processes
  std::optional<DeadlockReport> deadlock;
  std::vector<std::pair<std::string, std::int64_t>> variables;  // shared variables at the end
  std::vector<OutputLine> output;  // print steps, in time order
  std::size_t forks_failed = 0;    // forks refused by the process limit
  // Periodic tasks (empty for a workload without): per task in listing order, per job in
  // release order, and the run's totals.
  std::vector<RealtimeTaskMetrics> realtime;
  std::vector<JobMetrics> jobs;
  RealtimeSummary realtime_summary;
};

}  // namespace schedlab

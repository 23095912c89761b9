// OSTEP's cpu-sched/scheduler.py on schedlab's kernel: the same problem for the same seed
// and the same standard output, byte for byte (docs/ostep.md).
//
// The jobs become processes that all arrive at tick 0 with one CPU burst each; FIFO, SJF
// and RR are schedlab's fcfs, sjf and rr:quantum=Q on one CPU. The kernel's schedule (who
// runs when, and why each slice ended) drives the printed trace; the times are then
// summed in floating point in the script's order, so that every "%.2f" rounds as the
// script's does. Job lengths given with -l may be decimal: they run as whole ticks of
// 10^-k (k <= 6 digits after the point).
#pragma once

#include <cstdint>
#include <string>

#include <schedlab/lab/ostep/homework_run.hpp>
#include <schedlab/lab/ostep/py_text.hpp>

namespace schedlab::lab::ostep {

struct SchedulerOptions {  // scheduler.py's flags, with its defaults
  PyInt seed;                  // -s
  std::int64_t jobs = 3;       // -j
  std::string jlist;           // -l
  std::int64_t maxlen = 10;    // -m
  std::string policy = "FIFO"; // -p: SJF, FIFO or RR (any other text: the script's error line)
  std::int64_t quantum = 1;    // -q
  bool solve = false;          // -c
};

// The script's standard output. Throws UsageError where schedlab cannot run what the
// script would (a job of length <= 0, a quantum < 1 with -c: the script loops or divides by zero).
std::string scheduler_homework(const SchedulerOptions& options, HomeworkRun* run = nullptr);

}  // namespace schedlab::lab::ostep

// What `schedlab explore` runs under many schedules: a real C++ program built as a shared
// library (schedlab/real_program.hpp), or a scripted workload file. Either way it becomes
// a real::Program, so one exploration loop serves both.
//
// When a workload's run fails (docs/cli.md, "explore"): a deadlock; a process or thread
// that ends in an error exit (a `fail` step) or a fault (a `fault` step, unlocking a lock
// it does not hold...); a shared variable whose final value differs from an --expect.
// Being killed, or a run stopped at a limit, is not a failure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <schedlab/explore.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::lab {

// --expect NAME=VALUE: a shared variable's value at the end of every run.
struct Expectation {
  std::string variable;
  std::int64_t value = 0;
};
// Throws UsageError on anything but NAME=INTEGER.
Expectation parse_expectation(const std::string& text);

struct ExploreTarget {
  std::string path;         // as given
  std::string title;        // "counter (five threads ...)", or the workload's name
  bool is_workload = false;
  CpuId cpus = 1;           // the workload's own 'cpus', else 1
  std::shared_ptr<const Workload> workload;  // kept alive for the runs that load it
  real::Program program;
};

// A path ending in .yaml or .yml is a workload; anything else is loaded as a program.
// Throws InputError naming the file when it cannot be loaded, and UsageError when an
// expectation names no shared variable of the workload or the target is a program.
ExploreTarget load_explore_target(const std::string& path, const std::vector<Expectation>& expectations);

}  // namespace schedlab::lab

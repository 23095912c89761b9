// Helpers for tests: build workloads inline, run them under a policy with the invariant
// checker on, and describe schedules compactly so expectations read like a Gantt chart.
#pragma once

#include <string>
#include <vector>

#include <schedlab/kernel.hpp>
#include <schedlab/trace.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::test {

struct Outcome {
  RunResult result;
  Trace trace;

  // Slices as "NAME@CPU:start-end(reason)" in the order they ended... sorted by start
  // then CPU, e.g. "P1@0:0-24". The reason is left out unless `with_reasons`.
  std::vector<std::string> gantt(bool with_reasons = false) const;
  const ProcessMetrics& process(const std::string& name) const;
  // A shared variable's value at the end of the run.
  std::int64_t variable(const std::string& name) const;
  // What print steps wrote, as "TIME TASK: TEXT" (or "TASK: TEXT" without the time).
  std::vector<std::string> printed(bool with_time = true) const;
  double average_waiting() const { return result.averages.waiting; }
};

// Load YAML text (throws InputError like the file loader).
Workload workload_from_yaml(const std::string& yaml);

// Run with the invariant checker on. `cpus` = 0 keeps the workload's own.
Outcome run_policy(const Workload& w, const std::string& policy_spec, CpuId cpus = 0, std::uint64_t seed = 1,
                   Ticks until = kNever);
// Run with an explicit kernel configuration.
Outcome run_policy_with(const Workload& w, const std::string& policy_spec, const KernelConfig& config);
Outcome run_yaml(const std::string& yaml, const std::string& policy_spec, CpuId cpus = 0);

// Run the CLI in-process.
struct CliResult {
  int code;
  std::string out;
  std::string err;
};
CliResult run_cli(const std::vector<std::string>& args);

// Absolute path of a file in the source tree, e.g. source_path("workloads/default.yaml").
std::string source_path(const std::string& relative);

}  // namespace schedlab::test

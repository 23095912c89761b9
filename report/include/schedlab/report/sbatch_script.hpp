// `compare ... --emit-sbatch FILE`: a ready Slurm script for a sweep. Run with bash, it
// queues a job array (one task per shard) and a merge job that runs when every task has
// succeeded; under sbatch it is one array task. docs/sweeps.md shows one and how it is used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace schedlab::report {

struct SbatchSweep {
  // The sweep's own arguments as given (workloads, policies, seeds, kernel options), without
  // the output, shard, -j and checkpoint options, which the script sets per task.
  std::vector<std::string> compare_args;
  std::string merge_format = "json";  // what the merge job prints: table, json or csv
  std::string output;                 // merge -o; empty: the merge job's log
  std::string report;                 // merge --report; empty: none
  std::uint64_t tasks = 16;           // array tasks = shards
  unsigned cpus_per_task = 1;         // each task's -j
  std::string schedlab;               // absolute path of the binary the jobs run
  std::string workdir;                // absolute: where the jobs run (relative paths start here)
  std::string script;                 // the script's own path as given, for its header
  std::string command_line;           // what wrote the script, for its header
};

std::string sbatch_script(const SbatchSweep& sweep);

}  // namespace schedlab::report

// compare --emit-sbatch FILE: instead of running the sweep, write the Slurm script that runs
// it as a job array plus a merge job (report/sbatch_script.hpp; docs/sweeps.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "options.hpp"

namespace schedlab::cli {

struct SbatchRequest {
  std::string path;         // FILE
  std::uint64_t tasks = 0;  // --tasks
  unsigned jobs = 0;        // -j: each task's cores (0: 1)
  std::string format, output, report;
};

// `args` and `desc`/`pos` are compare's own: the sweep's options are taken from them as
// the user wrote them, minus the ones the script sets per task.
void emit_sbatch(const std::vector<std::string>& args, const po::options_description& desc,
                 const po::positional_options_description& pos, const SbatchRequest& request, std::ostream& err);

}  // namespace schedlab::cli

// What an OSTEP homework ran on schedlab's kernel, for the outputs beyond the script's text
// (--trace, --format json, --gui): the workload it built, the policy spec and the traced run.
#pragma once

#include <string>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::lab::ostep {

struct HomeworkRun {
  bool ran = false;        // false when the script's options ask for no simulation (no -c)
  Workload workload;       // one process per job, in the script's job order
  std::string policy;      // schedlab's policy spec for the script's policy
  std::int64_t tick_scale = 1;  // kernel ticks per script time unit (10^k for decimal job lengths)
  Trace trace;
  RunResult result;
};

}  // namespace schedlab::lab::ostep

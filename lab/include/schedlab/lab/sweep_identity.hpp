// What decides a sweep's results, for a checkpoint to recognise its own sweep: the
// workloads as given (and the bytes of each workload file, so an edited file is noticed),
// the policies with every parameter spelled out, the seeds, the shard and every kernel
// option that changes a run. Not -j, the output format or paths: they never change a cell.
#pragma once

#include <schedlab/lab/sweep_runner.hpp>
#include <schedlab/report/sweep_checkpoint.hpp>

namespace schedlab::lab {

// Pairs named as the user wrote them ("--seeds", "1..20"), so a refusal reads as advice.
report::SweepIdentity sweep_identity(const SweepPlan& plan);

}  // namespace schedlab::lab

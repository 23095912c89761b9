// dm — deadline monotonic: the job of the task with the shortest relative deadline runs.
//
// Fixed priorities by relative deadline, preemptive and global: on N CPUs the N jobs of
// the shortest relative deadlines run. Equal relative deadlines: earlier release first,
// then the task's listing order; a running job is preempted only by a job of a strictly
// shorter relative deadline. Tasks that are not periodic run in the background, by
// arrival, when no job waits. With deadlines equal to periods it is rm.
// Does not: look at absolute deadlines (see edf).
#include "builtin.hpp"
#include "realtime_queue.hpp"

namespace schedlab::policies {
namespace {

class DeadlineMonotonic final : public RealtimeQueuePolicy {
 public:
  explicit DeadlineMonotonic(Context& ctx) : RealtimeQueuePolicy(ctx, "ready (by relative deadline)") {}

 protected:
  Ticks primary(const JobInfo& job, TaskId) const override { return job.relative_deadline; }
};

}  // namespace

void register_dm(PolicyRegistrar& r) {
  r.add(PolicyInfo{"dm", "deadline monotonic: shorter relative deadline first (preemptive, global)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<DeadlineMonotonic>(ctx); }});
}

}  // namespace schedlab::policies

// rm — rate monotonic: the job of the task with the shortest period runs.
//
// Fixed priorities by period, preemptive and global: on N CPUs the N jobs of the
// shortest periods run. Equal periods: earlier release first, then the task's listing
// order; a running job is preempted only by a job of a strictly shorter period. Tasks
// that are not periodic run in the background, by arrival, when no job waits.
// Does not: look at deadlines (see dm) or at the workload's priorities (see fp).
#include "builtin.hpp"
#include "realtime_queue.hpp"

namespace schedlab::policies {
namespace {

class RateMonotonic final : public RealtimeQueuePolicy {
 public:
  explicit RateMonotonic(Context& ctx) : RealtimeQueuePolicy(ctx, "ready (by period)") {}

 protected:
  Ticks primary(const JobInfo& job, TaskId) const override { return job.period; }
};

}  // namespace

void register_rm(PolicyRegistrar& r) {
  r.add(PolicyInfo{"rm", "rate monotonic: shorter period first (preemptive, global on N CPUs)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<RateMonotonic>(ctx); }});
}

}  // namespace schedlab::policies

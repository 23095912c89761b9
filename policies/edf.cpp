// edf — earliest deadline first: the job with the earliest absolute deadline runs.
//
// Preemptive and global: on N CPUs the N jobs with the earliest deadlines run. Equal
// deadlines: earlier release first, then the task's listing order; a running job is
// preempted only by a strictly earlier deadline. Tasks that are not periodic have no
// deadline: they run in the background, by arrival, when no job waits.
// Does not: abort late jobs (that is the workload's `on_miss`), or partition by itself
// (give jobs an `affinity`).
#include "builtin.hpp"
#include "realtime_queue.hpp"

namespace schedlab::policies {
namespace {

class Edf final : public RealtimeQueuePolicy {
 public:
  explicit Edf(Context& ctx) : RealtimeQueuePolicy(ctx, "ready (by absolute deadline)") {}

 protected:
  Ticks primary(const JobInfo& job, TaskId) const override { return job.absolute_deadline; }
};

}  // namespace

void register_edf(PolicyRegistrar& r) {
  r.add(PolicyInfo{"edf", "earliest deadline first (preemptive, global on N CPUs)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Edf>(ctx); }});
}

}  // namespace schedlab::policies

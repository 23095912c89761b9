// fp — fixed priority: the job whose task has the best `priority` (lower number) runs.
//
// Preemptive and global: on N CPUs the N jobs of the best priorities run. Equal
// priorities: earlier release first, then the task's listing order; a running job is
// preempted only by a strictly better priority. Ordinary processes compete by their
// priority too (their release is their arrival). The effective priority (raised by
// priority inheritance) is used.
// Does not: derive priorities from periods or deadlines (see rm, dm).
#include "builtin.hpp"
#include "realtime_queue.hpp"

namespace schedlab::policies {
namespace {

class FixedPriority final : public RealtimeQueuePolicy {
 public:
  explicit FixedPriority(Context& ctx) : RealtimeQueuePolicy(ctx, "ready (by priority)") {}

 protected:
  Ticks primary(const JobInfo&, TaskId t) const override { return ctx().task(t).priority; }
};

}  // namespace

void register_fp(PolicyRegistrar& r) {
  r.add(PolicyInfo{"fp", "fixed priority, lower number first, for periodic jobs (preemptive, global)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<FixedPriority>(ctx); }});
}

}  // namespace schedlab::policies

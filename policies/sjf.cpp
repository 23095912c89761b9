// sjf — Shortest Job First (non-preemptive), by the length of the next CPU burst.
//
// Ready tasks are ordered by (next burst, arrival, listing order); the chosen task runs
// its whole burst. "Next burst" is the CPU time the task will use before it next blocks,
// yields or ends, read from its program. Real-code tasks whose burst is unknown sort
// after every known burst.
// Does not: preempt (see srtf), or estimate bursts from history.
#include <tuple>

#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

class Sjf final : public Policy {
 public:
  using Policy::Policy;

  void enqueue(TaskId t, EnqueueReason) override {
    const TaskInfo info = ctx().task(t);
    queue_.push(t, Key{info.burst_remaining < 0 ? kNever : info.burst_remaining, info.arrival, t});
  }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (shortest burst first)", queue_.ordered()});
  }

 private:
  using Key = std::tuple<Ticks, Ticks, TaskId>;
  ReadyHeap<Key> queue_;
};

}  // namespace

void register_sjf(PolicyRegistrar& r) {
  r.add(PolicyInfo{"sjf", "shortest job first (non-preemptive), by the next CPU burst", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Sjf>(ctx); }});
}

}  // namespace schedlab::policies

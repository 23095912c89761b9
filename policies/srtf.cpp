// srtf — Shortest Remaining Time First (preemptive SJF).
//
// Ready tasks are ordered by (remaining burst, arrival, listing order). At the end of
// every instant the best waiting task preempts the running task with the longest
// remaining burst, but only if its own is strictly shorter: equal never preempts. With
// several CPUs the CPUs end up running the shortest tasks.
// Does not: estimate unknown bursts (real-code tasks sort last and never preempt).
#include <tuple>

#include <schedlab/policies/preemption.hpp>
#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

class Srtf final : public Policy {
 public:
  using Policy::Policy;

  void enqueue(TaskId t, EnqueueReason) override { queue_.push(t, key(t)); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void balance() override {
    // A waiting task's remaining burst does not change while it waits: the key it was
    // queued with is still its key (and asking the kernel again costs a lookup per instant).
    const Key best = queue_.top_key();
    preempt_worst(
        ctx(), std::get<2>(best), [&](TaskId x) { return key(x); },
        [&](TaskId, TaskId running) { return std::get<0>(best) < std::get<0>(key(running)); });
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (shortest remaining first)", queue_.ordered()});
  }

 private:
  using Key = std::tuple<Ticks, Ticks, TaskId>;
  Key key(TaskId t) const {
    const TaskInfo info = ctx().task(t);
    return Key{info.burst_remaining < 0 ? kNever : info.burst_remaining, info.arrival, t};
  }
  ReadyHeap<Key> queue_;
};

}  // namespace

void register_srtf(PolicyRegistrar& r) {
  r.add(PolicyInfo{"srtf", "shortest remaining time first (preemptive SJF)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Srtf>(ctx); }});
}

}  // namespace schedlab::policies

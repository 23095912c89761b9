// priority — static priority scheduling, lower number first.
//
// Ready tasks are ordered by (priority, arrival, listing order). Non-preemptive by
// default: the chosen task runs its whole burst. With preemptive=1, at the end of every
// instant the best waiting task preempts the running task of lowest priority if its own
// priority is strictly better. The effective priority (raised by priority inheritance)
// is used everywhere.
// Does not: age priorities, so low-priority tasks may starve.
#include <tuple>

#include <schedlab/policies/preemption.hpp>
#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

class Priority final : public Policy {
 public:
  Priority(Context& ctx, bool preemptive) : Policy(ctx), preemptive_(preemptive) {}

  void enqueue(TaskId t, EnqueueReason) override { queue_.push(t, key(t)); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void balance() override {
    if (!preemptive_) return;
    const TaskId best = std::get<2>(queue_.top_key());
    preempt_worst(
        ctx(), best, [&](TaskId x) { return key(x); },
        [&](TaskId waiting, TaskId running) { return std::get<0>(key(waiting)) < std::get<0>(key(running)); });
  }
  void priority_changed(TaskId t) override {
    if (!queue_.contains(t)) return;
    queue_.remove(t);
    queue_.push(t, key(t));
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (by priority)", queue_.ordered()});
  }

 private:
  using Key = std::tuple<int, Ticks, TaskId>;
  Key key(TaskId t) const {
    const TaskInfo info = ctx().task(t);
    return Key{info.priority, info.arrival, t};
  }
  bool preemptive_;
  ReadyHeap<Key> queue_;
};

}  // namespace

void register_priority(PolicyRegistrar& r) {
  r.add(PolicyInfo{"priority",
                   "static priority, lower number first",
                   {ParamSpec{"preemptive", ParamType::Bool, "0", "1: a better-priority task preempts at once"}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Priority>(ctx, p.get_bool("preemptive"));
                   }});
}

}  // namespace schedlab::policies

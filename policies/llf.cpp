// llf — least laxity first: the job with the least laxity runs, where laxity =
// absolute deadline - now - remaining work.
//
// Preemptive and global. A waiting job's laxity falls by one every tick while a running
// job's stays the same, so decisions are re-evaluated at every release and completion
// and, while jobs wait, every K ticks (`every`, default 1: every tick). With every=1 two
// jobs of equal laxity take turns tick by tick: the classic LLF thrashing. Equal laxity:
// the task's listing order first; a running job is preempted only by a strictly smaller
// laxity. Remaining work is the job's CPU ticks before it next blocks or ends. Tasks
// that are not periodic have no deadline: they run in the background.
// Does not: look ahead past a job's next I/O (its remaining work stops there).
#include <tuple>

#include <schedlab/policies/preemption.hpp>
#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

class LeastLaxity final : public Policy {
 public:
  LeastLaxity(Context& ctx, Ticks every) : Policy(ctx), every_(every) {}

  void enqueue(TaskId t, EnqueueReason) override {
    // Waiting, every job's laxity falls at the same rate: order by laxity + now.
    queue_.push(t, Key{laxity(t) + ctx().now(), ctx().job(t).order, t});
  }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void balance() override {
    const TaskId best = std::get<2>(queue_.top_key());
    const bool asked = preempt_worst(
        ctx(), best, [&](TaskId x) { return Key{laxity(x), ctx().job(x).order, x}; },
        [&](TaskId waiting, TaskId running) { return laxity(waiting) < laxity(running); });
    if (asked) return;  // balance() comes again once the CPU is handed out
    const Ticks at = ctx().now() + every_;
    if (timer_at_ != at) {  // look again in `every` ticks: the waiting jobs' laxity falls
      timer_at_ = at;
      ctx().set_timer(at);
    }
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (by laxity)", queue_.ordered()});
  }

 private:
  using Key = std::tuple<Ticks, std::uint32_t, TaskId>;
  Ticks laxity(TaskId t) const {
    const JobInfo job = ctx().job(t);
    if (job.absolute_deadline == kNever) return kNever / 2;  // no deadline: background
    return job.absolute_deadline - ctx().now() - (job.remaining < 0 ? 0 : job.remaining);
  }
  Ticks every_;
  Ticks timer_at_ = -1;
  ReadyHeap<Key> queue_;
};

}  // namespace

void register_llf(PolicyRegistrar& r) {
  r.add(PolicyInfo{"llf",
                   "least laxity first (preemptive, global), re-evaluated every K ticks",
                   {ParamSpec{"every", ParamType::Int, "1", "ticks between re-evaluations while jobs wait", 1}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<LeastLaxity>(ctx, p.get_int("every"));
                   }});
}

}  // namespace schedlab::policies

// stride — stride scheduling (Waldspurger, 1995): lottery's shares without the dice.
//
// A task's stride is kStride1 / tickets; its pass grows by stride x ticks it ran (a task
// that blocks early pays only for what it used). The ready task with the smallest pass
// runs next, for at most one quantum; equal passes go by arrival, then listing order.
// A task that arrives, or comes back from I/O, starts from the global pass (the pass of
// the last task picked) if its own is behind: time asleep earns no credit, so a sleeper
// cannot monopolise the CPU when it wakes. Over any window where the same tasks compete,
// each one's CPU time stays within about one quantum of its ticket share.
// Does not: preempt before the quantum ends, or adjust passes when tickets change.
#include <algorithm>
#include <tuple>

#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

class Stride final : public Policy {
 public:
  Stride(Context& ctx, Ticks quantum) : Policy(ctx), quantum_(quantum) {}

  void enqueue(TaskId t, EnqueueReason reason) override {
    if (t >= tasks_.size()) tasks_.resize(t + 1);
    Task& s = tasks_[t];
    if (reason == EnqueueReason::Arrival) {
      const TaskInfo info = ctx().task(t);
      s.stride = kStride1 / info.tickets;
      s.arrival = info.arrival;
    }
    if (reason == EnqueueReason::Arrival || reason == EnqueueReason::Wakeup) s.pass = std::max(s.pass, global_pass_);
    queue_.push(t, Key{s.pass, s.arrival, t});
  }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    global_pass_ = std::max(global_pass_, tasks_[t].pass);
    return Dispatch{t, quantum_};
  }
  void stopping(TaskId t, CpuId, Ticks ran, StopReason) override { tasks_[t].pass += ran * tasks_[t].stride; }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (smallest pass first)", queue_.ordered()});
  }

 private:
  // 720720 * 1000: divisible by every ticket count up to 16 and by 100, 200, 300, ...,
  // so common ticket ratios are exact; rounds by under 0.1% for a million tickets; a
  // pass holds 2^33 ticks of CPU time.
  static constexpr std::int64_t kStride1 = 720'720'000;
  using Key = std::tuple<std::int64_t, Ticks, TaskId>;

  struct Task {
    std::int64_t pass = 0;
    std::int64_t stride = kStride1;
    Ticks arrival = 0;
  };

  Ticks quantum_;
  std::vector<Task> tasks_;
  std::int64_t global_pass_ = 0;
  ReadyHeap<Key> queue_;
};

}  // namespace

void register_stride(PolicyRegistrar& r) {
  r.add(PolicyInfo{"stride",
                   "stride scheduling: deterministic proportional share on tickets",
                   {ParamSpec{"quantum", ParamType::Int, "10", "ticks a task may run before the next choice", 1}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Stride>(ctx, p.get_int("quantum"));
                   }});
}

}  // namespace schedlab::policies

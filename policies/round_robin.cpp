// rr — Round Robin with a fixed quantum.
//
// One FIFO ready queue; each dispatch gets a fresh slice of `quantum` ticks. A task with
// the quantum or less left finishes its burst in that slice. When the slice runs out the
// task goes to the tail, behind anything that became ready earlier — and, by the
// kernel's same-instant order, ahead of tasks arriving at that same tick. A lone task
// whose quantum ends is dispatched again at once (no context switch is counted).
// Does not: use priorities, or give a returning I/O task any advantage.
#include "builtin.hpp"
#include <schedlab/policies/ready_fifo.hpp>

namespace schedlab::policies {
namespace {

class RoundRobin final : public Policy {
 public:
  RoundRobin(Context& ctx, Ticks quantum) : Policy(ctx), quantum_(quantum) {}

  void enqueue(TaskId t, EnqueueReason) override { queue_.push_back(t); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_first([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, quantum_};
  }
  void describe(QueueSnapshot& out) const override {
    auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"ready", {}});
    queue_.for_each([&](TaskId t) { q.tasks.push_back(t); });
  }

 private:
  Ticks quantum_;
  ReadyFifo queue_;
};

}  // namespace

void register_round_robin(PolicyRegistrar& r) {
  r.add(PolicyInfo{"rr",
                   "round robin: FIFO with a time quantum",
                   {ParamSpec{"quantum", ParamType::Int, "4", "ticks a task may run before it goes to the tail", 1}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<RoundRobin>(ctx, p.get_int("quantum"));
                   }});
}

}  // namespace schedlab::policies

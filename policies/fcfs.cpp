// fcfs — First-Come, First-Served.
//
// One FIFO ready queue in the order tasks became ready; a task runs until it blocks or
// ends (no quantum, never preempted). Tasks that become ready at the same instant queue
// in the kernel's same-instant order (arrivals in listing order, then I/O completions).
// Does not: look at burst lengths or priorities; it suffers the convoy effect by design.
#include "builtin.hpp"
#include <schedlab/policies/ready_fifo.hpp>

namespace schedlab::policies {
namespace {

class Fcfs final : public Policy {
 public:
  using Policy::Policy;

  void enqueue(TaskId t, EnqueueReason) override { queue_.push_back(t); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_first([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void describe(QueueSnapshot& out) const override {
    auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"ready", {}});
    queue_.for_each([&](TaskId t) { q.tasks.push_back(t); });
  }

 private:
  ReadyFifo queue_;
};

}  // namespace

void register_fcfs(PolicyRegistrar& r) {
  r.add(PolicyInfo{"fcfs", "first-come first-served: FIFO, runs each burst to completion", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Fcfs>(ctx); }});
}

}  // namespace schedlab::policies

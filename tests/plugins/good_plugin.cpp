// A correct plugin with two policies, for the loader tests.
//   lifo       last in, first out, non-preemptive
//   every-nth  round robin whose quantum is a parameter (checks parameters reach the factory)
#include <deque>

#include <schedlab/plugin.hpp>
#include <schedlab/policies/ready_fifo.hpp>

namespace {

using namespace schedlab;

class Lifo final : public Policy {
 public:
  using Policy::Policy;
  void enqueue(TaskId t, EnqueueReason) override { queue_.push_front(t); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_first([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void describe(QueueSnapshot& out) const override {
    auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"stack", {}});
    queue_.for_each([&](TaskId t) { q.tasks.push_back(t); });
  }

 private:
  policies::ReadyFifo queue_;
};

class EveryNth final : public Policy {
 public:
  EveryNth(Context& ctx, Ticks quantum) : Policy(ctx), quantum_(quantum) {}
  void enqueue(TaskId t, EnqueueReason) override { queue_.push_back(t); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_first([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, quantum_};
  }

 private:
  Ticks quantum_;
  policies::ReadyFifo queue_;
};

void register_policies(PolicyRegistrar& r) {
  r.add(PolicyInfo{"lifo", "last in, first out (test plugin)", {},
                   [](Context& ctx, const PolicyParams&) { return std::make_unique<Lifo>(ctx); }});
  r.add(PolicyInfo{"every-nth",
                   "round robin (test plugin)",
                   {ParamSpec{"quantum", ParamType::Int, "3", "ticks per turn", 1, 100}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<EveryNth>(ctx, p.get_int("quantum"));
                   }});
}

}  // namespace

SCHEDLAB_PLUGIN("good-test-plugin", register_policies)

// fgbg — two classes: a foreground round robin over a background FCFS.
//
// A template for policy plugins (docs/writing-a-policy.md): one file, built out of tree
// against an installed schedlab with the CMakeLists.txt next to it.
//
// Tasks whose priority is below `background` (default 3) are foreground: they share the
// CPUs round robin, `quantum` ticks (default 4) at a time. The others are background:
// first come first served with no quantum, run only when no foreground task waits, and
// preempted (at the end of the instant, in balance()) as soon as one does; a preempted
// background task resumes first. Ties follow the kernel's order: the order of enqueue().
// Does not: age background tasks. Under steady foreground load they starve (check-policy
// says so).
#include <schedlab/plugin.hpp>
#include <schedlab/policies/ready_fifo.hpp>

namespace {

using namespace schedlab;
using schedlab::policies::ReadyFifo;

class ForegroundBackground final : public Policy {
 public:
  ForegroundBackground(Context& ctx, Ticks quantum, int background)
      : Policy(ctx), quantum_(quantum), background_(background) {}

  void enqueue(TaskId t, EnqueueReason why) override {
    if (foreground(t)) fg_.push_back(t);
    else if (why == EnqueueReason::Preempted) bg_.push_front(t);  // it was first: it stays first
    else bg_.push_back(t);
  }
  void dequeue(TaskId t) override { (fg_.contains(t) ? fg_ : bg_).remove(t); }
  bool has_ready() const override { return !fg_.empty() || !bg_.empty(); }

  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const auto may_run = [&](TaskId t) { return ctx().allowed_on(t, cpu); };
    if (const TaskId t = fg_.pop_first(may_run); t != kNoTask) return Dispatch{t, quantum_};
    if (const TaskId t = bg_.pop_first(may_run); t != kNoTask) return Dispatch{t, kNever};
    return std::nullopt;  // nothing allowed on this CPU
  }

  // A waiting foreground task takes the CPU of a background one (one per call: the kernel
  // calls again after handing the CPU out).
  void balance() override {
    for (CpuId cpu = 0; cpu < ctx().cpu_count(); ++cpu) {
      const TaskId running = ctx().running_on(cpu);
      if (running == kNoTask || foreground(running)) continue;
      bool wanted = false;
      fg_.for_each([&](TaskId t) { wanted = wanted || ctx().allowed_on(t, cpu); });
      if (wanted) {
        ctx().preempt(cpu);
        return;
      }
    }
  }

  // Priority inheritance may move a waiting task to the other class.
  void priority_changed(TaskId t) override {
    if (foreground(t) ? bg_.contains(t) : fg_.contains(t)) {
      dequeue(t);
      enqueue(t, EnqueueReason::Wakeup);
    }
  }

  void describe(QueueSnapshot& out) const override {
    for (const auto* q : {&fg_, &bg_}) {
      auto& shown = out.queues.emplace_back(QueueSnapshot::Queue{q == &fg_ ? "foreground" : "background", {}});
      q->for_each([&](TaskId t) { shown.tasks.push_back(t); });
    }
  }

 private:
  bool foreground(TaskId t) const { return ctx().task(t).priority < background_; }

  Ticks quantum_;
  int background_;
  ReadyFifo fg_, bg_;
};

void register_policies(PolicyRegistrar& r) {
  r.add(PolicyInfo{
      "fgbg",
      "foreground round robin over background FCFS (by priority)",
      {ParamSpec{"quantum", ParamType::Int, "4", "ticks a foreground task runs before the next one's turn", 1},
       ParamSpec{"background", ParamType::Int, "3", "tasks with this priority or a higher number are background"}},
      [](Context& ctx, const PolicyParams& p) {
        return std::make_unique<ForegroundBackground>(ctx, p.get_int("quantum"),
                                                      static_cast<int>(p.get_int("background")));
      }});
}

}  // namespace

SCHEDLAB_PLUGIN("fgbg-example", register_policies)

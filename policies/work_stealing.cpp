// steal — per-CPU round-robin run queues with work stealing.
//
// Every CPU has its own FIFO run queue; a task runs for at most one quantum, then goes to
// the tail of the queue of the CPU it ran on. A new task joins the least loaded CPU it may
// use (queued + running; ties: lowest CPU id); a task back from I/O returns to the CPU it
// last ran on (its cache is warm there) if its affinity allows. A CPU with an empty queue
// steals the newest task from the tail of the longest queue (ties: lowest CPU id) holding
// a task it may run — as Cilk and Go do — so no CPU idles while another has work queued.
// Compare with `rr` (one global queue): fewer migrations, worse balance in between
// steals; `schedlab run` reports migrations and per-CPU utilization.
// Does not: migrate tasks except by stealing (no periodic rebalancing), preempt, or
// use priorities.
#include <algorithm>
#include <string>

#include "builtin.hpp"
#include "keyed_queue.hpp"

namespace schedlab::policies {
namespace {

class WorkStealing final : public Policy {
 public:
  WorkStealing(Context& ctx, Ticks quantum) : Policy(ctx), quantum_(quantum) {
    for (CpuId c = 0; c < ctx.cpu_count(); ++c) queues_.emplace_back(members_);
  }

  void enqueue(TaskId t, EnqueueReason reason) override {
    if (t >= home_.size()) home_.resize(t + 1, kNoCpu);
    CpuId& home = home_[t];
    if (reason == EnqueueReason::Arrival || home == kNoCpu || !ctx().allowed_on(t, home)) home = least_loaded(t);
    queues_[home].insert(t, ++tail_key_);
    ++ready_;
  }
  void dequeue(TaskId t) override {
    queues_[home_[t]].remove(t);
    --ready_;
  }
  bool has_ready() const override { return ready_ > 0; }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    auto allowed = [&](TaskId x) { return ctx().allowed_on(x, cpu); };
    TaskId t = queues_[cpu].pop_first(allowed);
    for (std::size_t tries = 0; t == kNoTask && tries < queues_.size(); ++tries) {
      // Steal from the longest other queue; a victim with nothing for us is skipped.
      CpuId victim = kNoCpu;
      for (CpuId c = 0; c < queues_.size(); ++c)
        if (c != cpu && !queues_[c].empty() && !skipped(c) && (victim == kNoCpu || queues_[c].size() > queues_[victim].size()))
          victim = c;
      if (victim == kNoCpu) break;
      t = queues_[victim].pop_last(allowed);
      if (t == kNoTask) skip_.push_back(victim);
    }
    skip_.clear();
    if (t == kNoTask) return std::nullopt;
    --ready_;
    home_[t] = cpu;
    return Dispatch{t, quantum_};
  }
  void describe(QueueSnapshot& out) const override {
    for (std::size_t c = 0; c < queues_.size(); ++c) {
      auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"cpu " + std::to_string(c), {}});
      queues_[c].for_each([&](TaskId t) { q.tasks.push_back(t); });
    }
  }

 private:
  CpuId least_loaded(TaskId t) const {
    CpuId best = kNoCpu;
    std::size_t best_load = 0;
    for (CpuId c = 0; c < queues_.size(); ++c) {
      if (!ctx().allowed_on(t, c)) continue;
      const std::size_t load = queues_[c].size() + (ctx().running_on(c) != kNoTask ? 1 : 0);
      if (best == kNoCpu || load < best_load) {
        best = c;
        best_load = load;
      }
    }
    return best;
  }
  bool skipped(CpuId c) const { return std::find(skip_.begin(), skip_.end(), c) != skip_.end(); }

  Ticks quantum_;
  Membership members_;
  std::vector<KeyedQueue> queues_;
  std::vector<CpuId> home_;  // the queue a task is in, or the CPU it last ran on
  std::vector<CpuId> skip_;
  std::size_t ready_ = 0;
  std::int64_t tail_key_ = 0;
};

}  // namespace

void register_work_stealing(PolicyRegistrar& r) {
  r.add(PolicyInfo{"steal",
                   "per-CPU round-robin queues; an idle CPU steals from the longest queue",
                   {ParamSpec{"quantum", ParamType::Int, "4", "ticks a task may run before it goes to the tail", 1}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<WorkStealing>(ctx, p.get_int("quantum"));
                   }});
}

}  // namespace schedlab::policies

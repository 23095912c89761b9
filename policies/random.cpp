// random — a uniform choice among the ready tasks at every scheduling point.
//
// For schedule exploration (docs/real-tasks.md): with the default 1-tick quantum every
// tick of CPU work is a scheduling point, and each pick draws uniformly among the ready
// tasks allowed on the CPU, from a 64-bit Mersenne Twister seeded with `seed` (0: the
// run's --seed). So the seed alone names the schedule, and replaying it reproduces it.
// Not meant for performance comparisons: it has no notion of fairness or priority.
#include <random>
#include <vector>

#include "builtin.hpp"
#include "uniform_draw.hpp"

namespace schedlab::policies {
namespace {

class Random final : public Policy {
 public:
  Random(Context& ctx, Ticks quantum, std::uint64_t seed)
      : Policy(ctx), quantum_(quantum), rng_(seed != 0 ? seed : ctx.seed()) {}

  // O(1) enqueue, dequeue and pick (a slot per task, swap-with-last removal), so a run of
  // 10^6 ready tasks costs no more per decision than one of 5. The removal reorders the
  // list, but only as a function of the history, so a seed still names one schedule.
  void enqueue(TaskId t, EnqueueReason) override {
    if (slot_.size() <= t) slot_.resize(t + 1, kAbsent);
    slot_[t] = ready_.size();
    ready_.push_back(t);
  }
  void dequeue(TaskId t) override { take(slot_[t]); }
  bool has_ready() const override { return !ready_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    std::size_t at = draw(ready_.size());
    if (!ctx().allowed_on(ready_[at], cpu)) {  // affinity (rare): draw among the allowed ones
      allowed_.clear();
      for (std::size_t i = 0; i < ready_.size(); ++i)
        if (ctx().allowed_on(ready_[i], cpu)) allowed_.push_back(i);
      if (allowed_.empty()) return std::nullopt;
      at = allowed_[draw(allowed_.size())];
    }
    const TaskId t = ready_[at];
    take(at);
    return Dispatch{t, quantum_};
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (any may be drawn)", ready_});
  }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  void take(std::size_t at) {
    slot_[ready_[at]] = kAbsent;
    if (at + 1 != ready_.size()) {
      ready_[at] = ready_.back();
      slot_[ready_[at]] = at;
    }
    ready_.pop_back();
  }
  std::size_t draw(std::size_t n) { return static_cast<std::size_t>(uniform_below(rng_, n)); }

  Ticks quantum_;
  std::mt19937_64 rng_;
  std::vector<TaskId> ready_;
  std::vector<std::size_t> slot_;  // by TaskId: index in ready_, or kAbsent
  std::vector<std::size_t> allowed_;
};

}  // namespace

void register_random(PolicyRegistrar& r) {
  r.add(PolicyInfo{"random",
                   "uniform random choice among ready tasks at every scheduling point (schedule exploration)",
                   {ParamSpec{"quantum", ParamType::Int, "1", "ticks a task runs before the next draw", 1},
                    ParamSpec{"seed", ParamType::Int, "0", "random seed (0: the run's --seed)", 0}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Random>(ctx, p.get_int("quantum"),
                                                     static_cast<std::uint64_t>(p.get_int("seed")));
                   }});
}

}  // namespace schedlab::policies

// pct — probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010).
//
// Every task gets a random priority when it first arrives, all above `depth`; the highest
// priority ready task runs. Before the run, depth-1 change points are drawn among the
// first `steps` scheduling steps (a step = a pick, so with the 1-tick quantum a tick of
// CPU work); at the i-th change point the task that ran last drops to priority depth-i,
// below every initial priority. A bug that needs d ordering constraints is then found
// with probability at least 1/(n * k^(d-1)) per run (n tasks, k steps), whatever the
// program does. Random draws come from the run's seed (or `seed`), so a seed replays.
#include <iterator>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "builtin.hpp"
#include "uniform_draw.hpp"

namespace schedlab::policies {
namespace {

class Pct final : public Policy {
 public:
  Pct(Context& ctx, Ticks quantum, std::int64_t depth, std::int64_t steps, std::uint64_t seed)
      : Policy(ctx), quantum_(quantum), depth_(depth), rng_(seed != 0 ? seed : ctx.seed()) {
    // depth-1 distinct change points in [1, steps] (fewer if steps is smaller).
    std::vector<std::int64_t> all(static_cast<std::size_t>(steps));
    for (std::int64_t i = 0; i < steps; ++i) all[static_cast<std::size_t>(i)] = i + 1;
    for (std::int64_t i = 0; i < depth - 1 && i < steps; ++i) {
      const auto j = static_cast<std::size_t>(i) + draw(all.size() - static_cast<std::size_t>(i));
      std::swap(all[static_cast<std::size_t>(i)], all[j]);
      change_points_.push_back(all[static_cast<std::size_t>(i)]);
    }
  }

  void enqueue(TaskId t, EnqueueReason) override {
    if (priority_.size() <= t) priority_.resize(t + 1, kUnset);
    // A new task slots in at a random place among the initial priorities (> depth).
    if (priority_[t] == kUnset) priority_[t] = depth_ + 1 + static_cast<std::int64_t>(rng_() >> 2);
    ready_.emplace(priority_[t], t);
  }
  void dequeue(TaskId t) override { ready_.erase({priority_[t], t}); }
  bool has_ready() const override { return !ready_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    ++step_;
    for (std::size_t i = 0; i < change_points_.size(); ++i)
      if (change_points_[i] == step_ && last_ != kNoTask) {
        // i-th change point: the last task drops to depth-(i+1). It may be Ready: re-key it.
        const bool queued = ready_.erase({priority_[last_], last_}) > 0;
        priority_[last_] = depth_ - 1 - static_cast<std::int64_t>(i);
        if (queued) ready_.emplace(priority_[last_], last_);
      }
    // Highest priority first (O(log n)); past tasks the CPU's affinity excludes.
    for (auto it = ready_.rbegin(); it != ready_.rend(); ++it)
      if (ctx().allowed_on(it->second, cpu)) {
        const TaskId t = it->second;
        ready_.erase(std::next(it).base());
        return Dispatch{t, quantum_};
      }
    return std::nullopt;
  }
  void running(TaskId t, CpuId) override { last_ = t; }
  void describe(QueueSnapshot& out) const override {
    auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"ready (by priority)", {}});
    for (auto it = ready_.rbegin(); it != ready_.rend(); ++it) q.tasks.push_back(it->second);
  }

 private:
  static constexpr std::int64_t kUnset = INT64_MIN;

  std::size_t draw(std::size_t n) { return static_cast<std::size_t>(uniform_below(rng_, n)); }

  Ticks quantum_;
  std::int64_t depth_;
  std::mt19937_64 rng_;
  std::vector<std::int64_t> change_points_;
  std::vector<std::int64_t> priority_;  // by TaskId; higher runs first
  std::set<std::pair<std::int64_t, TaskId>> ready_;  // (priority, task): the last is next
  std::int64_t step_ = 0;
  TaskId last_ = kNoTask;
};

}  // namespace

void register_pct(PolicyRegistrar& r) {
  r.add(PolicyInfo{"pct",
                   "probabilistic concurrency testing: random priorities, depth-1 change points (schedule exploration)",
                   {ParamSpec{"depth", ParamType::Int, "3", "bug depth d: d-1 priority change points", 1, 64},
                    ParamSpec{"steps", ParamType::Int, "100", "estimated scheduling steps of a run (change points fall in 1..steps)", 1, 1'000'000},
                    ParamSpec{"quantum", ParamType::Int, "1", "ticks a task runs before the next step", 1},
                    ParamSpec{"seed", ParamType::Int, "0", "random seed (0: the run's --seed)", 0}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Pct>(ctx, p.get_int("quantum"), p.get_int("depth"), p.get_int("steps"),
                                                  static_cast<std::uint64_t>(p.get_int("seed")));
                   }});
}

}  // namespace schedlab::policies

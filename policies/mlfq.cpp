// mlfq — Multi-Level Feedback Queue, rule for rule as docs/policies.md states them.
//
// Levels are numbered from 0 (top, most important) down to N-1. A task keeps, per level,
// a quantum budget (`quantum_left`) and an allotment (quanta it may still use there):
// - arrivals enter the top level; a CPU runs the head of the highest non-empty level;
// - the budget is refilled only when it runs out, on demotion, on a boost and, with
//   stay_on_io=1, when the task blocks; preemption and (by default) I/O leave it as is;
// - a budget that runs out (also on the very tick the task starts I/O) costs one unit of
//   allotment; with none left the task drops a level (the bottom keeps it), then joins
//   the tail of its level; with stay_on_io=1 blocking charges nothing;
// - a waiting task of a higher level preempts at once, and so does an io_front=1 task
//   back from I/O, which goes to the front of its level;
// - every `boost` ticks the levels are drained, lowest first and each in queue order,
//   onto the top level, and every task gets a fresh budget and allotment.
// Order inside a level is a key: tail keys grow, front keys shrink, and a task keeps its
// key while it runs, so a preempted task goes back exactly where it was — at the head,
// behind only what io_front put in front of it meanwhile (as in OSTEP's mlfq.py, where
// the running job never leaves the head of its queue).
// Does not: estimate bursts, age tasks other than by the boost, or look at priorities.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <schedlab/policies/preemption.hpp>

#include "builtin.hpp"
#include "keyed_queue.hpp"

namespace schedlab::policies {
namespace {

struct MlfqConfig {
  std::vector<std::int32_t> quantum;    // per level, top first
  std::vector<std::int32_t> allotment;  // per level, top first
  Ticks boost = 0;               // 0: never
  bool stay_on_io = false;
  bool io_front = false;
};

class Mlfq final : public Policy {
 public:
  Mlfq(Context& ctx, MlfqConfig config) : Policy(ctx), cfg_(std::move(config)), since_(ctx.cpu_count(), 0) {
    for (std::size_t i = 0; i < cfg_.quantum.size(); ++i) levels_.emplace_back(members_);
    if (cfg_.boost > 0) ctx.set_timer(cfg_.boost);
  }

  void enqueue(TaskId t, EnqueueReason reason) override {
    Task& s = state(t);
    switch (reason) {
      case EnqueueReason::Preempted: break;  // back to the place it ran from
      case EnqueueReason::Wakeup: s.key = cfg_.io_front ? --front_key_ : ++tail_key_; break;
      case EnqueueReason::Arrival:
      case EnqueueReason::QuantumExpired:
      case EnqueueReason::Yielded: s.key = ++tail_key_; break;
    }
    levels_[s.level].insert(t, s.key);
    ++ready_;
  }
  void dequeue(TaskId t) override {
    levels_[state(t).level].remove(t);
    --ready_;
  }
  bool has_ready() const override { return ready_ > 0; }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    for (KeyedQueue& level : levels_) {
      if (level.empty()) continue;
      const TaskId t = level.pop_first([&](TaskId x) { return ctx().allowed_on(x, cpu); });
      if (t == kNoTask) continue;
      --ready_;
      return Dispatch{t, state(t).quantum_left};
    }
    return std::nullopt;
  }
  void running(TaskId, CpuId cpu) override { since_[cpu] = ctx().now(); }
  void stopping(TaskId t, CpuId cpu, Ticks, StopReason why) override {
    Task& s = state(t);
    s.quantum_left -= static_cast<std::int32_t>(ctx().now() - since_[cpu]);
    switch (why) {
      case StopReason::QuantumExpired: expire(t, s); break;
      case StopReason::BurstDone:  // I/O or sleep
      case StopReason::Blocked:
        if (cfg_.stay_on_io) refill(s);
        else if (s.quantum_left == 0) expire(t, s);
        break;
      case StopReason::Yielded:
        if (s.quantum_left == 0) expire(t, s);
        break;
      case StopReason::Preempted:  // keeps its key and the rest of its budget
      case StopReason::Exited:
      case StopReason::Killed: break;
    }
  }
  // The best waiting task takes the CPU of the worst running one if it ranks strictly
  // before it: a higher level, or the same level and an earlier place (io_front).
  void balance() override {
    for (KeyedQueue& level : levels_) {
      if (level.empty()) continue;
      const TaskId best = level.front();
      preempt_worst(ctx(), best, [&](TaskId x) { return rank(x); },
                    [&](TaskId waiting, TaskId running) { return rank(waiting) < rank(running); });
      return;
    }
  }
  void timer() override {
    boost();
    ctx().set_timer(ctx().now() + cfg_.boost);
  }
  void task_dead(TaskId t) override { forget_below_top(state(t)); }
  void describe(QueueSnapshot& out) const override {
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      auto& q = out.queues.emplace_back(
          QueueSnapshot::Queue{"level " + std::to_string(i) + " (quantum " + std::to_string(cfg_.quantum[i]) + ")", {}});
      levels_[i].for_each([&](TaskId t) { q.tasks.push_back(t); });
    }
  }

 private:
  struct Task {  // 24 bytes: there may be millions
    std::int64_t key = 0;            // its place in its level
    std::int32_t quantum_left = 0;   // budget left at its level
    std::int32_t allot_left = 0;     // quanta left at its level
    std::uint32_t boosts = 0;        // boosts_ when its budget was last set; older means fresh
    std::uint32_t below_top_at : 26 = kNotBelowTop;  // index in below_top_
    std::uint32_t level : 6 = 0;
  };
  static constexpr std::uint32_t kNotBelowTop = (1u << 26) - 1;
  static_assert(sizeof(Task) == 24);

  Task& state(TaskId t) {
    if (t >= tasks_.size()) tasks_.resize(t + 1, fresh_top());
    Task& s = tasks_[t];
    if (s.boosts != boosts_) {  // a boost happened since: top level, fresh budget (lazily)
      s.quantum_left = cfg_.quantum[0];
      s.allot_left = cfg_.allotment[0];
      s.boosts = boosts_;
    }
    return s;
  }
  Task fresh_top() const {
    Task s;
    s.quantum_left = cfg_.quantum[0];
    s.allot_left = cfg_.allotment[0];
    s.boosts = boosts_;
    return s;
  }
  void refill(Task& s) const {
    s.quantum_left = cfg_.quantum[static_cast<std::size_t>(s.level)];
    s.allot_left = cfg_.allotment[static_cast<std::size_t>(s.level)];
  }
  // Its budget ran out: charge the allotment; demote when it is used up.
  void expire(TaskId t, Task& s) {
    if (--s.allot_left > 0) {
      s.quantum_left = cfg_.quantum[static_cast<std::size_t>(s.level)];
      return;
    }
    if (s.level + 1 < static_cast<int>(levels_.size())) {
      if (s.level == 0) {
        s.below_top_at = static_cast<std::uint32_t>(below_top_.size());
        below_top_.push_back(t);
      }
      ++s.level;
      ctx().set_level(t, s.level);
    }
    refill(s);
  }
  void forget_below_top(Task& s) {
    if (s.below_top_at == kNotBelowTop) return;
    const TaskId last = below_top_.back();
    tasks_[last].below_top_at = s.below_top_at;
    below_top_[s.below_top_at] = last;
    below_top_.pop_back();
    s.below_top_at = kNotBelowTop;
  }
  std::pair<int, std::int64_t> rank(TaskId t) {
    const Task& s = state(t);
    return {s.level, s.key};
  }

  // Drain the lower levels, lowest first, onto the tail of the top level; a running task
  // counts at its place in its level. Then everything is at the top with a fresh budget.
  void boost() {
    const Ticks now = ctx().now();
    std::vector<std::pair<std::int64_t, CpuId>> running;
    for (std::size_t level = levels_.size() - 1; level >= 1; --level) {
      running.clear();
      for (CpuId c = 0; c < ctx().cpu_count(); ++c) {
        const TaskId r = ctx().running_on(c);
        if (r != kNoTask && state(r).level == static_cast<int>(level)) running.emplace_back(state(r).key, c);
      }
      std::sort(running.begin(), running.end());
      std::size_t next_running = 0;
      auto lift_running_before = [&](std::int64_t key) {
        for (; next_running < running.size() && running[next_running].first < key; ++next_running)
          state(ctx().running_on(running[next_running].second)).key = ++tail_key_;
      };
      levels_[level].drain([&](TaskId t, std::int64_t key) {
        lift_running_before(key);
        state(t).key = ++tail_key_;
        levels_[0].insert(t, tail_key_);
      });
      lift_running_before(kNever);
    }
    ++boosts_;
    for (const TaskId t : below_top_) {
      Task& s = state(t);
      s.level = 0;
      s.below_top_at = kNotBelowTop;
      ctx().set_level(t, 0);
    }
    below_top_.clear();
    for (CpuId c = 0; c < ctx().cpu_count(); ++c) {
      const TaskId r = ctx().running_on(c);
      if (r == kNoTask) continue;
      since_[c] = now;
      ctx().set_slice(c, cfg_.quantum[0]);
    }
  }

  MlfqConfig cfg_;
  std::vector<Ticks> since_;  // per CPU: when its task was dispatched or last refilled
  Membership members_;
  std::vector<KeyedQueue> levels_;
  std::vector<Task> tasks_;  // by TaskId
  std::vector<TaskId> below_top_;  // tasks not at level 0 (for the boost)
  std::size_t ready_ = 0;
  std::int64_t tail_key_ = 0;
  std::int64_t front_key_ = 0;
  std::uint32_t boosts_ = 0;
};

// "quantum=2/4/8": a list fixes the number of levels; one value applies to every level.
template <typename T>
std::vector<T> per_level(const std::vector<std::int64_t>& given, std::size_t levels) {
  std::vector<T> out;
  for (std::size_t i = 0; i < levels; ++i) out.push_back(static_cast<T>(given.size() == 1 ? given[0] : given[i]));
  return out;
}

std::unique_ptr<Policy> make_mlfq(Context& ctx, const PolicyParams& p) {
  const auto& quantum = p.get_list("quantum");
  const auto& allotment = p.get_list("allotment");
  const auto queues = static_cast<std::size_t>(p.get_int("queues"));
  if (quantum.size() > 1 && allotment.size() > 1 && quantum.size() != allotment.size())
    throw std::invalid_argument("mlfq: quantum lists " + std::to_string(quantum.size()) + " levels but allotment " +
                                std::to_string(allotment.size()));
  const std::size_t listed = std::max(quantum.size(), allotment.size());
  // queues= is the default 3 unless given; a list that says otherwise wins over the default.
  if (listed > 1 && queues != listed && queues != 3)
    throw std::invalid_argument("mlfq: queues=" + std::to_string(queues) + " but the lists give " +
                                std::to_string(listed) + " levels");
  const std::size_t levels = listed > 1 ? listed : queues;
  MlfqConfig cfg;
  cfg.quantum = per_level<std::int32_t>(quantum, levels);
  cfg.allotment = per_level<std::int32_t>(allotment, levels);
  cfg.boost = p.get_int("boost");
  cfg.stay_on_io = p.get_bool("stay_on_io");
  cfg.io_front = p.get_bool("io_front");
  return std::make_unique<Mlfq>(ctx, std::move(cfg));
}

}  // namespace

void register_mlfq(PolicyRegistrar& r) {
  r.add(PolicyInfo{
      "mlfq",
      "multi-level feedback queue (OSTEP rules: per-level quantum budget, allotment, boost)",
      {ParamSpec{"queues", ParamType::Int, "3", "number of levels (a quantum or allotment list fixes it)", 1, 64},
       ParamSpec{"quantum", ParamType::IntList, "10", "ticks of budget per level, top first: 10 or 2/4/8", 1,
                 1'000'000'000},
       ParamSpec{"allotment", ParamType::IntList, "1", "quanta a task may use at a level before it drops, top first",
                 1, 1'000'000'000},
       ParamSpec{"boost", ParamType::Int, "0", "move everything to the top every this many ticks (0: never)", 0},
       ParamSpec{"stay_on_io", ParamType::Bool, "0", "1: issuing I/O refills budget and allotment"},
       ParamSpec{"io_front", ParamType::Bool, "0", "1: a task back from I/O goes to the front of its level"}},
      make_mlfq});
}

}  // namespace schedlab::policies

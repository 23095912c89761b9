// lottery — lottery scheduling (Waldspurger & Weihl, 1994).
//
// Every ready task holds its `tickets:` (default 100). Each time a CPU needs work a ticket
// is drawn uniformly among the ready tasks' tickets and its holder runs for one quantum;
// over many draws each task's share of the CPU tends to its share of the tickets. The
// draws come from a 64-bit Mersenne Twister seeded with `seed` (0: the run's --seed), so a
// run replays exactly. Drawing is O(log n) (a Fenwick tree over task ids). With
// affinities, a drawn task that may not run on the CPU is drawn again (which keeps the
// odds proportional among the allowed tasks); after 64 misses the allowed tasks are
// counted one by one.
// Does not: preempt before the quantum ends, transfer or inflate tickets, or give
// compensation tickets to tasks that block early (an I/O-bound task gets less than its
// share — a measured effect, not a bug).
#include <random>

#include "builtin.hpp"
#include "ticket_tree.hpp"
#include "uniform_draw.hpp"

namespace schedlab::policies {
namespace {

class Lottery final : public Policy {
 public:
  Lottery(Context& ctx, Ticks quantum, std::uint64_t seed)
      : Policy(ctx), quantum_(quantum), rng_(seed != 0 ? seed : ctx.seed()) {}

  void enqueue(TaskId t, EnqueueReason) override {
    tickets_.add(t, ctx().task(t).tickets);
    ++ready_;
  }
  void dequeue(TaskId t) override { take(t); }
  bool has_ready() const override { return ready_ > 0; }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    TaskId winner = kNoTask;
    for (int tries = 0; tries < 64 && winner == kNoTask; ++tries) {
      const TaskId t = tickets_.find(draw(tickets_.total()));
      if (ctx().allowed_on(t, cpu)) winner = t;
    }
    if (winner == kNoTask) winner = draw_among_allowed(cpu);
    if (winner == kNoTask) return std::nullopt;
    take(winner);
    return Dispatch{winner, quantum_};
  }
  void describe(QueueSnapshot& out) const override {
    auto& q = out.queues.emplace_back(QueueSnapshot::Queue{"ready (holding tickets)", {}});
    tickets_.for_each([&](TaskId t, std::int64_t) { q.tasks.push_back(t); });
  }

 private:
  void take(TaskId t) {
    tickets_.add(t, -tickets_.tickets(t));
    --ready_;
  }
  std::int64_t draw(std::int64_t n) {
    return static_cast<std::int64_t>(uniform_below(rng_, static_cast<std::uint64_t>(n)));
  }
  TaskId draw_among_allowed(CpuId cpu) {
    std::int64_t total = 0;
    tickets_.for_each([&](TaskId t, std::int64_t w) { total += ctx().allowed_on(t, cpu) ? w : 0; });
    if (total == 0) return kNoTask;
    std::int64_t k = draw(total);
    TaskId winner = kNoTask;
    tickets_.for_each([&](TaskId t, std::int64_t w) {
      if (winner != kNoTask || !ctx().allowed_on(t, cpu)) return;
      if (k < w) winner = t;
      else k -= w;
    });
    return winner;
  }

  Ticks quantum_;
  std::mt19937_64 rng_;
  TicketTree tickets_;
  std::size_t ready_ = 0;
};

}  // namespace

void register_lottery(PolicyRegistrar& r) {
  r.add(PolicyInfo{"lottery",
                   "lottery scheduling: a random ticket draw per quantum (tickets: field, default 100)",
                   {ParamSpec{"quantum", ParamType::Int, "10", "ticks the winner of a draw may run", 1},
                    ParamSpec{"seed", ParamType::Int, "0", "seed of the draws (0: the run's --seed)", 0}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Lottery>(ctx, p.get_int("quantum"),
                                                      static_cast<std::uint64_t>(p.get_int("seed")));
                   }});
}

}  // namespace schedlab::policies

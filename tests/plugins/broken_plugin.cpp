// One policy, `broken:bug=WORD`, that makes one classic mistake per WORD, for the tests of
// check-policy and of run-time errors. Without a bug (bug=none) it is a correct FIFO.
//
//   throw    pick_next() throws std::out_of_range from t=5 on
//   foreign  pick_next() throws an int (not a std::exception) from t=5 on
//   stale    pick_next() returns the head of its queue without removing it
//   twice    queues a task again in stopping() after a quantum (quantum 2), as well as in enqueue()
//   lazy     has_ready() is off by one: false with one task queued
//   idle     pick_next() returns nothing before t=3
//   lifo     newest first: the oldest waits while others keep arriving
//   nondet   alternates head and tail with a counter kept across runs (global state)
//   badcall  sets a timer one tick in the past in running()
//   affinity ignores Context::allowed_on
//   slice    gives slices of 0 ticks
#include <deque>
#include <stdexcept>
#include <string>

#include <schedlab/plugin.hpp>

namespace {

using namespace schedlab;

int g_calls = 0;  // the nondet bug: state that outlives a run

class Broken final : public Policy {
 public:
  Broken(Context& ctx, std::string bug) : Policy(ctx), bug_(std::move(bug)) {}

  void enqueue(TaskId t, EnqueueReason) override {
    if (bug_ == "lifo") queue_.push_front(t);
    else queue_.push_back(t);
  }
  void dequeue(TaskId t) override { erase(t); }
  bool has_ready() const override { return bug_ == "lazy" ? queue_.size() > 1 : !queue_.empty(); }

  std::optional<Dispatch> pick_next(CpuId cpu) override {
    if (bug_ == "throw" && ctx().now() >= 5) throw std::out_of_range("no task at slot 7");
    if (bug_ == "foreign" && ctx().now() >= 5) throw 7;
    if (bug_ == "idle" && ctx().now() < 3) return std::nullopt;
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (bug_ != "affinity" && !ctx().allowed_on(*it, cpu)) continue;
      auto pick = it;
      if (bug_ == "nondet" && ++g_calls % 2 == 0) pick = std::prev(queue_.end());
      const TaskId t = *pick;
      if (bug_ != "stale") queue_.erase(pick);
      return Dispatch{t, bug_ == "slice" ? 0 : bug_ == "twice" ? 2 : kNever};
    }
    return std::nullopt;
  }

  void running(TaskId, CpuId) override {
    if (bug_ == "badcall") ctx().set_timer(ctx().now() - 1);
  }
  void stopping(TaskId t, CpuId, Ticks, StopReason why) override {
    if (bug_ == "twice" && why == StopReason::QuantumExpired) queue_.push_back(t);
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"fifo", {queue_.begin(), queue_.end()}});
  }

 private:
  void erase(TaskId t) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (*it == t) {
        queue_.erase(it);
        return;
      }
  }
  std::string bug_;
  std::deque<TaskId> queue_;
};

void register_policies(PolicyRegistrar& r) {
  r.add(PolicyInfo{"broken",
                   "a FIFO with one deliberate mistake (test plugin)",
                   {ParamSpec{"bug", ParamType::String, "none", "which mistake to make"}},
                   [](Context& ctx, const PolicyParams& p) {
                     return std::make_unique<Broken>(ctx, p.get_string("bug"));
                   }});
}

}  // namespace

SCHEDLAB_PLUGIN("broken-test-plugin", register_policies)

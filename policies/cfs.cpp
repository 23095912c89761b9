// cfs — a weighted-fair, virtual-runtime policy in the spirit of Linux CFS.
//
// Each task's weight comes from its `nice:` (Linux's table: nice 0 = 1024, each step about
// 1.25x). Its virtual runtime grows by ran x 1024 / weight, so heavier tasks age slower;
// the ready task with the smallest vruntime runs next (ties: arrival, listing order).
// The slice is the task's weight share of the scheduling period, which is `latency`
// ticks, stretched to runnable x min_granularity when many tasks run; never below
// min_granularity. min_vruntime (the smallest vruntime of running and ready tasks, never
// going back) places newcomers: an arrival starts at it; a task back from I/O starts at
// no less than min_vruntime - latency/2 (a bounded sleeper credit). At the end of every
// instant a waiting task preempts the running task with the largest vruntime if it is
// behind it by more than `wakeup_granularity` ticks of nice-0 time.
// Simplifications against Linux: one global run queue (no per-CPU queues, no load
// balancing, no cache affinity); no EEVDF lag/deadline, no START_DEBIT for new tasks, no
// task groups; weights are fixed for the run.
#include <algorithm>
#include <array>
#include <tuple>

#include <schedlab/policies/preemption.hpp>
#include <schedlab/policies/ready_heap.hpp>

#include "builtin.hpp"

namespace schedlab::policies {
namespace {

// Linux's sched_prio_to_weight, nice -20 .. 19.
constexpr std::array<std::int64_t, 40> kNiceToWeight = {
    88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
    3906,  3121,  2501,  1991,  1586,  1277,  1024,  820,   655,   526,   423,   335,  272,  215,
    172,   137,   110,   87,    70,    56,    45,    36,    29,    23,    18,    15};
constexpr std::int64_t kNice0 = 1024;  // vruntime unit: 1/1024 tick of a nice-0 task

class Cfs final : public Policy {
 public:
  Cfs(Context& ctx, Ticks latency, Ticks min_gran, Ticks wakeup_gran)
      : Policy(ctx), latency_(latency), min_gran_(min_gran), wakeup_gran_(wakeup_gran * kNice0),
        since_(ctx.cpu_count(), 0) {}

  void enqueue(TaskId t, EnqueueReason reason) override {
    if (t >= tasks_.size()) tasks_.resize(t + 1);
    Task& s = tasks_[t];
    if (reason == EnqueueReason::Arrival) {
      const TaskInfo info = ctx().task(t);
      s.weight = static_cast<std::int32_t>(kNiceToWeight[static_cast<std::size_t>(std::clamp(info.nice, -20, 19) + 20)]);
      s.arrival = info.arrival;
    }
    if (reason == EnqueueReason::Arrival || reason == EnqueueReason::Wakeup) {
      update_min_vruntime();
      const std::int64_t floor = reason == EnqueueReason::Arrival ? min_vruntime_ : min_vruntime_ - latency_ * kNice0 / 2;
      s.vruntime = std::max(s.vruntime, floor);
      runnable_weight_ += s.weight;
      ++runnable_;
    }
    queue_.push(t, Key{s.vruntime, s.arrival, t});
  }
  void dequeue(TaskId t) override {
    queue_.remove(t);
    leave(tasks_[t]);
  }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    const Task& s = tasks_[t];
    update_min_vruntime(s.vruntime);  // it counts as running from now on
    // Saturating: latency and granularity may be as large as a user types them (found by
    // fuzz_policy_spec: cfs:latency=2^63-1 overflowed period * weight).
    const auto times = [](Ticks a, std::int64_t b) { return a > 0 && b > kNever / a ? kNever : a * b; };
    const Ticks period = std::max(latency_, times(static_cast<Ticks>(runnable_), min_gran_));
    return Dispatch{t, std::max(min_gran_, times(period, s.weight) / std::max<std::int64_t>(1, runnable_weight_))};
  }
  void running(TaskId t, CpuId cpu) override {
    since_[cpu] = ctx().now();
    tasks_[t].cpu = cpu;
  }
  void stopping(TaskId t, CpuId, Ticks, StopReason why) override {
    Task& s = tasks_[t];
    s.vruntime = vruntime_now(t);
    s.cpu = kNoCpu;
    switch (why) {
      case StopReason::QuantumExpired:
      case StopReason::Preempted:
      case StopReason::Yielded: break;  // still runnable: enqueued again at once
      case StopReason::BurstDone:
      case StopReason::Blocked:
      case StopReason::Exited:
      case StopReason::Killed: leave(s); break;
    }
  }
  void balance() override {
    const auto [waiting_vr, arrival, best] = queue_.top_key();
    preempt_worst(ctx(), best, [&](TaskId x) { return vruntime_now(x); },
                  [&, vr = waiting_vr](TaskId, TaskId running) { return vr + wakeup_gran_ < vruntime_now(running); });
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{"ready (smallest vruntime first)", queue_.ordered()});
  }

 private:
  struct Task {  // 24 bytes: there may be millions
    std::int64_t vruntime = 0;
    Ticks arrival = 0;
    std::int32_t weight = kNice0;
    CpuId cpu = kNoCpu;  // while running
  };
  using Key = std::tuple<std::int64_t, Ticks, TaskId>;

  // Its vruntime including the part of the current slice not yet charged.
  std::int64_t vruntime_now(TaskId t) const {
    const Task& s = tasks_[t];
    if (s.cpu == kNoCpu) return s.vruntime;
    // In 128 bits, saturated: a slice of 10^13 ticks times 2^20 would not fit in 64.
    __extension__ typedef __int128 Wide;
    const Wide v = Wide(s.vruntime) + Wide(ctx().now() - since_[s.cpu]) * kNice0 * kNice0 / s.weight;
    return v > Wide(kNever) ? kNever : static_cast<std::int64_t>(v);
  }
  void update_min_vruntime(std::int64_t also = kNever) {
    std::int64_t lowest = queue_.empty() ? also : std::min(also, std::get<0>(queue_.top_key()));
    for (CpuId c = 0; c < ctx().cpu_count(); ++c)
      if (const TaskId r = ctx().running_on(c); r != kNoTask) lowest = std::min(lowest, vruntime_now(r));
    if (lowest != kNever) min_vruntime_ = std::max(min_vruntime_, lowest);
  }
  void leave(const Task& s) {
    runnable_weight_ -= s.weight;
    --runnable_;
  }

  Ticks latency_, min_gran_;
  std::int64_t wakeup_gran_;  // in vruntime units
  std::vector<Ticks> since_;  // per CPU: when its task was dispatched
  std::vector<Task> tasks_;   // by TaskId
  ReadyHeap<Key> queue_;
  std::int64_t min_vruntime_ = 0;
  std::int64_t runnable_weight_ = 0;  // ready + running
  std::size_t runnable_ = 0;
};

}  // namespace

void register_cfs(PolicyRegistrar& r) {
  r.add(PolicyInfo{
      "cfs",
      "completely fair (Linux-style): smallest weighted virtual runtime first, weights from nice",
      {ParamSpec{"latency", ParamType::Int, "24", "target latency: ticks in which every runnable task runs once", 1, 1'000'000},
       ParamSpec{"min_granularity", ParamType::Int, "3", "shortest slice, in ticks", 1, 1'000'000},
       ParamSpec{"wakeup_granularity", ParamType::Int, "4", "vruntime lead (ticks) a waiting task needs to preempt", 0, 1'000'000}},
      [](Context& ctx, const PolicyParams& p) {
        return std::make_unique<Cfs>(ctx, p.get_int("latency"), p.get_int("min_granularity"),
                                     p.get_int("wakeup_granularity"));
      }});
}

}  // namespace schedlab::policies

// Shared by the real-time built-ins (edf, rm, dm, fp): a preemptive global scheduler
// over one ready heap ordered by (primary key, release, listing order). Private to
// policies/ (plugins have <schedlab/policies/ready_heap.hpp> and preemption.hpp).
//
// On N CPUs the N best jobs run: an idle CPU takes the best waiting job it may run; at
// the end of an instant the best waiting job preempts the worst running one (ties: the
// lowest CPU) if its primary key is strictly better. Equal keys never preempt.
#pragma once

#include <string>
#include <tuple>

#include <schedlab/policies/preemption.hpp>
#include <schedlab/policies/ready_heap.hpp>

namespace schedlab::policies {

class RealtimeQueuePolicy : public Policy {
 public:
  // (primary key, release, listing order, task): smaller runs first.
  using Key = std::tuple<Ticks, Ticks, std::uint32_t, TaskId>;

  RealtimeQueuePolicy(Context& ctx, std::string queue_name) : Policy(ctx), queue_name_(std::move(queue_name)) {}

  void enqueue(TaskId t, EnqueueReason) override { queue_.push(t, key(t)); }
  void dequeue(TaskId t) override { queue_.remove(t); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    const TaskId t = queue_.pop_best([&](TaskId x) { return ctx().allowed_on(x, cpu); });
    if (t == kNoTask) return std::nullopt;
    return Dispatch{t, kNever};
  }
  void balance() override {
    const TaskId best = std::get<3>(queue_.top_key());
    preempt_worst(
        ctx(), best, [&](TaskId x) { return key(x); },
        [&](TaskId waiting, TaskId running) { return std::get<0>(key(waiting)) < std::get<0>(key(running)); });
  }
  void priority_changed(TaskId t) override {
    if (!queue_.contains(t)) return;
    queue_.remove(t);
    queue_.push(t, key(t));
  }
  void describe(QueueSnapshot& out) const override {
    out.queues.push_back(QueueSnapshot::Queue{queue_name_, queue_.ordered()});
  }

 protected:
  // The primary key of task `t` (smaller is more urgent), from its job and task info.
  virtual Ticks primary(const JobInfo& job, TaskId t) const = 0;

 private:
  Key key(TaskId t) const {
    const JobInfo job = ctx().job(t);
    return Key{primary(job, t), job.release, job.order, t};
  }
  std::string queue_name_;
  ReadyHeap<Key> queue_;
};

}  // namespace schedlab::policies

// The probe of `schedlab check-policy` (policy_checker.hpp): a Policy that forwards every
// callback to the policy under test and checks what it does against its own model of the
// ready set and the CPUs (RunState). Findings go into the run's RunState; a fatal one
// ends the run by throwing StopRun.
#pragma once

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <schedlab/policy.hpp>

#include <schedlab/lab/policy_checker.hpp>

namespace schedlab::lab::detail {

// Ends the current run (thrown by the probe after recording a fatal finding).
struct StopRun {};

// What one run found: the first finding of each kind and how often each kind occurred.
struct RunFindings {
  std::array<std::optional<Finding>, kViolationKinds> first;
  std::array<std::size_t, kViolationKinds> times{};
  bool any() const {
    return std::any_of(times.begin(), times.end(), [](std::size_t n) { return n > 0; });
  }
};

struct RunState {
  const CheckOptions* options = nullptr;
  std::string where;
  RunFindings findings;
  bool queues_checked = false;
  bool queues_listed = false;  // describe() listed queues, whether or not an instant was checked

  // The probe's model: the ready set (enqueued, not yet picked or dequeued) and the CPUs.
  // Per-instant checks cost O(ready tasks + listed tasks), never O(all tasks).
  std::vector<Ticks> ready_since;  // -1: not in the ready set
  std::vector<Ticks> picked_at;    // the last time pick_next chose the task
  std::vector<bool> starved;       // reported once per task and run
  std::vector<TaskId> ready;       // the ready set, in no particular order
  std::vector<std::uint32_t> slot; // task -> its index in `ready`
  std::vector<std::uint32_t> listed;  // scratch for check_queues, all zero between uses
  std::vector<TaskId> on_cpu;      // per CPU, from running() .. stopping()

  // The instant being watched, and what the policy answered in it.
  Ticks instant = -1;
  bool said_none = false;       // has_ready() returned false with tasks ready
  std::vector<bool> declined;   // pick_next(cpu) returned nothing

  void record(Violation kind, Ticks time, std::string text) {
    const auto k = static_cast<std::size_t>(kind);
    ++findings.times[k];
    if (!findings.first[k]) findings.first[k] = Finding{kind, where, time, std::move(text)};
  }
  void grow(TaskId t) {
    if (t >= ready_since.size()) {
      ready_since.resize(t + 1, -1);
      picked_at.resize(t + 1, -1);
      starved.resize(t + 1, false);
      slot.resize(t + 1, 0);
      listed.resize(t + 1, 0);
    }
  }
  bool is_ready(TaskId t) const { return t < ready_since.size() && ready_since[t] >= 0; }
  void add_ready(TaskId t, Ticks now) {
    grow(t);
    if (ready_since[t] < 0) {
      slot[t] = static_cast<std::uint32_t>(ready.size());
      ready.push_back(t);
    }
    ready_since[t] = now;
  }
  void remove_ready(TaskId t) {
    if (!is_ready(t)) return;
    const TaskId last = ready.back();
    ready[slot[t]] = last;
    slot[last] = slot[t];
    ready.pop_back();
    ready_since[t] = -1;
  }
  // The ready tasks in id order (for messages).
  std::vector<TaskId> ready_sorted() const {
    std::vector<TaskId> out = ready;
    std::sort(out.begin(), out.end());
    return out;
  }
};

// The probe: forwards every callback to the policy under test and checks what it does.
class Probe final : public Policy {
 public:
  Probe(Context& ctx, std::unique_ptr<Policy> inner, RunState& state);

  void enqueue(TaskId task, EnqueueReason reason) override;
  void dequeue(TaskId task) override;
  bool has_ready() const override;
  std::optional<Dispatch> pick_next(CpuId cpu) override;
  void running(TaskId task, CpuId cpu) override;
  void stopping(TaskId task, CpuId cpu, Ticks ran, StopReason why) override;
  void balance() override;
  void timer() override;
  void task_dead(TaskId task) override;
  void priority_changed(TaskId task) override;
  void describe(QueueSnapshot& out) const override;

  // Whether the policy's describe() lists queues at all, asked once when a run ends
  // without a completed instant having told (every run stopped in its first instant):
  // the report must not claim describe() lists none. What it throws is not a finding here.
  void note_queues() const;

  // The run is over (or stopped): check its last instant and who is still waiting. A run
  // stopped by the event limit stopped inside an instant: that instant is not judged.
  void finish(bool instant_complete);

 private:
  Ticks now() const { return ctx().now(); }

  // The first callback of a new instant closes the previous one.
  void touch() const;
  // The checks at the end of an instant.
  void end_instant() const;
  void check_idle() const;
  void check_queues() const;
  // Tasks in messages: "task 3 (shell)", "2 tasks (a, b) were", why a task is not ready.
  std::string task_name(TaskId t) const;
  std::string names(const std::vector<TaskId>& tasks) const;
  std::string ready_list() const;
  std::string not_ready_reason(TaskId t) const;

  // Run a callback of the policy under test; anything it throws is a finding that ends the run.
  template <typename F>
  auto call(const char* callback, F&& f) const -> decltype(f());

  std::unique_ptr<Policy> inner_;
  RunState& s_;
};

}  // namespace schedlab::lab::detail

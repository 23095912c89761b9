// `schedlab check-policy`: run one policy over a battery of workloads with the invariant
// checker on, watching every call between the kernel and the policy, and report what the
// policy did wrong in its own terms (which callback, which task, at what tick).
//
// The policy is wrapped in a probe that keeps its own model of the ready set (enqueued
// and not yet picked or dequeued) and of the CPUs (running .. stopping). At the end of
// every instant it compares that model with what the policy did and with what its
// describe() says its queues hold. Fatal mistakes (an exception, a pick the kernel would
// reject) end that run; the others are counted and the run goes on.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <schedlab/kernel.hpp>

#include <schedlab/lab/check_battery.hpp>

namespace schedlab::lab {

enum class Violation : std::uint8_t {
  Exception,         // a callback threw
  BadCall,           // the kernel rejected a Context call made from a callback
  NotReady,          // pick_next returned a task that is not ready
  Affinity,          // pick_next returned a task for a CPU outside its affinity
  BadSlice,          // pick_next returned a slice <= 0
  EnqueuedTwice,     // describe() lists a task twice
  StaleEntry,        // describe() lists a task that is not ready
  LostTask,          // a ready task is missing from describe()
  HasReady,          // has_ready() disagreed with the tasks enqueued and not picked
  Idle,              // an instant ended with a CPU idle and a task that may run there ready
  Starved,           // a task waited ready for more than the starvation limit
  NoProgress,        // the run did not finish within the event limit
  Nondeterministic,  // two runs with the same seed differ
  Kernel,            // the kernel stopped the run for a reason not explained above
};
inline constexpr std::size_t kViolationKinds = 14;
std::string_view violation_id(Violation v);     // "not-ready"
std::string_view violation_title(Violation v);  // "picked a task that is not ready"

struct CheckOptions {
  Ticks starvation = 1000;             // 0: no starvation check
  std::uint64_t max_events = 100'000;  // per run (the battery's runs need a few thousand)
  // A run that hits max_events is the policy's fault only if this policy (fcfs) finishes
  // the same workload within the limit; otherwise the workload is open-ended.
  const PolicyConfig* reference = nullptr;
  std::uint64_t seed = 1;
  std::size_t examples = 3;  // runs listed per kind of violation
};

struct Finding {
  Violation kind = Violation::Kernel;
  std::string where;  // "default.yaml, 2 CPUs"
  Ticks time = 0;
  std::string text;  // in the policy's terms: "pick_next(0) returned task 3 (shell), which is running on CPU 0"
};

struct CheckReport {
  std::size_t runs = 0;                // (workload, CPU count) pairs run
  std::size_t skipped = 0;             // pairs the kernel refused (an input error, e.g. a CPU the run lacks)
  std::size_t open_ended = 0;          // runs the reference policy does not finish either (not judged)
  std::vector<Finding> findings;       // the first finding of each kind in each run, in battery order
  std::array<std::size_t, kViolationKinds> runs_with{};  // runs with at least one finding of a kind
  std::array<std::size_t, kViolationKinds> times{};      // every occurrence
  bool queues_checked = false;         // describe() listed queues at the end of an instant at least once
  bool queues_listed = false;          // describe() lists queues (checked or not: runs may all stop early)
  bool clean() const;
};

CheckReport check_policy(const PolicyConfig& policy, const std::vector<BatteryEntry>& battery,
                         const CheckOptions& options);

// The report as text. `title`: the policy as the user should recognise it.
void write_check_report(std::ostream& out, const CheckReport& report, const std::string& title,
                        const std::vector<BatteryEntry>& battery, const CheckOptions& options);

}  // namespace schedlab::lab

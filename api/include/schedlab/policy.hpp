// The policy API: everything a scheduling policy sees of the kernel, and everything the
// kernel asks of a policy. Built-in policies and plugins use only this header (and
// types.hpp / policy_params.hpp, which it includes).
//
// Shape (after Linux sched_ext and Boost.Fiber): the kernel owns the clock, the CPUs, the
// task states and every context switch; a policy only answers questions and keeps its own
// ready structures.
//
//   task became runnable ........ enqueue(task, reason)
//   a Ready task must leave ...... dequeue(task)          (it was killed while Ready)
//   anything to run? ............. has_ready()
//   a CPU needs work ............. pick_next(cpu)         -> task + slice, or nothing
//   end of an instant ............ balance()              preemptive policies: preempt here
//   a task starts running ........ running(task, cpu)
//   a task stops running ......... stopping(task, cpu, ran, reason)
//   a timer the policy asked for . timer()
//   a task is gone ............... task_dead(task)
//
// Contract (the kernel asserts it; see docs/writing-a-policy.md):
// - enqueue() is called exactly once each time a task becomes Ready; a task is never
//   enqueued twice without being picked or dequeued in between.
// - pick_next() may only return a task that is Ready, was enqueued and not yet picked,
//   and is allowed on that CPU. Returning nothing leaves the CPU idle until the next event.
// - After a slice of `slice` ticks the kernel stops the task with QuantumExpired and
//   enqueues it again with EnqueueReason::QuantumExpired. kNever means "no quantum".
// - stopping() always precedes the matching enqueue() (or the task blocking or ending).
// - With a context-switch cost (--switch-cost), running() comes when the switch is done
//   and the task really starts; `ran` and the slice count only the ticks after it.
// - Callbacks may call Context::preempt(), set_slice(), set_timer(); they take effect
//   at the same instant, after the callback returns.
// - balance() is called at the end of every instant in which tasks wait, after the idle
//   CPUs were handed out. A preemptive policy compares its best waiting task with the
//   running ones there and preempts the CPU it should take; the kernel then re-enqueues
//   the preempted task, hands out the freed CPU and calls balance() again, until the
//   policy asks for nothing more. Deciding here, rather than in enqueue(), means every
//   event of the instant is known: with N CPUs the N best tasks end up running.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <schedlab/policy_params.hpp>
#include <schedlab/types.hpp>

namespace schedlab {

// Bumped whenever this header changes in a way that breaks compiled plugins.
inline constexpr int kPolicyApiVersion = 1;

// A snapshot of one task, as a policy may see it.
struct TaskInfo {
  TaskId id = kNoTask;
  Pid pid = 0;
  std::string_view name;   // "proc" or "proc/thread"; valid for the whole run
  Ticks arrival = 0;       // when it became a task: workload arrival, fork or thread start
  int priority = 0;        // effective priority, lower is more important (inheritance applied)
  int base_priority = 0;   // the priority it was given
  int tickets = 100;       // proportional-share weight (lottery, stride)
  int nice = 0;            // -20..19, CFS-style weight
  Ticks burst_remaining = -1;  // CPU ticks left before it next blocks, yields or ends; -1 unknown
  Ticks cpu_time = 0;      // CPU ticks used so far
  TaskState state = TaskState::New;
};

// A task as a job of a periodic task (workload keys `period`, `deadline`, `jobs`), for
// real-time policies: Context::job(). Each job is its own task; `order` is the position
// of its periodic task in the file (listing order), for tie-breaks. For any other task
// `periodic` is false, `release` is its arrival, `order` its creation order, and the
// deadlines and the period are kNever.
struct JobInfo {
  bool periodic = false;
  std::uint64_t number = 0;          // the job's number in its task, from 1
  std::uint32_t order = 0;           // listing order of its task (or the task's own id)
  Ticks period = kNever;             // of its task
  Ticks relative_deadline = kNever;  // of its task
  Ticks release = 0;                 // when this job was released
  Ticks absolute_deadline = kNever;  // release + relative deadline
  Ticks remaining = -1;              // CPU ticks before it next blocks or ends (a job
                                     // without I/O: the rest of its work); -1 unknown
};

// The documented tie-break: earlier arrival first, then earlier creation (for workload
// processes, the order they are listed in the file).
inline bool arrived_before(const TaskInfo& a, const TaskInfo& b) {
  return a.arrival != b.arrival ? a.arrival < b.arrival : a.id < b.id;
}

// pick_next's answer: which task to run and for how long at most.
struct Dispatch {
  TaskId task = kNoTask;
  Ticks slice = kNever;
};

// The kernel as a policy sees it.
class Context {
 public:
  virtual Ticks now() const = 0;
  virtual CpuId cpu_count() const = 0;
  virtual TaskInfo task(TaskId id) const = 0;
  // The task running on `cpu`, or kNoTask.
  virtual TaskId running_on(CpuId cpu) const = 0;
  // False when the task's affinity excludes `cpu`.
  virtual bool allowed_on(TaskId id, CpuId cpu) const = 0;
  // Ask the kernel to take the task off `cpu` at this instant (it is enqueued again with
  // EnqueueReason::Preempted). No effect on an idle CPU.
  virtual void preempt(CpuId cpu) = 0;
  // Replace the running slice on `cpu`: it now ends `slice` ticks from now.
  virtual void set_slice(CpuId cpu, Ticks slice) = 0;
  // Call timer() at absolute time `at` (>= now). Timers never keep a finished run alive.
  virtual void set_timer(Ticks at) = 0;
  // Report the queue level a task is at (MLFQ level, class...): shown by ps, GUI, trace.
  virtual void set_level(TaskId id, int level) = 0;
  // The run's seed (--seed), for randomised policies.
  virtual std::uint64_t seed() const = 0;
  // The task as a job of a periodic task (see JobInfo). Added in API version 1 after its
  // first release, at the end of the table, so plugins compiled before it keep working;
  // the default describes a task that is not periodic.
  virtual JobInfo job(TaskId id) const {
    JobInfo j;
    j.order = id;
    j.release = task(id).arrival;
    return j;
  }

 protected:
  ~Context() = default;
};

// What a policy's ready structures look like right now, for ps and the GUI.
struct QueueSnapshot {
  struct Queue {
    std::string name;
    std::vector<TaskId> tasks;  // in the order the policy would pick them
  };
  std::vector<Queue> queues;
};

class Policy {
 public:
  explicit Policy(Context& ctx) : ctx_(ctx) {}
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;
  virtual ~Policy() = default;

  virtual void enqueue(TaskId task, EnqueueReason reason) = 0;
  virtual void dequeue(TaskId task) = 0;
  virtual bool has_ready() const = 0;
  virtual std::optional<Dispatch> pick_next(CpuId cpu) = 0;

  virtual void running(TaskId /*task*/, CpuId /*cpu*/) {}
  virtual void stopping(TaskId /*task*/, CpuId /*cpu*/, Ticks /*ran*/, StopReason /*why*/) {}
  virtual void balance() {}
  virtual void timer() {}
  virtual void task_dead(TaskId /*task*/) {}
  // The task's effective priority changed (priority inheritance) while it may be Ready.
  virtual void priority_changed(TaskId /*task*/) {}
  virtual void describe(QueueSnapshot& /*out*/) const {}

 protected:
  Context& ctx() const { return ctx_; }

 private:
  Context& ctx_;
};

}  // namespace schedlab

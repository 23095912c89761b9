// An always-on-in-tests checker that watches the kernel from the outside.
//
// It keeps its own shadow copy of every task's state and every CPU's occupant, built
// only from what the kernel reports, and throws InvariantError on the first violation:
//   - time never goes back;
//   - only legal transitions, each starting from the state the task was really in;
//   - at most one task per CPU, and between instants every Running task is on exactly
//     one CPU;
//   - a slice starts when its task was dispatched and ends when it stops running;
//   - when a process ends, none of its threads is still alive (a killed process holds
//     no CPU, a zombie never runs, a thread never outlives its process);
//   - at the end, for every task: cpu + ready + blocked = turnaround, and the kernel's
//     per-process figures equal the shadow's.
#pragma once

#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

namespace schedlab::detail {

class InvariantChecker final : public KernelObserver {
 public:
  explicit InvariantChecker(CpuId cpus);

  void on_task_created(const TaskRecord& r) override;
  void on_transition(const TransitionRecord& r) override;
  void on_dispatch(Ticks time, TaskId task, CpuId cpu) override;
  void on_slice(const SliceRecord& r) override;
  void on_instant(const InstantRecord& r) override;
  void on_finish(const RunResult& result) override;

 private:
  struct Shadow {
    Pid pid = 0;
    TaskState state = TaskState::New;
    Ticks since = 0;
    Ticks arrived = -1;
    Ticks ended = -1;
    Ticks time_in[5] = {0, 0, 0, 0, 0};  // indexed by TaskState
    CpuId cpu = kNoCpu;
    Ticks dispatched_at = -1;
  };

  void advance(Ticks t);
  void check_occupancy() const;
  [[noreturn]] void fail(const std::string& what) const;

  std::vector<Shadow> tasks_;
  std::vector<TaskId> cpu_owner_;
  std::vector<std::uint32_t> live_per_pid_;  // tasks not Terminated, by pid
  std::size_t running_ = 0;
  std::size_t occupied_ = 0;
  Ticks now_ = 0;
};

}  // namespace schedlab::detail

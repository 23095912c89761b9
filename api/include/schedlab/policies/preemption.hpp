// Shared by preemptive policies: in balance(), take a CPU from the worst running task
// when the best waiting task is strictly better.
#pragma once

#include <schedlab/policy.hpp>

namespace schedlab::policies {

// `rank(task)` orders tasks, smaller first, e.g. a tuple (remaining burst, arrival, id).
// `strictly_better(waiting, running)` decides whether a waiting task may displace a running
// one (for example: a strictly shorter remaining burst; equal never preempts).
// Among the CPUs the waiting task may use, the one running the highest-ranked (worst)
// task is preempted; ties go to the lowest CPU id. Returns true if it asked for one.
template <typename Rank, typename Better>
bool preempt_worst(Context& ctx, TaskId waiting, Rank rank, Better strictly_better) {
  CpuId victim = kNoCpu;
  TaskId victim_task = kNoTask;
  for (CpuId cpu = 0; cpu < ctx.cpu_count(); ++cpu) {
    const TaskId running = ctx.running_on(cpu);
    if (running == kNoTask || !ctx.allowed_on(waiting, cpu)) continue;
    if (victim_task == kNoTask || rank(victim_task) < rank(running)) {
      victim = cpu;
      victim_task = running;
    }
  }
  if (victim_task == kNoTask || !strictly_better(waiting, victim_task)) return false;
  ctx.preempt(victim);
  return true;
}

}  // namespace schedlab::policies

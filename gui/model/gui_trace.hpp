// The trace the GUI keeps: the kernel's Trace plus the dispatches (which CPU a task was
// put on, and when), which Trace does not store. They let the GUI close the slices still
// running when a run stops at a limit (the kernel reports a slice only when it ends).
#pragma once

#include <vector>

#include <schedlab/trace.hpp>

namespace schedlab::gui {

struct DispatchRecord {
  Ticks time = 0;
  TaskId task = kNoTask;
  CpuId cpu = 0;
};

class GuiTrace : public Trace {
 public:
  std::vector<DispatchRecord> dispatches;
  void on_dispatch(Ticks time, TaskId task, CpuId cpu) override { dispatches.push_back({time, task, cpu}); }
};

}  // namespace schedlab::gui

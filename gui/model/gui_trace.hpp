// The trace the GUI keeps: the kernel's Trace plus the dispatches (which CPU a task was
// put on, and when), which Trace does not store. They let the GUI close the slices still
// running when a run stops at a limit (the kernel reports a slice only when it ends).
// It is the type a schedlab trace file holds (schedlab/trace_file.hpp), so a saved run
// opens without conversion.
#pragma once

#include <schedlab/trace_file.hpp>

namespace schedlab::gui {

using DispatchRecord = schedlab::DispatchRecord;
using GuiTrace = schedlab::TraceWithDispatches;

}  // namespace schedlab::gui

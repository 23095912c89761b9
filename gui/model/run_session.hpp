// One simulation as the GUI holds it: the workload and policy it ran, the kernel's trace
// and result, and everything derived from them for display (lanes, indexes, series).
//
// Runs are made exactly as the CLI makes them (registry.resolve, Kernel, load, observe,
// run); an error of the user's (a bad parameter, a broken policy) is kept as text to show,
// never thrown at the GUI.
#pragma once

#include <memory>
#include <string>

#include <schedlab/kernel.hpp>
#include <schedlab/policy.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload.hpp>

#include "gui_trace.hpp"
#include "playhead.hpp"
#include "series.hpp"
#include "timeline_model.hpp"

namespace schedlab::gui {

struct RunSession {
  // Unique per run made in this process: caches key on it, not on the address, which a
  // later session may reuse.
  std::uint64_t id = 0;
  std::shared_ptr<const Workload> workload;
  std::string spec;  // as the user wrote it
  PolicyConfig policy;
  KernelConfig config;

  GuiTrace trace;
  RunResult result;
  TimelineModel model;
  RunIndex index;  // points into trace and model: a session never moves (held by shared_ptr)
  StepSeries ready_count;
  StepSeries running_count;
  double run_ms = 0;  // wall time of the simulation itself

  std::string error;  // non-empty: the run did not happen (or failed), and why
  bool ok() const { return error.empty(); }
};

std::shared_ptr<RunSession> run_session(std::shared_ptr<const Workload> workload, const PolicyRegistry& registry,
                                        const std::string& spec, const KernelConfig& config);

// The policy's own ready queues at time t, obtained honestly: the same run is made again
// with KernelConfig::until = t and the kernel is asked (Kernel::queues()). Empty when the
// policy does not describe its queues. Throws nothing; errors give an empty snapshot.
QueueSnapshot queues_at(const RunSession& session, Ticks t);

}  // namespace schedlab::gui

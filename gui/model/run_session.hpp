// One simulation as the GUI holds it: the workload and policy it ran, the kernel's trace
// and result, and everything derived from them for display (lanes, indexes, series).
//
// Runs are made exactly as the CLI makes them (registry.resolve, Kernel, load, observe,
// run); an error of the user's (a bad parameter, a broken policy) is kept as text to show,
// never thrown at the GUI. A session can also be read from a schedlab trace file
// (`schedlab explore --trace`): then it has no workload, cannot be re-run, and is shown
// read-only.
#pragma once

#include <memory>
#include <optional>
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

  // Read from a trace file (open_trace_session) rather than run here.
  struct Saved {
    std::string file;     // the trace file
    std::string title;    // what ran
    std::uint64_t seed = 0;
    std::string failure;  // why that run failed ("" if it did not)
    std::string replay;   // the command line that makes it again
  };
  std::optional<Saved> saved;
  bool read_only() const { return saved.has_value(); }
};

std::shared_ptr<RunSession> run_session(std::shared_ptr<const Workload> workload, const PolicyRegistry& registry,
                                        const std::string& spec, const KernelConfig& config);

// A saved run (schedlab/trace_file.hpp) as a session, with its model built as for a run
// made here. A file that cannot be read gives a session whose error says why.
std::shared_ptr<RunSession> open_trace_session(const std::string& path);

// The policy's own ready queues at time t, obtained honestly: the same run is made again
// with KernelConfig::until = t and the kernel is asked (Kernel::queues()). Empty when the
// policy does not describe its queues, and for a saved run (nothing to run again). Throws nothing; errors give an empty snapshot.
QueueSnapshot queues_at(const RunSession& session, Ticks t);

}  // namespace schedlab::gui

// check_policy(): each battery entry on each CPU count, run under the probe
// (policy_probe.hpp) with the invariant checker on, then again for determinism; a run
// cut off by the event limit is judged against the reference policy. The report's text
// is check_report.cpp.
#include <schedlab/lab/policy_checker.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <memory>

#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>
#include <schedlab/trace.hpp>

#include "policy_probe.hpp"

namespace schedlab::lab {

namespace {

using detail::Probe;
using detail::RunFindings;
using detail::RunState;
using detail::StopRun;

struct KindText {
  std::string_view id;
  std::string_view title;
};
constexpr std::array<KindText, kViolationKinds> kKinds{{
    {"exception", "a callback threw"},
    {"bad-call", "the kernel rejected a call the policy made"},
    {"not-ready", "picked a task that is not ready"},
    {"affinity", "picked a task for a CPU it may not use"},
    {"bad-slice", "gave a slice of 0 ticks or less"},
    {"enqueued-twice", "its queues hold a task twice"},
    {"stale-entry", "its queues hold a task that is not ready"},
    {"lost-task", "its queues miss a ready task"},
    {"has-ready", "has_ready() disagreed with the tasks enqueued and not picked"},
    {"idle", "returned nothing while tasks were ready and CPUs idle"},
    {"starved", "starved a task"},
    {"no-progress", "a run did not finish"},
    {"nondeterministic", "two runs with the same seed differ"},
    {"kernel", "the kernel stopped a run"},
}};

// The kernel's settings for one run of the battery: the probed policy's and the
// reference's, so that a cut-off run is judged against the same limits.
KernelConfig run_config(CpuId cpus, const CheckOptions& options) {
  KernelConfig config;
  config.cpus = cpus;
  config.seed = options.seed;
  config.max_events = options.max_events;
  return config;
}

struct RunOutcome {
  bool skipped = false;
  bool limit = false;    // stopped by the event limit
  bool stopped = false;  // ended by a finding, an error or the event limit
  std::string trace;     // trace_to_text, for the determinism check
};

RunOutcome run_once(const PolicyConfig& policy, const Workload& workload, CpuId cpus, const CheckOptions& options,
                    RunState& state) {
  RunOutcome out;
  Probe* probe = nullptr;
  PolicyConfig probed = policy;
  probed.make = [&](Context& ctx, const PolicyParams& params) -> std::unique_ptr<Policy> {
    std::unique_ptr<Policy> inner;
    try {
      inner = policy.make(ctx, params);
    } catch (const PolicyCallbackError& e) {
      state.record(Violation::Exception, 0, e.details().type.empty() ? e.details().message : e.what());
      throw StopRun{};
    }
    auto p = std::make_unique<Probe>(ctx, std::move(inner), state);
    probe = p.get();
    return p;
  };
  KernelConfig config = run_config(cpus, options);
  config.check_invariants = true;
  Trace trace;
  Kernel kernel(config, probed);
  kernel.load(workload);
  kernel.add_observer(&trace);
  try {
    const RunResult result = kernel.run();
    const bool limit = result.status == RunStatus::LimitReached;
    if (probe) probe->finish(!limit);
    if (limit) {
      out.limit = true;
      out.stopped = true;
    }
  } catch (const StopRun&) {
    out.stopped = true;
  } catch (const InputError&) {
    out.skipped = true;  // e.g. the workload pins a task to a CPU this run does not have
    return out;
  } catch (const std::exception& e) {
    // The kernel's own verdict ("left 2 ready tasks unscheduled...", an invariant): the
    // probe's findings explain it better when it has any.
    if (probe) {
      try {
        probe->finish(true);
      } catch (const StopRun&) {
      }
    }
    if (!state.findings.any())
      state.record(Violation::Kernel, state.instant < 0 ? 0 : state.instant,
                   dynamic_cast<const InvariantError*>(&e)
                       ? fmt::format("internal error (a schedlab bug, please report it): {}", e.what())
                       : std::string(e.what()));
    out.stopped = true;
  }
  if (probe) probe->note_queues();
  if (!out.stopped) out.trace = trace_to_text(trace);
  return out;
}

// The first line where two traces differ, as "A" / "B".
std::pair<std::string, std::string> first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  auto line_at = [&](const std::string& s) {
    const std::size_t start = s.rfind('\n', i == 0 ? 0 : i - 1);
    const std::size_t from = start == std::string::npos || i == 0 ? 0 : start + 1;
    const std::size_t end = s.find('\n', from);
    return from >= s.size() ? std::string("(the end of the trace)") : s.substr(from, end - from);
  };
  return {line_at(a), line_at(b)};
}

}  // namespace

std::string_view violation_id(Violation v) { return kKinds[static_cast<std::size_t>(v)].id; }
std::string_view violation_title(Violation v) { return kKinds[static_cast<std::size_t>(v)].title; }

bool CheckReport::clean() const {
  return std::all_of(times.begin(), times.end(), [](std::size_t n) { return n == 0; });
}

CheckReport check_policy(const PolicyConfig& policy, const std::vector<BatteryEntry>& battery,
                         const CheckOptions& options) {
  CheckReport report;
  for (const BatteryEntry& entry : battery) {
    for (CpuId cpus : entry.cpus) {
      RunState state;
      state.options = &options;
      state.where = fmt::format("{}, {} CPU{}", entry.label, cpus, cpus == 1 ? "" : "s");
      const RunOutcome first = run_once(policy, *entry.workload, cpus, options, state);
      if (first.skipped) {
        ++report.skipped;
        continue;
      }
      ++report.runs;
      if (first.limit) {
        // Not finishing is the policy's fault only if the reference policy finishes.
        Kernel reference(run_config(cpus, options), *options.reference);
        reference.load(*entry.workload);
        if (reference.run().status == RunStatus::LimitReached) {
          ++report.open_ended;
          state.findings = RunFindings{};  // a cut-off run says nothing
        } else {
          state.record(Violation::NoProgress, state.instant,
                       fmt::format("the run did not finish within {} kernel events (stopped at t={}); {} finishes it",
                                   options.max_events, state.instant, options.reference->canonical));
        }
      } else if (!first.stopped) {
        RunState again;
        again.options = &options;
        again.where = state.where;
        const RunOutcome second = run_once(policy, *entry.workload, cpus, options, again);
        if (!second.stopped && second.trace != first.trace) {
          const auto [a, b] = first_difference(first.trace, second.trace);
          state.record(Violation::Nondeterministic, 0,
                       fmt::format("the traces first differ at '{}' (first run) / '{}' (second run)", a, b));
        }
      }
      report.queues_checked = report.queues_checked || state.queues_checked;
      report.queues_listed = report.queues_listed || state.queues_listed;
      for (std::size_t k = 0; k < kViolationKinds; ++k) {
        if (state.findings.times[k] == 0) continue;
        report.times[k] += state.findings.times[k];
        ++report.runs_with[k];
        report.findings.push_back(*state.findings.first[k]);
      }
    }
  }
  return report;
}

}  // namespace schedlab::lab

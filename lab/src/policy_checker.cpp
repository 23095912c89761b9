#include <schedlab/lab/policy_checker.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <typeinfo>

#include <schedlab/demangle.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>
#include <schedlab/trace.hpp>

namespace schedlab::lab {

namespace {

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
  Probe(Context& ctx, std::unique_ptr<Policy> inner, RunState& state)
      : Policy(ctx), inner_(std::move(inner)), s_(state) {
    s_.on_cpu.assign(ctx.cpu_count(), kNoTask);
    s_.declined.assign(ctx.cpu_count(), false);
  }

  void enqueue(TaskId task, EnqueueReason reason) override {
    touch();
    s_.add_ready(task, now());
    call("enqueue", [&] { inner_->enqueue(task, reason); });
  }
  void dequeue(TaskId task) override {
    touch();
    s_.remove_ready(task);
    call("dequeue", [&] { inner_->dequeue(task); });
  }
  bool has_ready() const override {
    touch();
    const bool answer = call("has_ready", [&] { return inner_->has_ready(); });
    if (!answer && !s_.ready.empty()) {
      s_.said_none = true;
      s_.record(Violation::HasReady, now(),
                fmt::format("has_ready() returned false while {} enqueued and not picked", ready_list()));
    } else if (answer && s_.ready.empty()) {
      s_.record(Violation::HasReady, now(), "has_ready() returned true with no task enqueued");
    }
    return answer;
  }
  std::optional<Dispatch> pick_next(CpuId cpu) override {
    touch();
    const std::optional<Dispatch> d = call("pick_next", [&] { return inner_->pick_next(cpu); });
    if (!d) {
      s_.declined[cpu] = true;
      return d;
    }
    const TaskId t = d->task;
    if (!s_.is_ready(t)) {
      s_.record(Violation::NotReady, now(),
                fmt::format("pick_next({}) returned {}, {}", cpu, task_name(t), not_ready_reason(t)));
      throw StopRun{};
    }
    if (!ctx().allowed_on(t, cpu)) {
      s_.record(Violation::Affinity, now(),
                fmt::format("pick_next({}) returned {}, whose affinity excludes CPU {}", cpu, task_name(t), cpu));
      throw StopRun{};
    }
    if (d->slice <= 0) {
      s_.record(Violation::BadSlice, now(),
                fmt::format("pick_next({}) returned {} with a slice of {} ticks", cpu, task_name(t), d->slice));
      throw StopRun{};
    }
    const Ticks waited = now() - s_.ready_since[t];
    if (s_.options->starvation > 0 && waited > s_.options->starvation && !s_.starved[t]) {
      s_.starved[t] = true;
      s_.record(Violation::Starved, now(),
                fmt::format("{} waited {} ticks ready (since t={}) before pick_next chose it (limit {})",
                            task_name(t), waited, s_.ready_since[t], s_.options->starvation));
    }
    s_.remove_ready(t);
    s_.picked_at[t] = now();
    return d;
  }
  void running(TaskId task, CpuId cpu) override {
    touch();
    s_.on_cpu[cpu] = task;
    call("running", [&] { inner_->running(task, cpu); });
  }
  void stopping(TaskId task, CpuId cpu, Ticks ran, StopReason why) override {
    touch();
    s_.on_cpu[cpu] = kNoTask;
    call("stopping", [&] { inner_->stopping(task, cpu, ran, why); });
  }
  void balance() override {
    touch();
    call("balance", [&] { inner_->balance(); });
  }
  void timer() override {
    touch();
    call("timer", [&] { inner_->timer(); });
  }
  void task_dead(TaskId task) override {
    touch();
    call("task_dead", [&] { inner_->task_dead(task); });
  }
  void priority_changed(TaskId task) override {
    touch();
    call("priority_changed", [&] { inner_->priority_changed(task); });
  }
  void describe(QueueSnapshot& out) const override {
    call("describe", [&] { inner_->describe(out); });
  }

  // Whether the policy's describe() lists queues at all, asked once when a run ends
  // without a completed instant having told (every run stopped in its first instant):
  // the report must not claim describe() lists none. What it throws is not a finding here.
  void note_queues() const {
    if (s_.queues_listed) return;
    QueueSnapshot snap;
    try {
      inner_->describe(snap);
    } catch (...) {
      return;
    }
    s_.queues_listed = !snap.queues.empty();
  }

  // The run is over (or stopped): check its last instant and who is still waiting. A run
  // stopped by the event limit stopped inside an instant: that instant is not judged.
  void finish(bool instant_complete) {
    if (s_.instant >= 0 && instant_complete) end_instant();
    if (s_.options->starvation <= 0) return;
    for (TaskId t : s_.ready_sorted()) {
      const Ticks since = s_.ready_since[t];
      if (s_.starved[t] || s_.instant - since <= s_.options->starvation) continue;
      s_.starved[t] = true;
      s_.record(Violation::Starved, s_.instant,
                fmt::format("{} waited ready from t={} to the end of the run and was never picked", task_name(t),
                            since));
    }
  }

 private:
  Ticks now() const { return ctx().now(); }

  // The first callback of a new instant closes the previous one.
  void touch() const {
    const Ticks t = now();
    if (t == s_.instant) return;
    if (s_.instant >= 0) end_instant();
    s_.instant = t;
    s_.said_none = false;
    std::fill(s_.declined.begin(), s_.declined.end(), false);
  }

  void end_instant() const {
    check_idle();
    check_queues();
  }

  void check_idle() const {
    if (s_.ready.empty() || std::find(s_.on_cpu.begin(), s_.on_cpu.end(), kNoTask) == s_.on_cpu.end()) return;
    const std::vector<TaskId> ready = s_.ready_sorted();
    for (CpuId cpu = 0; cpu < s_.on_cpu.size(); ++cpu) {
      if (s_.on_cpu[cpu] != kNoTask) continue;
      std::vector<TaskId> could;
      for (TaskId t : ready)
        if (ctx().allowed_on(t, cpu)) could.push_back(t);
      if (could.empty()) continue;
      const std::string why = s_.said_none         ? "has_ready() returned false"
                              : s_.declined[cpu] ? fmt::format("pick_next({}) returned nothing", cpu)
                                                 : std::string("the policy was not asked again");
      s_.record(Violation::Idle, s_.instant,
                fmt::format("CPU {} stayed idle while {} ready: {}", cpu, names(could), why));
      return;  // one per instant
    }
  }

  void check_queues() const {
    QueueSnapshot snap;
    call("describe", [&] { inner_->describe(snap); });
    if (snap.queues.empty()) return;
    s_.queues_checked = true;
    s_.queues_listed = true;
    std::vector<std::uint32_t>& listed = s_.listed;
    for (const QueueSnapshot::Queue& q : snap.queues)
      for (TaskId t : q.tasks) {
        s_.grow(t);
        if (++listed[t] == 2)
          s_.record(Violation::EnqueuedTwice, s_.instant,
                    fmt::format("describe() lists {} twice (queue '{}')", task_name(t), q.name));
        if (listed[t] == 1 && !s_.is_ready(t))
          s_.record(Violation::StaleEntry, s_.instant,
                    fmt::format("describe() lists {}, {}", task_name(t), not_ready_reason(t)));
      }
    for (TaskId t : s_.ready_sorted())
      if (listed[t] == 0)
        s_.record(Violation::LostTask, s_.instant,
                  fmt::format("{} is ready (since t={}) but describe() does not list it", task_name(t),
                              s_.ready_since[t]));
    for (const QueueSnapshot::Queue& q : snap.queues)
      for (TaskId t : q.tasks) listed[t] = 0;
  }

  std::string task_name(TaskId t) const {
    try {
      return fmt::format("task {} ({})", t, ctx().task(t).name);
    } catch (const std::exception&) {
      return fmt::format("task {} (no such task)", t);
    }
  }

  std::string names(const std::vector<TaskId>& tasks) const {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(tasks.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
      if (i > 0) out += ", ";
      try {
        out += ctx().task(tasks[i]).name;
      } catch (const std::exception&) {
        out += std::to_string(tasks[i]);
      }
    }
    if (tasks.size() > shown) out += fmt::format(" and {} more", tasks.size() - shown);
    return fmt::format("{} task{} ({})", tasks.size(), tasks.size() == 1 ? "" : "s", out) +
           (tasks.size() == 1 ? " was" : " were");
  }

  std::string ready_list() const {
    std::string text = names(s_.ready_sorted());  // "2 tasks (a, b) were"
    return text.substr(0, text.rfind(' '));
  }

  std::string not_ready_reason(TaskId t) const {
    TaskInfo info;
    try {
      info = ctx().task(t);
    } catch (const std::exception&) {
      return "which does not exist";
    }
    const Ticks picked = t < s_.picked_at.size() ? s_.picked_at[t] : -1;
    switch (info.state) {
      case TaskState::New: return "which has not arrived yet";
      case TaskState::Running:
        for (CpuId c = 0; c < s_.on_cpu.size(); ++c)
          if (s_.on_cpu[c] == t)
            return picked >= 0 ? fmt::format("which is running on CPU {} (picked at t={}: a stale queue entry?)", c,
                                             picked)
                               : fmt::format("which is running on CPU {}", c);
        return picked >= 0 ? fmt::format("which was already picked at t={} (picked twice?)", picked)
                           : std::string("which is running");
      case TaskState::Blocked: return "which is blocked";
      case TaskState::Terminated: return "which has terminated";
      case TaskState::Ready:
        return picked >= 0 ? fmt::format("which was already picked at t={} (picked twice?)", picked)
                           : std::string("which was never enqueued");
    }
    return "which is not ready";
  }

  // Run a callback of the policy under test; anything it throws is a finding that ends the run.
  template <typename F>
  auto call(const char* callback, F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const StopRun&) {
      throw;
    } catch (const InvariantError&) {
      throw;
    } catch (const PolicyCallbackError& e) {
      const auto& d = e.details();
      if (d.kernel_rejected) s_.record(Violation::BadCall, now(), fmt::format("in {}(): {}", d.callback, d.message));
      else if (d.type.empty()) s_.record(Violation::Exception, now(), d.message);
      else
        s_.record(Violation::Exception, now(),
                  fmt::format("{}() threw {}{}{}", d.callback, d.type, d.message.empty() ? "" : ": ", d.message));
    } catch (const PolicyError& e) {
      s_.record(Violation::BadCall, now(), fmt::format("in {}(): {}", callback, e.what()));
    } catch (const std::exception& e) {
      s_.record(Violation::Exception, now(),
                fmt::format("{}() threw {}: {}", callback, demangle(typeid(e).name()), e.what()));
    } catch (...) {
      s_.record(Violation::Exception, now(),
                fmt::format("{}() threw {}", callback, current_exception_type()));
    }
    throw StopRun{};
  }

  std::unique_ptr<Policy> inner_;
  RunState& s_;
};

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
  KernelConfig config;
  config.cpus = cpus;
  config.seed = options.seed;
  config.max_events = options.max_events;
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
        KernelConfig config;
        config.cpus = cpus;
        config.seed = options.seed;
        config.max_events = options.max_events;
        Kernel reference(config, *options.reference);
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

void write_check_report(std::ostream& out, const CheckReport& report, const std::string& title,
                        const std::vector<BatteryEntry>& battery, const CheckOptions& options) {
  std::string text = fmt::format("check-policy {}\n", title);
  std::vector<CpuId> cpus;
  for (const BatteryEntry& e : battery)
    for (CpuId n : e.cpus)
      if (std::find(cpus.begin(), cpus.end(), n) == cpus.end()) cpus.push_back(n);
  std::sort(cpus.begin(), cpus.end());
  text += fmt::format("{} workload{} on {} CPU{}: {} run{}{}, each run twice; invariant checker on; ",
                      battery.size(), battery.size() == 1 ? "" : "s", fmt::join(cpus, ", "),
                      cpus.size() == 1 && cpus[0] == 1 ? "" : "s", report.runs, report.runs == 1 ? "" : "s",
                      report.skipped ? fmt::format(" ({} skipped)", report.skipped) : "");
  if (report.open_ended > 0)
    text += fmt::format("{} run{} cut off at {} events, as {} is too (the workload does not end), not judged; ",
                        report.open_ended, report.open_ended == 1 ? "" : "s", options.max_events,
                        options.reference->canonical);
  text += options.starvation > 0 ? fmt::format("starvation limit {} ticks\n\n", options.starvation)
                                 : std::string("no starvation limit\n\n");
  std::size_t failed = 0;
  for (std::size_t k = 0; k < kViolationKinds; ++k) {
    const auto kind = static_cast<Violation>(k);
    const bool queue_check =
        kind == Violation::EnqueuedTwice || kind == Violation::StaleEntry || kind == Violation::LostTask;
    if (kind == Violation::Starved && options.starvation <= 0) continue;
    if (report.times[k] == 0) {
      const bool skipped = queue_check && !report.queues_checked;
      text += fmt::format("{:<5} {:<17} {}{}\n", skipped ? "skip" : "ok", violation_id(kind), violation_title(kind),
                          !skipped                ? ""
                          : report.queues_listed ? " (every run stopped before the end of its first instant)"
                                                 : " (describe() lists no queues)");
      continue;
    }
    ++failed;
    text += fmt::format("{:<5} {:<17} {}: in {} of {} run{} ({} time{})\n", "FAIL", violation_id(kind),
                        violation_title(kind), report.runs_with[k], report.runs, report.runs == 1 ? "" : "s",
                        report.times[k], report.times[k] == 1 ? "" : "s");
    std::size_t shown = 0;
    for (const Finding& f : report.findings) {
      if (f.kind != kind) continue;
      if (shown++ == options.examples) break;
      if (kind == Violation::Nondeterministic) text += fmt::format("        {}: {}\n", f.where, f.text);
      else text += fmt::format("        {}, t={}: {}\n", f.where, f.time, f.text);
    }
  }
  text += failed == 0 ? std::string("\nno violations\n")
                      : fmt::format("\n{} kind{} of violation\n", failed, failed == 1 ? "" : "s");
  out << text;
}

}  // namespace schedlab::lab

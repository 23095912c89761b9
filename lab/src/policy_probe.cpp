// The probe's checks (policy_probe.hpp): each callback updates the model and is passed on
// through call(), which turns anything the policy throws into a finding; the end of an
// instant compares the model with what the policy answered and with its describe().
#include "policy_probe.hpp"

#include <fmt/format.h>
#include <typeinfo>

#include <schedlab/demangle.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>

namespace schedlab::lab::detail {

template <typename F>
auto Probe::call(const char* callback, F&& f) const -> decltype(f()) {
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

Probe::Probe(Context& ctx, std::unique_ptr<Policy> inner, RunState& state)
    : Policy(ctx), inner_(std::move(inner)), s_(state) {
  s_.on_cpu.assign(ctx.cpu_count(), kNoTask);
  s_.declined.assign(ctx.cpu_count(), false);
}

void Probe::enqueue(TaskId task, EnqueueReason reason) {
  touch();
  s_.add_ready(task, now());
  call("enqueue", [&] { inner_->enqueue(task, reason); });
}

void Probe::dequeue(TaskId task) {
  touch();
  s_.remove_ready(task);
  call("dequeue", [&] { inner_->dequeue(task); });
}

bool Probe::has_ready() const {
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

std::optional<Dispatch> Probe::pick_next(CpuId cpu) {
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

void Probe::running(TaskId task, CpuId cpu) {
  touch();
  s_.on_cpu[cpu] = task;
  call("running", [&] { inner_->running(task, cpu); });
}

void Probe::stopping(TaskId task, CpuId cpu, Ticks ran, StopReason why) {
  touch();
  s_.on_cpu[cpu] = kNoTask;
  call("stopping", [&] { inner_->stopping(task, cpu, ran, why); });
}

void Probe::balance() {
  touch();
  call("balance", [&] { inner_->balance(); });
}

void Probe::timer() {
  touch();
  call("timer", [&] { inner_->timer(); });
}

void Probe::task_dead(TaskId task) {
  touch();
  call("task_dead", [&] { inner_->task_dead(task); });
}

void Probe::priority_changed(TaskId task) {
  touch();
  call("priority_changed", [&] { inner_->priority_changed(task); });
}

void Probe::describe(QueueSnapshot& out) const {
  call("describe", [&] { inner_->describe(out); });
}

void Probe::note_queues() const {
  if (s_.queues_listed) return;
  QueueSnapshot snap;
  try {
    inner_->describe(snap);
  } catch (...) {
    return;
  }
  s_.queues_listed = !snap.queues.empty();
}

void Probe::finish(bool instant_complete) {
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

void Probe::touch() const {
  const Ticks t = now();
  if (t == s_.instant) return;
  if (s_.instant >= 0) end_instant();
  s_.instant = t;
  s_.said_none = false;
  std::fill(s_.declined.begin(), s_.declined.end(), false);
}

void Probe::end_instant() const {
  check_idle();
  check_queues();
}

void Probe::check_idle() const {
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

void Probe::check_queues() const {
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

std::string Probe::task_name(TaskId t) const {
  try {
    return fmt::format("task {} ({})", t, ctx().task(t).name);
  } catch (const std::exception&) {
    return fmt::format("task {} (no such task)", t);
  }
}

std::string Probe::names(const std::vector<TaskId>& tasks) const {
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

std::string Probe::ready_list() const {
  std::string text = names(s_.ready_sorted());  // "2 tasks (a, b) were"
  return text.substr(0, text.rfind(' '));
}

std::string Probe::not_ready_reason(TaskId t) const {
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

}  // namespace schedlab::lab::detail

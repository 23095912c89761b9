#include "playhead.hpp"

#include <algorithm>
#include <unordered_map>
#include <fmt/format.h>

namespace schedlab::gui {

namespace {

// Counting sort of record indices by task into CSR arrays.
template <class Records, class TaskOf, class Keep>
void group_by_task(const Records& records, std::size_t tasks, TaskOf task_of, Keep keep,
                   std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& items) {
  offsets.assign(tasks + 1, 0);
  for (const auto& r : records)
    if (keep(r) && task_of(r) < tasks) ++offsets[task_of(r) + 1];
  for (std::size_t k = 0; k < tasks; ++k) offsets[k + 1] += offsets[k];
  items.resize(offsets[tasks]);
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < records.size(); ++i)
    if (keep(records[i]) && task_of(records[i]) < tasks) items[fill[task_of(records[i])]++] = static_cast<std::uint32_t>(i);
}

}  // namespace

RunIndex::RunIndex(const Trace& trace, const TimelineModel& model) : trace_(&trace), model_(&model) {
  event_times_.reserve(trace.transitions.size() + trace.instants.size());
  for (const TransitionRecord& r : trace.transitions) event_times_.push_back(r.time);
  for (const InstantRecord& r : trace.instants) event_times_.push_back(r.time);
  std::sort(event_times_.begin(), event_times_.end());
  event_times_.erase(std::unique(event_times_.begin(), event_times_.end()), event_times_.end());

  const std::size_t n = trace.tasks.size();
  group_by_task(trace.transitions, n, [](const TransitionRecord& r) { return r.task; },
                [](const TransitionRecord&) { return true; }, task_offsets_, task_transitions_);
  group_by_task(trace.instants, n, [](const InstantRecord& r) { return r.task; },
                [](const InstantRecord& r) { return to_string(r.kind) == "level"; }, level_offsets_, level_instants_);
  group_by_task(trace.instants, n, [](const InstantRecord& r) { return r.other; },
                [](const InstantRecord& r) {
                  const std::string_view k = to_string(r.kind);
                  return k == "wakeup" || k == "handoff";
                },
                wake_offsets_, wake_instants_);
  group_by_task(trace.instants, n, [](const InstantRecord& r) { return r.task; },
                [](const InstantRecord& r) { return r.kind == InstantKind::Reparent; }, reparent_offsets_,
                reparent_instants_);
  std::unordered_map<Pid, TaskId> main_by_pid;
  for (TaskId id = 0; id < n; ++id)
    if (!trace.tasks[id].is_thread) main_by_pid.emplace(trace.tasks[id].pid, id);
  main_of_.resize(n);
  for (TaskId id = 0; id < n; ++id) {
    const auto it = main_by_pid.find(trace.tasks[id].pid);
    main_of_[id] = it == main_by_pid.end() ? id : it->second;
  }
  first_dispatch_.assign(n, kNoRef);
  for (std::size_t i = 0; i < trace.transitions.size(); ++i) {
    const TransitionRecord& r = trace.transitions[i];
    if (r.to == TaskState::Running && r.task < n && first_dispatch_[r.task] == kNoRef)
      first_dispatch_[r.task] = static_cast<std::uint32_t>(i);
  }
}

Ticks RunIndex::next_event(Ticks t) const {
  const auto it = std::upper_bound(event_times_.begin(), event_times_.end(), t);
  return it == event_times_.end() ? t : *it;
}

Ticks RunIndex::previous_event(Ticks t) const {
  const auto it = std::lower_bound(event_times_.begin(), event_times_.end(), t);
  return it == event_times_.begin() ? t : *(it - 1);
}

std::size_t RunIndex::transitions_until(Ticks t) const {
  const auto& tr = trace_->transitions;
  return static_cast<std::size_t>(
      std::partition_point(tr.begin(), tr.end(), [&](const TransitionRecord& r) { return r.time <= t; }) - tr.begin());
}

TaskAt RunIndex::task_at(TaskId task, Ticks t) const {
  TaskAt at;
  at.id = task;
  const auto& tr = trace_->transitions;
  const auto begin = task_transitions_.begin() + task_offsets_[task];
  const auto end = task_transitions_.begin() + task_offsets_[task + 1];
  const auto it = std::partition_point(begin, end, [&](std::uint32_t i) { return tr[i].time <= t; });
  if (it != begin) {
    const TransitionRecord& last = tr[*(it - 1)];
    at.state = last.to;
    at.cause = last.cause;
    at.since = last.time;
    at.kind = classify(last.to, last.cause);
  } else {
    at.since = trace_->tasks[task].created;
  }
  if (it != end) at.until = tr[*it].time;

  const auto& inst = trace_->instants;
  const auto lb = level_instants_.begin() + level_offsets_[task];
  const auto le = level_instants_.begin() + level_offsets_[task + 1];
  const auto lt = std::partition_point(lb, le, [&](std::uint32_t i) { return inst[i].time <= t; });
  if (lt != lb) at.level = static_cast<int>(inst[*(lt - 1)].value);

  // The parent pid at T: the one it was created with, until init adopts the process.
  at.ppid = trace_->tasks[task].ppid;
  const TaskId main = main_of_[task];
  const auto rb = reparent_instants_.begin() + reparent_offsets_[main];
  const auto re = reparent_instants_.begin() + reparent_offsets_[main + 1];
  const auto rt = std::partition_point(rb, re, [&](std::uint32_t i) { return inst[i].time <= t; });
  if (rt != rb) at.ppid = static_cast<Pid>(inst[*(rt - 1)].value);

  if (first_dispatch_[task] != kNoRef && tr[first_dispatch_[task]].time <= t) at.first_run = tr[first_dispatch_[task]].time;
  const Lane& lane = model_->task_lanes()[task];
  at.cpu_time = lane.running_until(t);
  at.waiting = lane.ready_until(t);
  if (at.state == TaskState::Terminated) {  // ended, but maybe not yet reaped
    const std::size_t k = lane.span_at(t);
    if (k < lane.spans.size() && lane.spans[k].kind == SpanKind::Zombie) {
      at.kind = SpanKind::Zombie;
      at.since = lane.spans[k].start;
      at.until = lane.spans[k].aux == kNoRef ? -1 : lane.spans[k].end;
    }
  }
  return at;
}

std::string RunIndex::wait_detail(const TaskAt& at) const {
  std::string out = fmt::format("{} since {}", to_string(at.cause), at.since);
  if (at.until < 0) return out + " (still waiting when the run stopped)";
  out += fmt::format(", until {}", at.until);
  const auto& inst = trace_->instants;
  const auto b = wake_instants_.begin() + wake_offsets_[at.id];
  const auto e = wake_instants_.begin() + wake_offsets_[at.id + 1];
  const auto it = std::partition_point(b, e, [&](std::uint32_t i) { return inst[i].time < at.until; });
  if (it != e && inst[*it].time == at.until) {
    const InstantRecord& w = inst[*it];
    const std::string by = w.task < trace_->tasks.size() ? trace_->tasks[w.task].name : std::string("the kernel");
    out += fmt::format(" ({} by {}{}{})", to_string(w.kind), by, w.text.empty() ? "" : ": ", w.text);
  }
  return out;
}

PlayheadState state_at(const Trace& trace, const TimelineModel& model, const RunIndex& index, Ticks t) {
  PlayheadState s;
  s.time = t;
  s.running_on.assign(model.cpu_lanes().size(), kNoTask);
  for (const Lane& lane : model.cpu_lanes()) {
    const std::size_t k = lane.span_at(t);
    if (k < lane.spans.size()) s.running_on[lane.id] = lane.spans[k].aux;
  }
  s.tasks.resize(trace.tasks.size());
  for (TaskId id = 0; id < trace.tasks.size(); ++id) {
    TaskAt& at = s.tasks[id] = index.task_at(id, t);
    const auto st = static_cast<std::size_t>(at.state);
    if (st < s.state_counts.size()) ++s.state_counts[st];
  }
  for (CpuId c = 0; c < s.running_on.size(); ++c)
    if (s.running_on[c] < s.tasks.size()) s.tasks[s.running_on[c]].cpu = c;

  const std::size_t p = index.transitions_until(t);
  if (p > 0) {
    s.last_transition_time = trace.transitions[p - 1].time;
    for (std::size_t i = p; i > 0 && trace.transitions[i - 1].time == s.last_transition_time; --i) {
      s.last_transitions.push_back(static_cast<std::uint32_t>(i - 1));
      if (s.last_transitions.size() >= 64) break;  // a huge instant: the diagram needs only a few
    }
    std::reverse(s.last_transitions.begin(), s.last_transitions.end());
  }
  return s;
}

}  // namespace schedlab::gui

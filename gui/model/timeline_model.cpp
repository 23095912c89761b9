#include "timeline_model.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>

namespace schedlab::gui {

namespace {

void add_totals(Lane& lane) {  // Lane::compute_totals
  lane.running_before.assign(lane.spans.size() + 1, 0);
  const bool task = lane.type == LaneType::Task;
  if (task) lane.ready_before.assign(lane.spans.size() + 1, 0);
  for (std::size_t i = 0; i < lane.spans.size(); ++i) {
    const Span& s = lane.spans[i];
    const Ticks d = s.end - s.start;
    lane.running_before[i + 1] = lane.running_before[i] + (s.kind == SpanKind::Running ? d : 0);
    if (task) lane.ready_before[i + 1] = lane.ready_before[i] + (s.kind == SpanKind::Ready ? d : 0);
  }
}

// Ticks of `kind` in [0, t) given the running totals `before` (one of the lane's arrays).
Ticks kind_until(const Lane& lane, const std::vector<Ticks>& before, SpanKind kind, Ticks t) {
  if (before.empty()) return 0;
  const auto it = std::partition_point(lane.spans.begin(), lane.spans.end(), [&](const Span& s) { return s.end <= t; });
  const std::size_t k = static_cast<std::size_t>(it - lane.spans.begin());
  Ticks sum = before[k];
  if (k < lane.spans.size() && lane.spans[k].start < t && lane.spans[k].kind == kind) sum += t - lane.spans[k].start;
  return sum;
}

std::string ticks_range(Ticks a, Ticks b) {
  return fmt::format("[{}, {})  {} tick{}", a, b, b - a, b - a == 1 ? "" : "s");
}

}  // namespace

void Lane::compute_totals() { add_totals(*this); }

std::size_t Lane::span_at(Ticks t) const {
  const auto it = std::partition_point(spans.begin(), spans.end(), [&](const Span& s) { return s.start <= t; });
  if (it == spans.begin()) return spans.size();
  const std::size_t k = static_cast<std::size_t>(it - spans.begin()) - 1;
  return spans[k].end > t ? k : spans.size();
}

Ticks Lane::running_until(Ticks t) const { return kind_until(*this, running_before, SpanKind::Running, t); }
Ticks Lane::ready_until(Ticks t) const { return kind_until(*this, ready_before, SpanKind::Ready, t); }

TimelineModel::TimelineModel(const Trace& trace, const RunResult& result) {
  end_ = result.end_time;
  slice_count_ = trace.slices.size();
  build_cpu_lanes(trace, result);
  const std::unordered_map<Pid, TaskId> main_task = build_task_lanes(trace);
  add_zombie_spans(trace);
  add_markers(trace, result);
  order_lanes(trace, main_task);
}

void TimelineModel::build_cpu_lanes(const Trace& trace, const RunResult& result) {
  // ---- CPU lanes: the slices, as the kernel reported them --------------------------------
  const CpuId ncpu = std::max<CpuId>(result.cpus, 1);
  cpu_lanes_.resize(ncpu);
  for (CpuId c = 0; c < ncpu; ++c) {
    cpu_lanes_[c].type = LaneType::Cpu;
    cpu_lanes_[c].id = c;
    cpu_lanes_[c].label = fmt::format("CPU {}", c);
  }
  for (std::size_t i = 0; i < trace.slices.size(); ++i) {
    const SliceRecord& s = trace.slices[i];
    if (s.end <= s.start) continue;  // dispatched and gone at the same instant: no time to draw
    if (s.cpu >= cpu_lanes_.size()) continue;
    cpu_lanes_[s.cpu].spans.push_back(Span{s.start, s.end, static_cast<std::uint32_t>(i), s.task, SpanKind::Running});
  }
  // Slices arrive in the order they ended; on one CPU that is also the order they began.
  // The slice still running when a run stops at a limit is not reported: the last
  // dispatch on that CPU tells which task it was (GuiTrace keeps dispatches).
  if (const auto* gt = dynamic_cast<const GuiTrace*>(&trace)) {
    std::vector<DispatchRecord> last(ncpu, DispatchRecord{-1, kNoTask, 0});
    for (const DispatchRecord& d : gt->dispatches)
      if (d.cpu < ncpu) last[d.cpu] = d;
    for (CpuId c = 0; c < ncpu; ++c) {
      const DispatchRecord& d = last[c];
      if (d.task == kNoTask || d.time >= end_) continue;
      const auto& spans = cpu_lanes_[c].spans;
      if (!spans.empty() && spans.back().end > d.time) continue;  // that dispatch's slice was reported
      // Still running at the end only if the task's last transition is to Running.
      bool running = false;
      for (auto it = trace.transitions.rbegin(); it != trace.transitions.rend(); ++it)
        if (it->task == d.task) {
          running = it->to == TaskState::Running;
          break;
        }
      if (running) cpu_lanes_[c].spans.push_back(Span{d.time, end_, kNoRef, d.task, SpanKind::Running});
    }
  }
  for (Lane& lane : cpu_lanes_) add_totals(lane);
}

std::unordered_map<Pid, TaskId> TimelineModel::build_task_lanes(const Trace& trace) {
  // ---- Task lanes: the intervals between transitions ---------------------------------------
  task_lanes_.resize(trace.tasks.size());
  std::unordered_map<Pid, TaskId> main_task;  // pid -> its first task
  for (TaskId id = 0; id < trace.tasks.size(); ++id) {
    const TaskRecord& t = trace.tasks[id];
    Lane& lane = task_lanes_[id];
    lane.type = LaneType::Task;
    lane.id = id;
    lane.label = t.name.empty() ? fmt::format("task {}", id) : t.name;
    main_task.try_emplace(t.pid, id);
  }
  struct Open {
    Ticks since = 0;
    std::uint32_t ref = kNoRef;
    SpanKind kind = SpanKind::Count;
  };
  std::vector<Open> open(trace.tasks.size());
  for (std::size_t i = 0; i < trace.transitions.size(); ++i) {
    const TransitionRecord& r = trace.transitions[i];
    if (r.task >= task_lanes_.size()) continue;
    Open& o = open[r.task];
    if (o.kind != SpanKind::Count && r.time > o.since)
      task_lanes_[r.task].spans.push_back(Span{o.since, r.time, o.ref, static_cast<std::uint32_t>(i), o.kind});
    o = Open{r.time, static_cast<std::uint32_t>(i), classify(r.to, r.cause)};
  }
  for (TaskId id = 0; id < open.size(); ++id)
    if (open[id].kind != SpanKind::Count && end_ > open[id].since)
      task_lanes_[id].spans.push_back(Span{open[id].since, end_, open[id].ref, kNoRef, open[id].kind});
  return main_task;
}

void TimelineModel::add_zombie_spans(const Trace& trace) {
  // ---- Zombies: a process that ended, until its parent (or init) reaps it ----------------
  // Read off the process_end instant (task = the main task) and the reap instant
  // (other = the main task); the span follows the main task's last state, so lanes stay
  // sorted.
  std::unordered_map<TaskId, std::uint32_t> reaped;  // main task -> reap instant
  for (std::size_t i = 0; i < trace.instants.size(); ++i)
    if (to_string(trace.instants[i].kind) == "reap") reaped.emplace(trace.instants[i].other, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < trace.instants.size(); ++i) {
    const InstantRecord& r = trace.instants[i];
    if (to_string(r.kind) != "process_end" || r.task >= task_lanes_.size()) continue;
    Lane& lane = task_lanes_[r.task];
    const auto it = reaped.find(r.task);
    const std::uint32_t reap = it == reaped.end() ? kNoRef : it->second;
    const Ticks until = reap == kNoRef ? end_ : trace.instants[reap].time;
    if (until > r.time && (lane.spans.empty() || lane.spans.back().end <= r.time))
      lane.spans.push_back(Span{r.time, until, static_cast<std::uint32_t>(i), reap, SpanKind::Zombie});
  }
  for (Lane& lane : task_lanes_) add_totals(lane);
}

void TimelineModel::add_markers(const Trace& trace, const RunResult& result) {
  // ---- Markers --------------------------------------------------------------------------
  for (std::size_t i = 0; i < trace.instants.size(); ++i) {
    const InstantRecord& r = trace.instants[i];
    const MarkerKind kind = classify(r);
    if (kind == MarkerKind::Count) continue;
    // A deadlock stops the whole run: it is drawn across all lanes, with its report.
    if (kind == MarkerKind::Deadlock) global_markers_.push_back(Marker{r.time, kind, static_cast<std::uint32_t>(i), r.task});
    else if (r.task < task_lanes_.size())
      task_lanes_[r.task].markers.push_back(Marker{r.time, kind, static_cast<std::uint32_t>(i), r.other});
  }
  for (Lane& lane : task_lanes_)
    std::stable_sort(lane.markers.begin(), lane.markers.end(),
                     [](const Marker& a, const Marker& b) { return a.time < b.time; });
  if (result.status == RunStatus::Deadlock && global_markers_.empty())
    global_markers_.push_back(Marker{end_, MarkerKind::Deadlock, kNoRef, kNoTask});
}

void TimelineModel::order_lanes(const Trace& trace, const std::unordered_map<Pid, TaskId>& main_task) {
  // ---- Lane order: threads right under their process's main task -------------------------
  std::vector<std::vector<TaskId>> threads(trace.tasks.size());
  task_order_.reserve(trace.tasks.size());
  for (TaskId id = 0; id < trace.tasks.size(); ++id) {
    const auto it = main_task.find(trace.tasks[id].pid);
    if (it != main_task.end() && it->second != id) {
      threads[it->second].push_back(id);
      task_lanes_[id].thread = true;
    }
  }
  for (TaskId id = 0; id < trace.tasks.size(); ++id) {
    const auto it = main_task.find(trace.tasks[id].pid);
    if (it != main_task.end() && it->second != id) continue;  // placed under its main task
    task_order_.push_back(id);
    for (TaskId t : threads[id]) task_order_.push_back(t);
  }
  row_of_.assign(trace.tasks.size(), 0);
  for (std::size_t row = 0; row < task_order_.size(); ++row) row_of_[task_order_[row]] = row;
}

std::string describe_span(const Trace& trace, const Lane& lane, const Span& span) {
  if (lane.type == LaneType::Cpu) {
    const TaskId task = span.aux;
    const std::string name = task < trace.tasks.size() ? trace.tasks[task].name : "?";
    const Pid pid = task < trace.tasks.size() ? trace.tasks[task].pid : 0;
    std::string out = fmt::format("{} (pid {}) on CPU {}\n{}", name, pid, lane.id, ticks_range(span.start, span.end));
    if (span.ref != kNoRef) out += fmt::format("\nended: {}", to_string(trace.slices[span.ref].reason));
    else out += "\nstill running when the run stopped";
    return out;
  }
  std::string out = fmt::format("{}: {}\n{}", lane.label, style(span.kind).label, ticks_range(span.start, span.end));
  if (span.kind == SpanKind::Zombie) {
    if (span.ref != kNoRef) out += fmt::format("\nthe process ended: {}", trace.instants[span.ref].text);
    if (span.aux != kNoRef) {
      const InstantRecord& reap = trace.instants[span.aux];
      out += reap.task < trace.tasks.size() ? fmt::format("\nreaped by {}", trace.tasks[reap.task].name)
                                            : fmt::format("\n{}", reap.text.empty() ? "reaped by init" : reap.text);
    } else {
      out += "\nnot reaped when the run stopped";
    }
    return out;
  }
  if (span.ref != kNoRef) {
    const TransitionRecord& in = trace.transitions[span.ref];
    out += fmt::format("\nbegan: {} -> {} ({})", to_string(in.from), to_string(in.to), to_string(in.cause));
  }
  if (span.aux != kNoRef) {
    const TransitionRecord& out_tr = trace.transitions[span.aux];
    out += fmt::format("\nended: -> {} ({})", to_string(out_tr.to), to_string(out_tr.cause));
  } else {
    out += "\nstill in this state when the run stopped";
  }
  return out;
}

std::string describe_marker(const Trace& trace, const Marker& m) {
  const auto name = [&](TaskId t) { return t < trace.tasks.size() ? trace.tasks[t].name : std::string("?"); };
  if (m.ref == kNoRef) return fmt::format("t={}: {}", m.time, style(m.kind).label);
  const InstantRecord& r = trace.instants[m.ref];
  switch (m.kind) {
    case MarkerKind::Exit:
    case MarkerKind::Kill: return fmt::format("t={}: {} ended ({}, code {})", r.time, name(r.task), r.text, r.value);
    case MarkerKind::Preempt: return fmt::format("t={}: {} preempted on CPU {}", r.time, name(r.task), r.value);
    case MarkerKind::Level: return fmt::format("t={}: {} moved to level {}", r.time, name(r.task), r.value);
    case MarkerKind::Fork: return fmt::format("t={}: {} started {} ({})", r.time, name(r.task), name(r.other), to_string(r.kind));
    case MarkerKind::Deadlock: return fmt::format("t={}: deadlock\n{}", r.time, r.text);
    default: break;
  }
  return fmt::format("t={}: {} {} {}", r.time, to_string(r.kind), name(r.task), r.text);
}

}  // namespace schedlab::gui

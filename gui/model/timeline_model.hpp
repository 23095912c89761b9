// The timeline's lanes, built once per run from the kernel's trace (nothing recomputed
// for display: every span is a slice or the interval between two recorded transitions).
//
// - One lane per CPU: the run slices on that CPU (SliceRecord), coloured by task.
// - One lane per task (process or thread): the intervals between its transitions, each
//   with the SpanKind of the state it entered, and its markers (exit, preemption, level
//   changes, forks of children).
//
// Spans of a lane are sorted and do not overlap, so both their starts and their ends are
// sorted: the LOD pass (lod.hpp) finds what is on screen by binary search. Each lane also
// keeps running totals of its Running and Ready time, so any window of it can be summed
// in O(log n) (merged bars, cpu/waiting time at the playhead).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

#include "gui_trace.hpp"
#include "span_kind.hpp"

namespace schedlab::gui {

inline constexpr std::uint32_t kNoRef = 0xFFFFFFFFu;

struct Span {
  Ticks start = 0;
  Ticks end = 0;
  // CPU lanes: index of the SliceRecord. Task lanes: index of the transition that began it
  // (zombie spans: of the process_end instant).
  std::uint32_t ref = kNoRef;
  // CPU lanes: the task. Task lanes: index of the transition that ended it (zombie spans:
  // of the reap instant); kNoRef if the run stopped first.
  std::uint32_t aux = kNoRef;
  SpanKind kind = SpanKind::Running;
};

struct Marker {
  Ticks time = 0;
  MarkerKind kind = MarkerKind::Other;
  std::uint32_t ref = kNoRef;  // index of the InstantRecord; kNoRef for derived markers
  TaskId other = kNoTask;      // fork: the child
};

enum class LaneType : std::uint8_t { Cpu, Task };

struct Lane {
  LaneType type = LaneType::Task;
  std::uint32_t id = 0;  // CPU id or TaskId
  std::string label;
  bool thread = false;  // a task that is not its process's main task
  std::vector<Span> spans;
  std::vector<Marker> markers;  // sorted by time
  // running_before[i] = Running ticks in spans[0..i); same for ready. Size spans+1.
  std::vector<Ticks> running_before;
  std::vector<Ticks> ready_before;

  // Fill running_before / ready_before from spans (done by TimelineModel; call it after
  // building a lane by hand).
  void compute_totals();
  // Index of the span covering t (start <= t < end), or spans.size().
  std::size_t span_at(Ticks t) const;
  // Running (or Ready) ticks of this lane in [0, t).
  Ticks running_until(Ticks t) const;
  Ticks ready_until(Ticks t) const;
};

class TimelineModel {
 public:
  TimelineModel() = default;
  TimelineModel(const Trace& trace, const RunResult& result);

  const std::vector<Lane>& cpu_lanes() const { return cpu_lanes_; }
  const std::vector<Lane>& task_lanes() const { return task_lanes_; }  // indexed by TaskId
  // Display order of the task lanes: each process's threads right after its main task.
  const std::vector<TaskId>& task_order() const { return task_order_; }
  std::size_t row_of(TaskId task) const { return task < row_of_.size() ? row_of_[task] : 0; }
  // Run-wide markers (deadlock, limit reached) drawn across all lanes.
  const std::vector<Marker>& global_markers() const { return global_markers_; }
  Ticks begin() const { return begin_; }
  Ticks end() const { return end_; }
  std::size_t slice_count() const { return slice_count_; }

 private:
  // The constructor's steps, in order.
  void build_cpu_lanes(const Trace& trace, const RunResult& result);
  std::unordered_map<Pid, TaskId> build_task_lanes(const Trace& trace);  // returns pid -> main task
  void add_zombie_spans(const Trace& trace);
  void add_markers(const Trace& trace, const RunResult& result);
  void order_lanes(const Trace& trace, const std::unordered_map<Pid, TaskId>& main_task);

  std::vector<Lane> cpu_lanes_;
  std::vector<Lane> task_lanes_;
  std::vector<TaskId> task_order_;
  std::vector<std::size_t> row_of_;
  std::vector<Marker> global_markers_;
  Ticks begin_ = 0;
  Ticks end_ = 0;
  std::size_t slice_count_ = 0;
};

// Human text for a span (tooltip): what it was, when, and why it ended.
std::string describe_span(const Trace& trace, const Lane& lane, const Span& span);
std::string describe_marker(const Trace& trace, const Marker& marker);

}  // namespace schedlab::gui

// The state of a run at the playhead, reconstructed from the trace alone: each task's
// state is the `to` of its last transition at or before T (all events of instant T have
// happened, as after `schedlab run --until T`), its times come from its lane's running
// totals, its level from the last level instant.
//
// Also the event times the playback steps through (every transition and instant), and
// which transitions were "just taken" at the playhead, for the state diagram.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

#include "timeline_model.hpp"

namespace schedlab::gui {

struct TaskAt {
  TaskId id = kNoTask;
  TaskState state = TaskState::New;
  SpanKind kind = SpanKind::Count;  // what the timeline shows at T
  Cause cause = Cause::Arrival;     // of the last transition
  Ticks since = 0;                  // when it entered `state`
  Ticks until = -1;                 // when it leaves it (-1: not before the run ended)
  CpuId cpu = kNoCpu;               // when Running
  int level = -1;                   // last level the policy reported (-1: none)
  Ticks cpu_time = 0;               // Running ticks in [0, T)
  Ticks waiting = 0;                // Ready ticks in [0, T)
  Ticks first_run = -1;             // first dispatch, if at or before T
  Pid ppid = 0;                     // its process's parent at T (init, 1, once orphaned)
};

class RunIndex {
 public:
  RunIndex() = default;
  RunIndex(const Trace& trace, const TimelineModel& model);

  // Sorted, unique times at which anything happened (transitions and instants).
  const std::vector<Ticks>& event_times() const { return event_times_; }
  // The next event strictly after t, or t itself if there is none; same backwards.
  Ticks next_event(Ticks t) const;
  Ticks previous_event(Ticks t) const;

  // Index one past the last transition at or before t.
  std::size_t transitions_until(Ticks t) const;

  // Per-task transition lists (CSR: the transitions of task k are
  // task_transitions_[task_offsets_[k] .. task_offsets_[k+1])).
  std::size_t transition_count(TaskId task) const { return task_offsets_[task + 1] - task_offsets_[task]; }

  TaskAt task_at(TaskId task, Ticks t) const;

  // What a blocked task waits for, in words: its cause and since when, and, from the
  // instant that ends the wait (wakeup / handoff, which name the object), by whom and for
  // what. The trace names the object only when the wait ends.
  std::string wait_detail(const TaskAt& at) const;

 private:
  const Trace* trace_ = nullptr;
  const TimelineModel* model_ = nullptr;
  std::vector<Ticks> event_times_;
  std::vector<std::uint32_t> task_offsets_;
  std::vector<std::uint32_t> task_transitions_;
  std::vector<std::uint32_t> level_offsets_;  // same layout, over level instants
  std::vector<std::uint32_t> level_instants_;
  std::vector<std::uint32_t> first_dispatch_;  // per task: index of its first ->Running, or kNoRef
  std::vector<std::uint32_t> wake_offsets_;    // wakeup / handoff instants, grouped by the woken task
  std::vector<std::uint32_t> wake_instants_;
  std::vector<TaskId> main_of_;                  // per task: its process's main task
  std::vector<std::uint32_t> reparent_offsets_;  // reparent instants, grouped by main task
  std::vector<std::uint32_t> reparent_instants_;
};

// Everything the panels show at one playhead position.
struct PlayheadState {
  Ticks time = 0;
  std::vector<TaskAt> tasks;                          // indexed by TaskId
  std::array<std::size_t, 5> state_counts{};          // by TaskState (New..Terminated)
  std::vector<TaskId> running_on;                     // per CPU (kNoTask: idle)
  Ticks last_transition_time = -1;                    // latest instant with transitions <= T
  std::vector<std::uint32_t> last_transitions;        // the transitions of that instant
};

PlayheadState state_at(const Trace& trace, const TimelineModel& model, const RunIndex& index, Ticks t);

}  // namespace schedlab::gui

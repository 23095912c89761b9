// What the panels remember from one frame to the next. The App owns it (App::panels), as
// Tracy's View owns its views' state as members, instead of each panel hiding it in
// function-local statics: all the GUI's state is then in one object, declared in one place,
// and two Apps share nothing. Each struct belongs to the one panel named above it; no other
// panel reads or writes it. None of it is reset when a workload is loaded: the process
// table's rows are keyed on RunSession::id, and the rest does not depend on the run.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "playhead.hpp"
#include "timeline_draw.hpp"

namespace schedlab::gui {

// timeline_view.cpp: the lane buffers, reused so that a warmed-up frame allocates nothing.
struct TimelineViewState {
  TimelineScratch scratch;
};

// process_table.cpp: one row of the table.
struct ProcessRow {
  TaskId id;
  const TaskRecord* task;
  const ProcessMetrics* metrics;  // by pid; null for tasks the result does not list
  const TaskAt* at;
};

// process_table.cpp: which run the table shows, and its rows. The rows point into the run
// `rows_run` and into the PlayheadState `rows_state` at `rows_time`; the table rebuilds them
// (and sorts them again) before reading them whenever any of the three has changed, so a
// row is never read after what it points into has gone.
struct ProcessTableState {
  int which = 0;  // which run, in compare mode: 0 = A, 1 = B
  std::vector<ProcessRow> rows;
  std::uint64_t rows_run = 0;  // RunSession::id
  Ticks rows_time = -1;
  const PlayheadState* rows_state = nullptr;  // the Side::at the rows point into
};

// queues_panel.cpp: when the playhead last moved to another tick, so that a long run is
// re-run for its queues only once the playhead rests. One for the panel, not one per side:
// both sides share the playhead.
struct QueuesPanelState {
  std::chrono::steady_clock::time_point last_move{};  // set on the first frame (no tick is -1)
  Ticks last_tick = -1;
};

// state_diagram.cpp
struct StateDiagramState {
  int which = 0;  // which run, in compare mode: 0 = A, 1 = B
};

// workload_menu.cpp: the text of the "Open workload" popup, kept from one opening to the next.
struct OpenPathState {
  std::string path;
};

struct PanelState {
  TimelineViewState timeline;
  ProcessTableState processes;
  QueuesPanelState queues;
  StateDiagramState state_diagram;
  OpenPathState open_path;
};

}  // namespace schedlab::gui

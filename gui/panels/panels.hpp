// The panels' entry points, one file each in this folder (Tracy's one view per file).
// The layout in window.cpp places a window and calls the panel inside it. A panel draws from
// the App, keeps what it remembers between frames in its own part of App::panels
// (panel_state.hpp), never in statics, and changes the run on screen through the App's
// actions (load, rerun, seek...).
#pragma once

namespace schedlab::gui {

struct App;

void draw_menu_bar(App& app);          // workload_menu.cpp
void draw_open_path_popup(App& app);   // workload_menu.cpp
void draw_playback_bar(App& app);      // playback_bar.cpp
void step_playhead(App& app, bool forward);  // playback_bar.cpp: to the next/previous event
void draw_timeline(App& app);          // timeline_view.cpp
void draw_legend();                    // legend.cpp
void draw_queues_panel(App& app);      // queues_panel.cpp
void draw_process_table(App& app);     // process_table.cpp
void draw_state_diagram(App& app);     // state_diagram.cpp
void draw_policy_panel(App& app);      // policy_panel.cpp
void draw_metrics_panel(App& app);     // metrics_panel.cpp
void draw_help_window(App& app);       // help_window.cpp
void handle_shortcuts(App& app);       // help_window.cpp (the table and the keys live together)

}  // namespace schedlab::gui

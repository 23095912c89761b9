// The visualizer's state and its actions (app.cpp). The window, the event loop and the
// layout are in window.cpp; each panel has its own file under panels/ (timeline_view.cpp,
// queues_panel.cpp, ...), after Tracy's one-view-per-file layout, and its entry point in
// panels/panels.hpp. Panels read the App and change it only through the few actions
// declared here (load a workload, re-run, move the playhead), so that every change goes
// through one place; what a panel remembers between frames is its part of App::panels.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <schedlab/policy_registry.hpp>

#include "panels/panel_state.hpp"
#include "playhead.hpp"
#include "run_session.hpp"
#include "time_axis.hpp"
#include "workload_catalog.hpp"

namespace schedlab::gui {

struct Options {
  std::string workload;        // empty: workloads/default.yaml, else the built-in example
  std::string trace;           // a saved run to show read-only instead (schedlab explore --trace)
  bool example = false;        // open the built-in example whatever exists
  std::string policy = "rr";
  std::string compare;         // second policy: start in compare mode
  std::vector<std::string> plugins;
  CpuId cpus = 0;
  std::uint64_t seed = 1;
  std::string screenshot;      // headless: render `frames` frames and write this PNG
  int frames = 3;
  double play_to = -1;         // put the playhead here first
  double view_from = -1;       // show [view_from, view_to] first instead of the whole run
  double view_to = -1;
  std::string select;          // select this task (name) first
  std::string input;           // headless: scripted input (input_script.hpp)
  int width = 1600;
  int height = 960;
  std::string argv0;
};

// Edit buffers for one policy's parameters, built from the registry's ParamSpecs.
struct PolicyEditor {
  std::string name;                          // the policy
  std::map<std::string, std::string> values; // parameter -> value text, as on the command line
  std::string error;                         // why the last edit could not run
  std::string spec() const;                  // "name:k=v,..."
  void load(const PolicyConfig& config, const PolicyInfo* info);
};

// What the queues panel last got from the kernel (Kernel::queues() after a re-run to T).
struct QueueCache {
  Ticks time = -1;
  std::uint64_t session = 0;  // RunSession::id
  QueueSnapshot snapshot;
};

// One simulation on screen: A, or B in compare mode.
struct Side {
  std::shared_ptr<RunSession> session;
  PolicyEditor editor;
  PlayheadState at;  // at the playhead; recomputed when the playhead tick changes
  Ticks at_time = -1;
  std::uint64_t at_session = 0;  // RunSession::id
  QueueCache queues;
  bool ok() const { return session && session->ok(); }
};

struct Playback {
  double time = 0;          // the playhead (ticks, may sit between two)
  bool playing = false;
  double speed = 10;        // ticks per second
  Ticks tick() const { return static_cast<Ticks>(time); }
};

struct App {
  Options options;
  PolicyRegistry registry;
  KernelConfig kernel_config;

  std::shared_ptr<const Workload> workload;
  std::string workload_label;  // file path or "built-in example"
  std::string message;         // an error to show in a modal (bad file, bad plugin...)
  std::string workloads_dir;
  std::vector<WorkloadEntry> catalog;

  Side a, b;
  bool compare = false;

  TimeAxis axis;
  bool fit_requested = true;
  Playback playback;
  TaskId selected = kNoTask;
  bool scroll_to_selected = false;
  bool show_help = false;
  bool open_path_requested = false;
  bool headless = false;
  double last_frame_ms = 0;
  PanelState panels;  // each panel's memory from frame to frame (panels/panel_state.hpp)

  // ---- actions ----
  void load(const std::string& path);  // empty: the built-in example
  // Show a saved run (schedlab/trace_file.hpp) read-only, in place of A (no compare, no
  // re-run). False, with `message` set, when the file cannot be read.
  bool open_trace(const std::string& path);
  bool read_only() const { return a.session && a.session->read_only(); }
  void rerun(Side& side, const std::string& spec);
  void set_compare(bool on);
  void seek(double t);
  Ticks end_time() const;  // the later end of A and B
  Side& side(int i) { return i == 0 ? a : b; }
  // Bring a side's playhead state up to date with the playhead (cheap when unchanged).
  const PlayheadState& state(Side& s);
};

// Entry point (window.cpp): returns the process exit code (0 ok, 2 bad input, 3 no OpenGL
// context).
int run_app(Options options);
inline constexpr int kExitNoGl = 3;

}  // namespace schedlab::gui

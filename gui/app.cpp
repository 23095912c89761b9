// The App's actions (app.hpp): load a workload or a saved run, run a side again with
// another policy spec, compare mode on or off, move the playhead. No window and no ImGui
// here: the panels and the event loop (window.cpp) call these.
#include <algorithm>

#include <schedlab/errors.hpp>

#include "app.hpp"

namespace schedlab::gui {

std::string PolicyEditor::spec() const {
  std::string out = name;
  char sep = ':';
  for (const auto& [k, v] : values) {
    out += sep + k + '=' + v;
    sep = ',';
  }
  return out;
}

void PolicyEditor::load(const PolicyConfig& config, const PolicyInfo* info) {
  name = parse_policy_spec(config.canonical).name;
  values.clear();
  for (const auto& [k, v] : config.params.all()) values[k] = format_param_value(v);
  if (info)  // a parameter the factory did not fill keeps its declared default
    for (const ParamSpec& p : info->params) values.try_emplace(p.name, p.default_value);
}

void App::load(const std::string& path) {
  std::shared_ptr<const Workload> w;
  std::string label = path.empty() ? "built-in example" : path;
  try {
    w = load_workload(path);
  } catch (const InputError& e) {
    message = e.formatted();
    if (workload) return;  // keep what is on screen
    w = load_workload("");
    label = "built-in example";
  }
  if (read_only()) {  // leaving a saved run: the workload gets a policy of its own
    a = Side{};
    b = Side{};
  }
  workload = std::move(w);
  workload_label = std::move(label);
  selected = kNoTask;
  rerun(a, a.session ? a.editor.spec() : options.policy);
  if (compare) rerun(b, b.session ? b.editor.spec() : options.compare);
  playback.time = 0;
  playback.playing = false;
  fit_requested = true;
}

bool App::open_trace(const std::string& path) {
  auto session = open_trace_session(path);
  if (!session->ok()) {
    message = session->error;
    return false;
  }
  compare = false;
  b = Side{};
  a = Side{};
  a.session = std::move(session);
  a.editor.name = parse_policy_spec(a.session->policy.canonical).name;
  workload.reset();
  workload_label = path;
  selected = kNoTask;
  playback.time = 0;
  playback.playing = false;
  playback.speed = std::max(1.0, static_cast<double>(end_time()) / 20.0);
  fit_requested = true;
  return true;
}

void App::rerun(Side& s, const std::string& spec) {
  if (read_only()) return;  // a saved run has nothing to run again
  auto session = run_session(workload, registry, spec, kernel_config);
  if (!session->ok()) {
    s.editor.error = session->error;
    if (!s.ok()) s.session = std::move(session);  // nothing better to show
    return;
  }
  const Ticks old_end = end_time();
  s.session = std::move(session);
  s.editor.load(s.session->policy, registry.find(parse_policy_spec(s.session->policy.canonical).name));
  s.editor.error.clear();
  // A faster or slower schedule changes the length of the run: refit only when the
  // view would otherwise lose most of the run, so a parameter tweak stays comparable.
  const Ticks end = end_time();
  if (old_end <= 0 || end > old_end * 2 || end * 2 < old_end) fit_requested = true;
  // Speed default: the whole run plays in about 20 seconds.
  if (old_end != end) playback.speed = std::max(1.0, static_cast<double>(end) / 20.0);
}

void App::set_compare(bool on) {
  if (read_only()) return;  // compare runs a second policy on the workload: there is none
  compare = on;
  if (on && !b.session) {
    std::string spec = options.compare;
    if (spec.empty()) spec = a.editor.name == "fcfs" ? "rr" : "fcfs";
    rerun(b, spec);
  }
}

Ticks App::end_time() const {
  Ticks end = 0;
  if (a.ok()) end = std::max(end, a.session->result.end_time);
  if (compare && b.ok()) end = std::max(end, b.session->result.end_time);
  return end;
}

void App::seek(double t) { playback.time = std::clamp(t, 0.0, static_cast<double>(end_time())); }

const PlayheadState& App::state(Side& s) {
  const Ticks t = playback.tick();
  if (s.ok() && (s.at_session != s.session->id || s.at_time != t)) {
    s.at = state_at(s.session->trace, s.session->model, s.session->index, t);
    s.at_time = t;
    s.at_session = s.session->id;
  }
  return s.at;
}

}  // namespace schedlab::gui

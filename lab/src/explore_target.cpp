#include <schedlab/lab/explore_target.hpp>

#include <charconv>
#include <fmt/format.h>

#include <schedlab/program_loader.hpp>
#include <schedlab/workload_loader.hpp>

#include <schedlab/errors.hpp>

namespace schedlab::lab {

namespace {

bool is_workload_path(const std::string& path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

// Why a scripted run failed, or "" (the rules are at the top of explore_target.hpp).
std::string judge_workload_run(const RunResult& result, const std::vector<Expectation>& expectations) {
  auto bad_end = [](ExitReason r) { return r == ExitReason::Error || r == ExitReason::Fault; };
  for (const ProcessMetrics& p : result.processes) {
    for (const ThreadMetrics& t : p.threads)
      if (t.tid != kNoTask && bad_end(t.exit_reason) && t.name != p.name)
        return fmt::format("thread '{}' of process '{}' ended with {} (exit code {})", t.name, p.name,
                           to_string(t.exit_reason), t.exit_code);
    if (bad_end(p.exit_reason))
      return fmt::format("process '{}' (pid {}) ended with {} (exit code {})", p.name, p.pid, to_string(p.exit_reason),
                         p.exit_code);
  }
  for (const Expectation& e : expectations)
    for (const auto& [name, value] : result.variables)
      if (name == e.variable && value != e.value)
        return fmt::format("shared variable '{}' is {} at the end, expected {}", name, value, e.value);
  return "";
}

ExploreTarget workload_target(const std::string& path, const std::vector<Expectation>& expectations) {
  ExploreTarget target;
  target.path = path;
  target.is_workload = true;
  auto workload = std::make_shared<const Workload>(load_workload_file(path));
  for (const Expectation& e : expectations) {
    bool found = false;
    std::string shared;
    for (const VariableDecl& v : workload->variables) {
      if (!v.shared) continue;
      found |= v.name == e.variable;
      shared += (shared.empty() ? "" : ", ") + v.name;
    }
    if (!found)
      throw UsageError(fmt::format("--expect {}={}: {} has no shared variable '{}' ({})", e.variable, e.value, path,
                                   e.variable, shared.empty() ? "it has none" : "it has: " + shared));
  }
  target.title = workload->name.empty() ? path : workload->name;
  target.cpus = workload->cpus > 0 ? workload->cpus : 1;
  target.workload = workload;
  target.program = [workload, expectations](real::Runtime& rt) {
    rt.load(*workload);
    rt.check_at_end([expectations](const RunResult& r) { return judge_workload_run(r, expectations); });
  };
  return target;
}

}  // namespace

Expectation parse_expectation(const std::string& text) {
  const auto eq = text.find('=');
  Expectation e;
  if (eq != std::string::npos) {
    e.variable = text.substr(0, eq);
    const char* first = text.data() + eq + 1;
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, e.value);
    if (!e.variable.empty() && first != last && ec == std::errc() && end == last) return e;
  }
  throw UsageError(fmt::format("--expect '{}': expected NAME=VALUE, a shared variable and a whole number", text));
}

ExploreTarget load_explore_target(const std::string& path, const std::vector<Expectation>& expectations) {
  if (is_workload_path(path)) return workload_target(path, expectations);
  if (!expectations.empty())
    throw UsageError("--expect checks a workload's shared variables; a program checks itself (Runtime::check_at_end)");
  real::LoadedProgram loaded = real::load_program(path);
  ExploreTarget target;
  target.path = path;
  target.title = loaded.description.empty() ? loaded.name : fmt::format("{} ({})", loaded.name, loaded.description);
  target.program = std::move(loaded.program);
  return target;
}

}  // namespace schedlab::lab

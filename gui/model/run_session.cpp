#include "run_session.hpp"

#include <atomic>
#include <chrono>
#include <fmt/format.h>

#include <schedlab/errors.hpp>
#include <schedlab/trace_file.hpp>

namespace schedlab::gui {

namespace {

std::uint64_t next_session_id() {
  static std::atomic<std::uint64_t> next_id{1};
  return next_id++;
}

// Everything derived from the trace and the result for display.
void build_model(RunSession& s) {
  s.model = TimelineModel(s.trace, s.result);
  s.index = RunIndex(s.trace, s.model);
  s.ready_count = count_in_state(s.trace, TaskState::Ready);
  s.running_count = count_in_state(s.trace, TaskState::Running);
}

}  // namespace

std::shared_ptr<RunSession> run_session(std::shared_ptr<const Workload> workload, const PolicyRegistry& registry,
                                        const std::string& spec, const KernelConfig& config) {
  auto s = std::make_shared<RunSession>();
  s->id = next_session_id();
  s->workload = std::move(workload);
  s->spec = spec;
  s->config = config;
  if (!s->workload) {
    s->error = "no workload loaded";
    return s;
  }
  try {
    s->policy = registry.resolve(spec);
    const auto t0 = std::chrono::steady_clock::now();
    Kernel kernel(config, s->policy);
    kernel.load(*s->workload);
    kernel.add_observer(&s->trace);
    s->result = kernel.run();
    s->result.policy = s->policy.canonical;
    s->run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  } catch (const InputError& e) {
    s->error = e.formatted();
    return s;
  } catch (const PolicyError& e) {
    s->error = fmt::format("policy '{}' broke the policy contract: {}", spec, e.what());
    return s;
  } catch (const std::exception& e) {
    s->error = fmt::format("the run failed: {}", e.what());
    return s;
  }
  build_model(*s);
  return s;
}

std::shared_ptr<RunSession> open_trace_session(const std::string& path) {
  auto s = std::make_shared<RunSession>();
  s->id = next_session_id();
  s->saved = RunSession::Saved{path, "", 0, "", ""};
  SavedRun run;
  try {
    run = read_trace_file(path);
  } catch (const InputError& e) {
    s->error = e.formatted();
    return s;
  }
  s->spec = run.policy;
  s->policy.label = s->policy.canonical = run.policy;
  s->config.cpus = run.result.cpus;
  s->config.seed = run.seed;
  s->saved = RunSession::Saved{path, run.title, run.seed, run.failure, run.replay};
  s->trace = std::move(run.trace);
  s->result = std::move(run.result);
  build_model(*s);
  return s;
}

QueueSnapshot queues_at(const RunSession& session, Ticks t) {
  if (!session.ok() || !session.workload) return {};
  try {
    KernelConfig config = session.config;
    config.until = t;
    config.check_invariants = false;
    Kernel kernel(config, session.policy);
    kernel.load(*session.workload);
    kernel.run();
    return kernel.queues();
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace schedlab::gui

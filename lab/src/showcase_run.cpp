#include <schedlab/lab/showcase_run.hpp>

#include <schedlab/lab/simulate.hpp>
#include <schedlab/lab/sweep_runner.hpp>

namespace schedlab::lab {

using report::ShowcaseRun;

namespace {

class Recorder final : public KernelObserver {
 public:
  Recorder(ShowcaseRun& out, std::size_t max_slices, bool lanes) : out_(out), max_slices_(max_slices), lanes_(lanes) {}

  void on_task_created(const TaskRecord& r) override {
    if (out_.names.size() <= r.id) {
      out_.names.resize(r.id + 1);
      state_.resize(r.id + 1);
    }
    out_.names[r.id] = r.name;
  }
  void on_transition(const TransitionRecord& r) override {
    if (!lanes_) return;
    State& s = state_[r.task];
    if (s.state != TaskState::New && r.time > s.since) out_.spans.push_back({r.task, s.state, s.since, r.time});
    s = State{r.to, r.time};
  }
  // Slices arrive in the order they end. Once `max_slices_` are kept, the chart is cut at
  // the end of the last one: every slice that started before then is still kept (those
  // running on other CPUs end later), none after.
  void on_slice(const SliceRecord& r) override {
    if (limit_ == kNever) {
      out_.slices.push_back(r);
      if (out_.slices.size() >= max_slices_) limit_ = r.end;
    } else if (r.start < limit_) {
      out_.slices.push_back(r);
    }
  }
  Ticks limit() const { return limit_; }

 private:
  struct State {
    TaskState state = TaskState::New;
    Ticks since = 0;
  };
  ShowcaseRun& out_;
  std::size_t max_slices_;
  bool lanes_;
  std::vector<State> state_;
  Ticks limit_ = kNever;
};

}  // namespace

ShowcaseRun run_showcase(const Workload& workload, const PolicyConfig& policy, const KernelConfig& config,
                         const ShowcaseLimits& limits) {
  ShowcaseRun run;
  const CpuId cpus = config.cpus ? config.cpus : std::max<CpuId>(1, workload.cpus);
  Recorder recorder(run, limits.max_slices_per_cpu * cpus, workload.processes.size() <= limits.max_lane_processes);
  run.result = simulate(workload, policy, config, {&recorder});
  run.complete_until = std::min(recorder.limit(), run.result.end_time);
  run.total_processes = run.result.processes.size();
  if (run.result.processes.size() > limits.max_processes) {
    run.result.processes.resize(limits.max_processes);
    run.result.processes.shrink_to_fit();
  }
  return run;
}

std::vector<ShowcaseRun> run_showcases(const WorkloadSource& source, std::uint64_t seed,
                                       const std::vector<PolicyConfig>& policies, KernelConfig config, unsigned jobs) {
  const std::shared_ptr<const Workload> workload = source.for_seed(seed);
  config.seed = seed;
  std::vector<ShowcaseRun> runs(policies.size());
  parallel_for(runs.size(), jobs, [&](std::size_t p) { runs[p] = run_showcase(*workload, policies[p], config); });
  return runs;
}

}  // namespace schedlab::lab

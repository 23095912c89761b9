// Runtime: wires the two real-task backends and a trace into one Kernel, runs it, and
// turns what happened into a verdict (Outcome::failure) that exploration can act on.
#include <schedlab/real_runtime.hpp>

#include <fmt/format.h>
#include <optional>

namespace schedlab::real {

// What the kernel knows that the backends do not: every task's full name ("proc/thread",
// where a backend knows only "thread") and the first fault, which kills a process without
// any exception in its code.
class KernelWitness final : public KernelObserver {
 public:
  void on_task_created(const TaskRecord& t) override {
    if (names_.size() <= t.id) names_.resize(t.id + 1);
    names_[t.id] = t.name;
  }
  void on_instant(const InstantRecord& i) override {
    if (i.kind == InstantKind::Fault && !fault_) fault_ = i;
  }
  std::string name(TaskId id, const std::string& fallback) const {
    return id < names_.size() && !names_[id].empty() ? names_[id] : fallback;
  }
  // "" when no task faulted.
  std::string fault() const {
    if (!fault_) return "";
    return "task '" + name(fault_->task, "?") + "' (task " + std::to_string(fault_->task) + ") faulted: " + fault_->text;
  }

 private:
  std::vector<std::string> names_;  // by TaskId
  std::optional<InstantRecord> fault_;
};

namespace {

KernelConfig kernel_config(const RuntimeOptions& o) {
  KernelConfig c;
  c.cpus = o.cpus;
  c.seed = o.seed;
  c.until = o.until;
  c.check_invariants = o.check_invariants;
  if (o.max_steps != 0) c.max_events = o.max_steps;
  return c;
}

SpawnRequest request(std::string name, const TaskOptions& o, TaskBackend& backend, std::uint64_t token) {
  SpawnRequest r;
  r.name = std::move(name);
  r.arrival = o.arrival;
  r.priority = o.priority;
  r.tickets = o.tickets;
  r.nice = o.nice;
  r.backend = &backend;
  r.token = token;
  return r;
}

}  // namespace

Runtime::Runtime(const PolicyConfig& policy, const RuntimeOptions& options)
    : options_(options),
      threads_(options.watchdog),
      trace_(options.trace ? std::make_unique<Trace>() : nullptr),
      witness_(std::make_unique<KernelWitness>()),
      kernel_(std::make_unique<Kernel>(kernel_config(options), policy)) {
  if (trace_) kernel_->add_observer(trace_.get());
  kernel_->add_observer(witness_.get());
  threads_.log_failures_to(failures_);
  coroutines_.log_failures_to(failures_);
  groups_.log_failures_to(failures_);
}

Runtime::~Runtime() {
  kernel_.reset();        // nothing calls the backends any more
  threads_.shutdown();  // then unwind and join whatever is left
}

void Runtime::load(const Workload& workload) { kernel_->load(workload); }

TaskId Runtime::spawn_thread(std::string name, ThreadBody body, const TaskOptions& options) {
  const std::uint64_t token = threads_.add(name, std::move(body));
  return kernel_->spawn(request(std::move(name), options, threads_, token));
}

TaskId Runtime::spawn_coroutine(std::string name, CoroutineBody body, const TaskOptions& options) {
  const std::uint64_t token = coroutines_.add(name, std::move(body));
  return kernel_->spawn(request(std::move(name), options, coroutines_, token));
}

TaskId Runtime::spawn_coroutine_group(std::string name, std::vector<GroupMember> members, const TaskOptions& options) {
  const std::uint64_t token = groups_.add(name, std::move(members));
  return kernel_->spawn(request(std::move(name), options, groups_, token));
}

void Runtime::check_at_end(EndCheck check) { checks_.push_back(std::move(check)); }

Outcome Runtime::run() {
  Outcome out;
  try {
    out.result = kernel_->run();
  } catch (const WatchdogTimeout& e) {
    out.watchdog_fired = true;
    out.failure = e.what();
  }
  threads_.shutdown();  // tasks still parked (blocked forever, limit reached) unwind here
  out.failures = failures_;
  if (out.failure.empty() && !out.failures.empty()) {
    const TaskFailure& f = out.failures.front();
    // The kernel's name ("main/t2") where the backend knows only the thread ("t2"); a group
    // member's own name ("g/fetch") says more than its task's ("g").
    const std::string kernel_name = witness_->name(f.task, f.name);
    const bool thread_of = kernel_name.size() > f.name.size() && kernel_name.ends_with("/" + f.name);
    out.failure = "task '" + (thread_of ? kernel_name : f.name) + "' (task " + std::to_string(f.task) + "): " + f.message;
  }
  if (out.failure.empty() && options_.max_steps != 0 && out.result.status == RunStatus::LimitReached &&
      out.result.events >= options_.max_steps) {
    out.livelock = true;
    out.failure = fmt::format("livelock: the run had not ended after {} kernel events (a task spinning or polling "
                              "without progress?)", options_.max_steps);
  }
  if (out.failure.empty() && out.result.status == RunStatus::Deadlock)
    out.failure = "deadlock: " + (out.result.deadlock ? out.result.deadlock->summary : out.result.status_detail);
  if (!out.watchdog_fired)
    for (const EndCheck& check : checks_) {
      if (!out.failure.empty()) break;
      out.failure = check(out.result);
    }
  // After the end checks, so that a workload's own verdict on its faulted process (and its
  // wording) stands; a real program's fault is caught here.
  if (out.failure.empty()) out.failure = witness_->fault();
  if (trace_) out.trace = std::move(*trace_);
  return out;
}

}  // namespace schedlab::real

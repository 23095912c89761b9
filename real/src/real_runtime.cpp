// Runtime: wires the two real-task backends and a trace into one Kernel, runs it, and
// turns what happened into a verdict (Outcome::failure) that exploration can act on.
#include <schedlab/real_runtime.hpp>

namespace schedlab::real {

namespace {

KernelConfig kernel_config(const RuntimeOptions& o) {
  KernelConfig c;
  c.cpus = o.cpus;
  c.seed = o.seed;
  c.until = o.until;
  c.check_invariants = o.check_invariants;
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
      kernel_(std::make_unique<Kernel>(kernel_config(options), policy)) {
  if (trace_) kernel_->add_observer(trace_.get());
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
    out.failure = "task '" + f.name + "' (task " + std::to_string(f.task) + "): " + f.message;
  }
  if (out.failure.empty() && out.result.status == RunStatus::Deadlock)
    out.failure = "deadlock: " + (out.result.deadlock ? out.result.deadlock->summary : out.result.status_detail);
  if (!out.watchdog_fired)
    for (const EndCheck& check : checks_) {
      if (!out.failure.empty()) break;
      out.failure = check(out.result);
    }
  if (trace_) out.trace = std::move(*trace_);
  return out;
}

}  // namespace schedlab::real

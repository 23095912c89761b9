// The kernel's public face and everything before the first event: loading a workload,
// spawning tasks, creating kernel objects, and starting the run (start_run(), which
// run() calls first).
#include <algorithm>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"
#include "trace/invariant_checker.hpp"

namespace schedlab {

// ---------------------------------------------------------------------------------------
// Kernel (public face)

Kernel::Kernel(const KernelConfig& config, const PolicyConfig& policy)
    : impl_(std::make_unique<Impl>(config, policy)) {}
Kernel::~Kernel() = default;

void Kernel::load(const Workload& workload) { impl_->load(workload); }

TaskId Kernel::spawn(const SpawnRequest& r) {
  if (r.backend == nullptr) throw std::invalid_argument("spawn: no backend");
  detail::SpawnedTask& s = impl_->spawned_.emplace_back();
  s.spec.name = r.name;
  s.spec.arrival = r.arrival;
  s.spec.priority = r.priority;
  s.spec.tickets = r.tickets;
  s.spec.nice = r.nice;
  s.backend = r.backend;
  if (impl_->started_) throw std::logic_error("kernel: spawn() before run(); tasks spawn tasks with sys::Spawn");
  const auto origin = static_cast<std::uint32_t>(impl_->loaded_ + impl_->spawned_.size() - 1);
  const TaskId id = impl_->add_task(origin, s.spec);
  impl_->new_process(id, 1, false);
  r.backend->adopt(id, r.token);
  return id;
}

ObjectId Kernel::create_lock(const std::string& name, bool reentrant, bool inherit) {
  impl_->locks_.push_back(detail::LockObject{name, reentrant, inherit, kNoTask, 0, {}});
  return static_cast<ObjectId>(impl_->locks_.size() - 1);
}
ObjectId Kernel::create_semaphore(const std::string& name, std::int64_t count) {
  impl_->semaphores_.push_back(detail::SemaphoreObject{name, count, {}});
  return static_cast<ObjectId>(impl_->semaphores_.size() - 1);
}
ObjectId Kernel::create_event(const std::string& name) {
  impl_->events_objects_.push_back(detail::EventObject{name, false, {}});
  return static_cast<ObjectId>(impl_->events_objects_.size() - 1);
}
ObjectId Kernel::create_queue(const std::string& name, std::int64_t capacity, QueueOrder order) {
  detail::QueueObject q;
  q.name = name;
  q.capacity = capacity;
  q.order = order;
  impl_->queues_.push_back(std::move(q));
  return static_cast<ObjectId>(impl_->queues_.size() - 1);
}

void Kernel::add_observer(KernelObserver* observer) { impl_->observers_.push_back(observer); }

RunResult Kernel::run() { return impl_->run(); }

QueueSnapshot Kernel::queues() const {
  QueueSnapshot out;
  if (impl_->policy_) impl_->policy_->describe(out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Setup

Kernel::Impl::Impl(const KernelConfig& config, const PolicyConfig& policy)
    : config_(config), policy_name_(policy.canonical), make_policy_(policy.make),
      policy_params_(policy.params) {
  if (!make_policy_) throw std::invalid_argument("kernel: no policy");
}

Kernel::Impl::~Impl() = default;

void Kernel::Impl::load(const Workload& workload) {
  if (started_) throw std::logic_error("kernel: load() after run()");
  if (workload_ != nullptr) throw std::logic_error("kernel: one workload per kernel");
  if (!spawned_.empty()) throw std::logic_error("kernel: load() the workload before spawn()");
  workload_ = &workload;
  loaded_ = static_cast<std::uint32_t>(workload.processes.size());
  script_ = std::make_unique<detail::ScriptEngine>(workload);
  affinities_ = workload.affinities;
  if (affinities_.empty()) affinities_.emplace_back();
  detail::reserve_on_huge_pages(tasks_, tasks_.size() + workload.processes.size());
  script_->reserve(workload.processes.size());
  detail::reserve_on_huge_pages(processes_, workload.processes.size() + 2);
  for (std::uint32_t i = 0; i < loaded_; ++i) {
    const TaskId id = add_task(i, workload.processes[i]);
    new_process(id, 1, workload.processes[i].daemon);
    script_->start(id, workload.processes[i].program);
  }
  load_realtime(workload);
  // The workload's kernel objects come first, so a step's object index is its id.
  if (!locks_.empty() || !semaphores_.empty() || !events_objects_.empty() || !queues_.empty())
    throw std::logic_error("kernel: load() the workload before creating objects");
  for (const LockDecl& l : workload.locks) locks_.push_back(detail::LockObject{l.name, l.reentrant, l.inherit, kNoTask, 0, {}});
  for (const SemaphoreDecl& d : workload.semaphores) semaphores_.push_back(detail::SemaphoreObject{d.name, d.count, {}});
  for (const EventDecl& d : workload.events) events_objects_.push_back(detail::EventObject{d.name, false, {}});
  for (const QueueDecl& d : workload.queues) {
    detail::QueueObject q;
    q.name = d.name;
    q.capacity = d.capacity;
    q.order = d.order;
    queues_.push_back(std::move(q));
  }
  max_processes_ = config_.max_processes != 0 ? config_.max_processes : workload.max_processes;
}

TaskId Kernel::Impl::add_task(std::uint32_t origin, const ProcessSpec& spec) {
  if (spec.arrival < 0) throw std::invalid_argument("kernel: negative arrival time");
  const auto id = static_cast<TaskId>(tasks_.size());
  detail::Task& t = tasks_.emplace_back();
  t.origin = origin;
  t.arrival = spec.arrival;
  t.priority = spec.priority;
  t.affinity = spec.affinity;
  if (spec.affinity != 0) any_affinity_ = true;
  return id;
}

// Before the first event: the CPUs (every affinity must name one of them), the invariant
// checker, the policy, the arrival order, and the observers told of every task.
void Kernel::Impl::start_run() {
  if (started_) throw std::logic_error("kernel: run() called twice");
  started_ = true;
  CpuId ncpu = config_.cpus != 0 ? config_.cpus : (workload_ ? workload_->cpus : 1);
  if (ncpu == 0) ncpu = 1;
  cpus_.assign(ncpu, detail::Cpu{});
  check_affinities();
  if (config_.check_invariants) {
    checker_ = std::make_unique<detail::InvariantChecker>(ncpu);
    observers_.push_back(checker_.get());
  }
  policy_ = make_policy_(*this, policy_params_);

  arrivals_.resize(tasks_.size());
  for (TaskId i = 0; i < tasks_.size(); ++i) arrivals_[i] = i;
  const auto by_arrival = [&](TaskId a, TaskId b) { return tasks_[a].arrival < tasks_[b].arrival; };
  if (!std::is_sorted(arrivals_.begin(), arrivals_.end(), by_arrival))  // files are usually in order
    std::stable_sort(arrivals_.begin(), arrivals_.end(), by_arrival);
  start_realtime();
  live_tasks_ = tasks_.size();
  if (!observers_.empty())
    for (TaskId i = 0; i < tasks_.size(); ++i)
      notify([&](KernelObserver& o) {
        o.on_task_created(TaskRecord{i, tasks_[i].pid, 1, std::string(name_of(i)), tasks_[i].arrival, false});
      });
}

void Kernel::Impl::check_affinities() const {
  const auto ncpu = static_cast<CpuId>(cpus_.size());
  for (std::size_t i = 0; i < affinities_.size(); ++i)
    for (CpuId c : affinities_[i])
      if (c >= ncpu) {
        // Point at the first process with this affinity (the file may say fewer CPUs than
        // --cpus, or the other way round).
        const ProcessSpec* who = nullptr;
        if (workload_)
          for (const ProcessSpec& p : workload_->processes)
            if (p.affinity == i) {
              who = &p;
              break;
            }
        throw InputError(workload_ ? workload_->source : std::string(), who ? who->pos.line : 0,
                         who ? who->pos.column : 0,
                         fmt::format("{}affinity names CPU {} but the run has {} CPU{}",
                                     who ? fmt::format("process '{}': ", who->name) : std::string(), c, ncpu,
                                     ncpu == 1 ? "" : "s"));
      }
}

}  // namespace schedlab

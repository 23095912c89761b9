// The event loop: the part of the kernel that reads like the textbook diagram.
//
// Contract of one instant t (the same-instant rules of docs/policies.md):
//   1. CPU events at t, by CPU id: a burst ends (the task's program goes on: it may block,
//      exit or start another burst) or a slice ends (the task is stopped and re-enqueued
//      with QuantumExpired, so it queues ahead of anything arriving at t);
//   2. policy timers at t, in the order they were asked for;
//   3. arrivals at t, in listing order;
//   4. wake-ups at t (I/O done, sleep over), in the order the waits began;
//   5. dispatch: preemptions the policy asked for, then every idle CPU, lowest id first,
//      asks the policy for work, then the policy may preempt in balance(); repeated
//      until nothing changes.
// Then the clock jumps to the next event. Nothing is done for ticks where nothing happens.
#include <algorithm>
#include <cassert>
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"
#include "trace/invariant_checker.hpp"

namespace schedlab {

using detail::Event;
using detail::EventKind;
using detail::EventQueue;
using detail::Phase;

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

// ---------------------------------------------------------------------------------------
// Context

TaskInfo Kernel::Impl::task(TaskId id) const {
  const detail::Task& t = tasks_.at(id);
  const ProcessSpec& spec = spec_of(t);
  TaskInfo info;
  info.id = id;
  info.pid = t.pid;
  info.name = spec.name;
  info.arrival = t.arrival;
  info.priority = t.priority;
  info.base_priority = spec.priority;
  info.tickets = spec.tickets;
  info.nice = spec.nice;
  info.state = t.state;
  info.cpu_time = detail::time_in_state(t, now_).running;
  Ticks compute_left = t.compute_left;
  if (t.state == TaskState::Running && t.cpu != kNoCpu) {
    // Lazily accounted: the part of this slice not yet charged. While the policy hears
    // stopping() the task is off its CPU (cpu = none) but still Running, and already
    // brought up to date.
    const detail::Cpu& c = cpus_[t.cpu];
    compute_left -= std::max<Ticks>(0, now_ - c.progress_at);
  }
  const Ticks rest = backend_of(t)->peek_burst(id);
  info.burst_remaining = rest < 0 ? -1 : (rest > kNever - compute_left ? kNever : compute_left + rest);
  return info;
}

TaskId Kernel::Impl::running_on(CpuId cpu) const {
  return cpu < cpus_.size() ? cpus_[cpu].running : kNoTask;
}

bool Kernel::Impl::allowed_on(TaskId id, CpuId cpu) const {
  if (!any_affinity_) return true;
  const std::uint32_t affinity = tasks_.at(id).affinity;
  if (affinity == 0) return true;
  const std::vector<CpuId>& set = affinities_[affinity];
  return set.empty() || std::binary_search(set.begin(), set.end(), cpu);
}

void Kernel::Impl::preempt(CpuId cpu) {
  if (cpu >= cpus_.size()) throw PolicyError(fmt::format("policy asked to preempt CPU {} of {}", cpu, cpus_.size()));
  if (cpus_[cpu].running == kNoTask || cpus_[cpu].preempt_requested) return;
  cpus_[cpu].preempt_requested = true;
  preempt_requests_.push_back(cpu);
}

void Kernel::Impl::set_slice(CpuId cpu, Ticks slice) {
  if (cpu >= cpus_.size() || cpus_[cpu].running == kNoTask) return;
  if (slice <= 0) throw PolicyError(fmt::format("policy set a slice of {} ticks (must be > 0)", slice));
  const Ticks from = std::max(now_, cpus_[cpu].progress_at);  // a slice starts after any switch
  cpus_[cpu].slice_end = slice > kNever - from ? kNever : from + slice;
  schedule_cpu_stop(cpu);
}

void Kernel::Impl::set_timer(Ticks at) {
  if (at < now_) throw PolicyError(fmt::format("policy set a timer in the past ({} < now {})", at, now_));
  events_.push(Event{at, EventQueue::make_key(Phase::Policy, sequence_++), 0, 0, EventKind::PolicyTimer});
}

void Kernel::Impl::set_level(TaskId id, int level) {
  if (observers_.empty()) return;
  notify([&](KernelObserver& o) {
    o.on_instant(InstantRecord{now_, InstantKind::Level, id, kNoTask, level, {}});
  });
}

// ---------------------------------------------------------------------------------------
// The loop

// The clock stops here: every duration in a file is at most 10^15 ticks, so every time the
// kernel computes from a time below this (now + a burst, an I/O, a timeout) fits in Ticks.
constexpr Ticks kClockLimit = 4'000'000'000'000'000'000;

RunResult Kernel::Impl::run() {
  if (started_) throw std::logic_error("kernel: run() called twice");
  started_ = true;

  CpuId ncpu = config_.cpus != 0 ? config_.cpus : (workload_ ? workload_->cpus : 1);
  if (ncpu == 0) ncpu = 1;
  cpus_.assign(ncpu, detail::Cpu{});
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
  live_tasks_ = tasks_.size();
  if (!observers_.empty())
    for (TaskId i = 0; i < tasks_.size(); ++i)
      notify([&](KernelObserver& o) {
        o.on_task_created(TaskRecord{i, tasks_[i].pid, 1, std::string(name_of(i)), tasks_[i].arrival, false});
      });

  RunStatus status = RunStatus::Completed;
  std::string detail;
  std::optional<DeadlockReport> deadlock;
  try {
    for (;;) {
      const Ticks t = next_event_time();
      if (t == kNever) break;
      if (t > config_.until) {
        now_ = config_.until;
        status = RunStatus::LimitReached;
        detail = fmt::format("time limit reached (--until {})", config_.until);
        break;
      }
      if (t > kClockLimit) {  // e.g. repeat 10^18 times {cpu: 10^15}: stop before the clock overflows
        now_ = kClockLimit;
        status = RunStatus::LimitReached;
        detail = fmt::format("clock limit reached ({} ticks, where a tick counter would soon overflow)", kClockLimit);
        break;
      }
      assert(t >= now_ && "time never goes back");
      now_ = t;
      // 1 + 2: CPU events and policy timers at t.
      while (!events_.empty() && events_.top().time == t && events_.top().phase() < Phase::Wake)
        handle(events_.pop());
      // 3: arrivals at t.
      admit_arrivals(t);
      // 4: wake-ups at t (and anything else still due at t).
      while (!events_.empty() && events_.top().time == t) handle(events_.pop());
      // 5: hand out the CPUs.
      dispatch();
    }
    if (status == RunStatus::Completed && live_tasks_ > 0) {
      std::size_t ready = 0;
      for (const auto& t : tasks_) ready += t.state == TaskState::Ready;
      if (ready > 0)
        throw PolicyError(fmt::format("policy left {} ready task{} unscheduled while CPUs were idle",
                                      ready, ready == 1 ? "" : "s"));
      status = RunStatus::Deadlock;
      deadlock = deadlock_report();
      detail = deadlock->summary;
      instant(InstantKind::Deadlock, deadlock->cycle.empty() ? kNoTask : deadlock->cycle.front().task, kNoTask, 0,
              detail);
    }
  } catch (const detail::LimitHit& hit) {
    status = RunStatus::LimitReached;
    detail = hit.what;
  }
  RunResult result = collect_result(status, std::move(detail));
  result.deadlock = std::move(deadlock);
  notify([&](KernelObserver& o) { o.on_finish(result); });
  return result;
}

Ticks Kernel::Impl::next_event_time() {
  // Skip processes killed before they arrived (daemons of a finished run).
  while (next_arrival_ < arrivals_.size() && tasks_[arrivals_[next_arrival_]].state != TaskState::New) ++next_arrival_;
  Ticks t = kNever;
  // Timers of the policy alone never keep a run alive: only look at them while some task
  // is still to come or running.
  if (!events_.empty() && live_tasks_ > 0) t = events_.top().time;
  if (next_arrival_ < arrivals_.size()) t = std::min(t, tasks_[arrivals_[next_arrival_]].arrival);
  return t;
}

void Kernel::Impl::count_event() {
  // The event that would be one too many is not counted: a run stopped by --max-events N
  // reports N events.
  if (events_processed_ >= config_.max_events)
    throw detail::LimitHit{fmt::format("event limit reached (--max-events {})", config_.max_events)};
  ++events_processed_;
}

void Kernel::Impl::handle(const Event& e) {
  switch (e.kind) {
    case EventKind::CpuStop:
      if (e.epoch != cpus_[e.target].epoch || cpus_[e.target].running == kNoTask) return;
      count_event();
      cpu_stop(e.target);
      return;
    case EventKind::PolicyTimer:
      count_event();
      policy_->timer();
      return;
    case EventKind::Wake: {
      const detail::Task& t = tasks_[e.target];
      if (t.state != TaskState::Blocked || t.wake_epoch != e.epoch) return;
      count_event();
      wake(e.target);
      return;
    }
  }
}

void Kernel::Impl::admit_arrivals(Ticks t) {
  while (next_arrival_ < arrivals_.size() && tasks_[arrivals_[next_arrival_]].arrival == t) {
    const TaskId id = arrivals_[next_arrival_++];
    if (tasks_[id].state != TaskState::New) continue;  // killed before it arrived (a daemon)
    count_event();
    make_ready(id, Cause::Arrival, EnqueueReason::Arrival);
  }
}

// A CPU's timer fired: its task finished a burst, or its slice is over, or both.
void Kernel::Impl::cpu_stop(CpuId cpu) {
  bring_up_to_date(cpu);
  const TaskId id = cpus_[cpu].running;
  if (!cpus_[cpu].started) {  // the context switch is over: the task starts now
    cpus_[cpu].started = true;
    policy_->running(id, cpu);
    if (tasks_[id].compute_left == 0) continue_task(id);
    if (cpus_[cpu].running == id) schedule_cpu_stop(cpu);
    return;
  }
  if (tasks_[id].compute_left == 0) continue_task(id);  // may block, exit or compute on
  if (cpus_[cpu].running != id) return;                  // it left the CPU
  if (now_ >= cpus_[cpu].slice_end) {
    requeue_expired(id);
  } else {
    schedule_cpu_stop(cpu);
  }
}

void Kernel::Impl::schedule_cpu_stop(CpuId cpu) {
  detail::Cpu& c = cpus_[cpu];
  const detail::Task& t = tasks_[c.running];
  const Ticks burst_end = t.compute_left > kNever - c.progress_at ? kNever : c.progress_at + t.compute_left;
  const Ticks at = c.started ? std::min(burst_end, c.slice_end) : c.progress_at;
  events_.push(Event{at, EventQueue::make_key(Phase::Cpu, cpu), cpu, ++c.epoch, EventKind::CpuStop});
}

void Kernel::Impl::dispatch() {
  for (;;) {
    if (!preempt_requests_.empty()) {
      std::vector<CpuId> requests;
      requests.swap(preempt_requests_);
      std::sort(requests.begin(), requests.end());
      for (CpuId cpu : requests) {
        cpus_[cpu].preempt_requested = false;
        const TaskId id = cpus_[cpu].running;
        if (id != kNoTask) requeue_preempted(id);
      }
    }
    // Hand out idle CPUs, lowest id first, until every CPU is busy or nothing can run.
    // A task may leave its CPU at once (zero-time block or exit): go round again.
    for (bool handed_out = true; handed_out;) {
      handed_out = false;
      for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
        if (cpus_[cpu].running != kNoTask) continue;
        if (!policy_->has_ready()) break;
        std::optional<Dispatch> d = policy_->pick_next(cpu);
        if (!d) continue;
        run_on(cpu, *d);
        handed_out = true;
      }
    }
    if (preempt_requests_.empty() && policy_->has_ready()) policy_->balance();
    if (preempt_requests_.empty()) return;
  }
}


}  // namespace schedlab

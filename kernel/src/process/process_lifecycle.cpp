// Processes: fork, threads, exit, kill, wait/join, zombies, orphans, daemons.
//
// The rules, as on Unix and in Python's threading (docs/workload-format.md has examples):
// - A process ends when its main thread and every non-daemon thread have ended; its
//   daemon threads are killed then. `exit` (and a fault, a fail, a kill) ends the whole
//   process at once.
// - An ended process is a zombie until its parent waits for it or ends. pid 1 is init:
//   it reaps its children as soon as they end, and it adopts the children of a process
//   that ends (orphans).
// - A daemon process is killed when its parent's program (its main thread) ends; a
//   top-level daemon once every non-daemon process has ended.
// - A fork beyond the process limit fails: the caller sees Failed and carries on.
#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include "core/kernel_impl.hpp"

namespace schedlab {

namespace {
std::string_view signal_name(int signal) {
  switch (signal) {
    case kSigKill: return "SIGKILL";
    case kSigTerm: return "SIGTERM";
    case kSigSegv: return "SIGSEGV";
    case kSigFpe: return "SIGFPE";
    case kSigIll: return "SIGILL";
    default: return "signal";
  }
}

// "proc/thread" -> "thread"
std::string_view short_name(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}
}  // namespace

Pid Kernel::Impl::new_process(TaskId main, Pid ppid, bool daemon) {
  if (processes_.size() < 2) processes_.resize(2);  // [0] unused, [1] init
  const auto pid = static_cast<Pid>(processes_.size());
  detail::Process& p = processes_.emplace_back();
  p.ppid = ppid;
  p.main = main;
  p.daemon = daemon;
  p.live_tasks = 1;
  p.live_workers = 1;
  p.created = tasks_[main].arrival;
  tasks_[main].pid = pid;
  ++live_processes_;
  if (!daemon) ++live_workers_;
  if (ppid > 1) {
    detail::Process& parent = processes_[static_cast<std::size_t>(ppid)];
    p.next_sibling = parent.first_child;
    parent.first_child = pid;
  }
  return pid;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Spawn& call) {
  if (call.backend == nullptr) throw std::invalid_argument("spawn: no backend");
  const Pid parent_pid = tasks_[caller].pid;
  if (!call.thread && live_processes_ >= max_processes_) {
    ++forks_failed_;
    instantf(InstantKind::ForkFailed, caller, kNoTask, static_cast<std::int64_t>(max_processes_),
             "fork of {} failed: {} processes is the limit", call.name, max_processes_);
    set_result(caller, SyscallResult::Status::Failed);  // the ForkFailed instant says why
    return;
  }
  // The child inherits its creator's weights and affinity.
  const ProcessSpec& parent_spec = spec_of(tasks_[caller]);
  detail::SpawnedTask& s = spawned_.emplace_back();
  s.spec.name = call.thread ? fmt::format("{}/{}", spec_of(tasks_[processes_[static_cast<std::size_t>(parent_pid)].main]).name, call.name)
                            : std::string(call.name);
  s.spec.arrival = now_;
  s.spec.priority = parent_spec.priority;
  s.spec.tickets = parent_spec.tickets;
  s.spec.nice = parent_spec.nice;
  s.spec.affinity = parent_spec.affinity;
  s.spec.daemon = call.daemon;
  s.backend = call.backend;
  const auto origin = static_cast<std::uint32_t>(loaded_ + spawned_.size() - 1);
  const TaskId child = add_task(origin, s.spec);
  ++live_tasks_;
  Pid pid = parent_pid;
  if (call.thread) {
    detail::Task& t = tasks_[child];
    t.pid = parent_pid;
    t.is_thread = true;
    t.daemon = call.daemon;
    detail::Process& p = processes_[static_cast<std::size_t>(parent_pid)];
    ++p.live_tasks;
    if (!call.daemon) ++p.live_workers;
    ++p.thread_count;
    // Append to the process's thread list (creation order).
    TaskId last = p.main;
    while (tasks_[last].next_thread != kNoTask) last = tasks_[last].next_thread;
    tasks_[last].next_thread = child;
  } else {
    pid = new_process(child, parent_pid, call.daemon);
  }
  call.backend->adopt(child, call.token);
  if (!observers_.empty()) {
    const TaskRecord record{child, pid, call.thread ? processes_[static_cast<std::size_t>(pid)].ppid : parent_pid,
                            s.spec.name, now_, call.thread};
    notify([&](KernelObserver& o) { o.on_task_created(record); });
  }
  if (call.thread) instant(InstantKind::ThreadStart, caller, child, child, s.spec.name);
  else instant(InstantKind::Fork, caller, child, pid, s.spec.name);
  make_ready(child, Cause::Spawned, EnqueueReason::Arrival);
  set_result(caller, SyscallResult::Status::Ok, call.thread ? static_cast<std::int64_t>(child) : pid);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Exit& call) {
  if (call.reason == ExitReason::Fault) instant(InstantKind::Fault, caller, kNoTask, call.code, call.message);
  if (call.whole_process) {
    kill_process(tasks_[caller].pid, call.code, call.reason, call.message, caller);
    return;
  }
  terminate_task(caller, call.code, call.reason, call.message);
  task_ended(caller);
}

// A thread ended by itself: its process may end with it.
void Kernel::Impl::task_ended(TaskId id) {
  const Pid pid = tasks_[id].pid;
  detail::Process& p = processes_[static_cast<std::size_t>(pid)];
  --p.live_tasks;
  if (!tasks_[id].daemon) --p.live_workers;
  // Threads joining this one get its exit code.
  for (TaskId t = p.main; t != kNoTask; t = tasks_[t].next_thread)
    if (tasks_[t].state == TaskState::Blocked && tasks_[t].block_cause == Cause::Join && tasks_[t].wait_object == id) {
      instant(InstantKind::Wakeup, id, t, 0, "join");
      grant(t, SyscallResult::Status::Ok, tasks_[id].exit_code, Cause::Granted);
    }
  if (id == p.main) {
    processes_[static_cast<std::size_t>(pid)].main_done = true;
    // Its program is over: daemon children die with it.
    for (Pid c = processes_[static_cast<std::size_t>(pid)].first_child; c != 0;
         c = processes_[static_cast<std::size_t>(c)].next_sibling)
      if (processes_[static_cast<std::size_t>(c)].daemon && processes_[static_cast<std::size_t>(c)].state == detail::ProcState::Alive)
        kill_process(c, -kSigKill, ExitReason::Killed, "daemon: its parent's program ended", kNoTask);
  }
  detail::Process& q = processes_[static_cast<std::size_t>(pid)];
  if (q.live_workers == 0 && q.state == detail::ProcState::Alive) {
    q.exit_code = tasks_[q.main].exit_code;
    q.exit_reason = tasks_[q.main].exit_reason;
    // Daemon threads end with the process.
    for (TaskId t = q.main; t != kNoTask; t = tasks_[t].next_thread)
      if (tasks_[t].state != TaskState::Terminated) {
        terminate_task(t, -kSigKill, ExitReason::Killed, "daemon thread: its process ended");
        --processes_[static_cast<std::size_t>(pid)].live_tasks;
      }
    end_process(pid);
  }
}

void Kernel::Impl::kill_process(Pid pid, std::int64_t code, ExitReason reason, std::string_view message, TaskId killer) {
  if (processes_[static_cast<std::size_t>(pid)].state != detail::ProcState::Alive) return;
  {
    detail::Process& p = processes_[static_cast<std::size_t>(pid)];
    p.exit_code = static_cast<std::int32_t>(code);
    p.exit_reason = reason;
    p.state = detail::ProcState::Zombie;  // from now on no thread of it may end it again
  }
  for (TaskId t = processes_[static_cast<std::size_t>(pid)].main; t != kNoTask; t = tasks_[t].next_thread) {
    if (tasks_[t].state == TaskState::Terminated) continue;
    const bool self = t == killer;
    terminate_task(t, code, self ? reason : ExitReason::Killed, self ? message : std::string_view(message));
    detail::Process& p = processes_[static_cast<std::size_t>(pid)];
    --p.live_tasks;
    if (!tasks_[t].daemon) --p.live_workers;
  }
  processes_[static_cast<std::size_t>(pid)].state = detail::ProcState::Alive;  // end_process makes it a zombie
  end_process(pid);
}

void Kernel::Impl::end_process(Pid pid) {
  detail::Process& p = processes_[static_cast<std::size_t>(pid)];
  p.state = detail::ProcState::Zombie;
  p.ended = now_;
  if (!p.daemon) --live_workers_;
  instantf(InstantKind::ProcessEnd, p.main, kNoTask, pid, "code {} ({})", p.exit_code, to_string(p.exit_reason));
  // Its children: daemons die with it, the others go to init; zombies are reaped by init.
  const Pid first = p.first_child;
  p.first_child = 0;
  for (Pid c = first; c != 0;) {
    const Pid next = processes_[static_cast<std::size_t>(c)].next_sibling;
    detail::Process& child = processes_[static_cast<std::size_t>(c)];
    child.next_sibling = 0;
    if (child.state == detail::ProcState::Reaped) {  // already waited for: stays its child in the records
      c = next;
      continue;
    }
    child.ppid = 1;
    instant(InstantKind::Reparent, child.main, p.main, 1, "orphan: adopted by init");
    if (child.state == detail::ProcState::Zombie) reap(c, kNoTask);
    else if (child.state == detail::ProcState::Alive && child.daemon)
      kill_process(c, -kSigKill, ExitReason::Killed, "daemon: its parent ended", kNoTask);
    c = next;
  }
  if (processes_[static_cast<std::size_t>(pid)].ppid <= 1) reap(pid, kNoTask);
  else wake_waiting_parent(pid);
  kill_daemons_if_only_daemons_left();
  if (!rt_.empty()) {
    const detail::Process& ended = processes_[static_cast<std::size_t>(pid)];
    job_process_ended(ended.main, ended.exit_reason);
  }
}

void Kernel::Impl::reap(Pid pid, TaskId by) {
  detail::Process& p = processes_[static_cast<std::size_t>(pid)];
  if (p.state != detail::ProcState::Zombie) return;
  p.state = detail::ProcState::Reaped;
  --live_processes_;
  instant(InstantKind::Reap, by, p.main, pid, by == kNoTask ? "reaped by init" : "");
}

// Does blocked task `waiter` (in Wait) wait for child `child`?
bool Kernel::Impl::wait_matches(TaskId waiter, Pid child) const {
  const std::uint32_t target = tasks_[waiter].wait_object;
  return target == 0 || target == UINT32_MAX || target == static_cast<std::uint32_t>(child);
}

static bool has_live_child(const std::vector<detail::Process>& processes, Pid parent) {
  for (Pid c = processes[static_cast<std::size_t>(parent)].first_child; c != 0;
       c = processes[static_cast<std::size_t>(c)].next_sibling)
    if (processes[static_cast<std::size_t>(c)].state == detail::ProcState::Alive) return true;
  return false;
}

// A child just ended: a thread of its parent blocked in wait may take it.
void Kernel::Impl::wake_waiting_parent(Pid child) {
  const Pid parent = processes_[static_cast<std::size_t>(child)].ppid;
  for (TaskId t = processes_[static_cast<std::size_t>(parent)].main; t != kNoTask; t = tasks_[t].next_thread) {
    if (tasks_[t].state != TaskState::Blocked || tasks_[t].block_cause != Cause::Wait || !wait_matches(t, child))
      continue;
    if (tasks_[t].wait_object == UINT32_MAX) {  // all children: only once none is left alive
      if (has_live_child(processes_, parent)) continue;
      std::int64_t reaped = 0;
      for (Pid c = processes_[static_cast<std::size_t>(parent)].first_child; c != 0;
           c = processes_[static_cast<std::size_t>(c)].next_sibling)
        if (processes_[static_cast<std::size_t>(c)].state == detail::ProcState::Zombie) {
          reap(c, t);
          ++reaped;
        }
      instant(InstantKind::Wakeup, processes_[static_cast<std::size_t>(child)].main, t, 0, "wait children");
      grant(t, SyscallResult::Status::Ok, reaped, Cause::Granted);
      return;
    }
    const std::int64_t code = processes_[static_cast<std::size_t>(child)].exit_code;
    reap(child, t);
    instant(InstantKind::Wakeup, processes_[static_cast<std::size_t>(child)].main, t, 0, "wait");
    grant(t, SyscallResult::Status::Ok, code, Cause::Granted);
    return;
  }
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Wait& call) {
  const Pid self = tasks_[caller].pid;
  const Ticks wake_at = call.timeout == kNever ? kNever : now_ + call.timeout;
  auto block_on = [&](std::uint32_t target) {
    if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, "wait");
    block(caller, Cause::Wait, StopReason::Blocked, wake_at, target);
  };
  const auto children = [&](auto&& f) {
    for (Pid c = processes_[static_cast<std::size_t>(self)].first_child; c != 0;
         c = processes_[static_cast<std::size_t>(c)].next_sibling)
      if (processes_[static_cast<std::size_t>(c)].state != detail::ProcState::Reaped) f(c);
  };
  switch (call.target) {
    case sys::Wait::Target::Pid:
    case sys::Wait::Target::Name: {
      Pid found = 0;  // the most recent child with that pid / name
      children([&](Pid c) {
        if (call.target == sys::Wait::Target::Pid ? c == call.pid
                                                  : spec_of(tasks_[processes_[static_cast<std::size_t>(c)].main]).name == call.name)
          found = std::max(found, c);
      });
      if (found == 0)
        return refuse(caller, SyscallResult::Status::Failed,
                      call.target == sys::Wait::Target::Pid ? fmt::format("wait {}: no such child", call.pid)
                                                            : fmt::format("wait {}: no such child", call.name));
      if (processes_[static_cast<std::size_t>(found)].state == detail::ProcState::Zombie) {
        const std::int64_t code = processes_[static_cast<std::size_t>(found)].exit_code;
        reap(found, caller);
        return set_result(caller, SyscallResult::Status::Ok, code);
      }
      return block_on(static_cast<std::uint32_t>(found));
    }
    case sys::Wait::Target::Any: {
      Pid zombie = 0, any = 0;  // the zombie that ended first
      children([&](Pid c) {
        any = c;
        const detail::Process& p = processes_[static_cast<std::size_t>(c)];
        if (p.state == detail::ProcState::Zombie &&
            (zombie == 0 || p.ended < processes_[static_cast<std::size_t>(zombie)].ended))
          zombie = c;
      });
      if (zombie != 0) {
        const std::int64_t code = processes_[static_cast<std::size_t>(zombie)].exit_code;
        reap(zombie, caller);
        return set_result(caller, SyscallResult::Status::Ok, code);
      }
      if (any == 0) return refuse(caller, SyscallResult::Status::Failed, "wait any: no children");
      return block_on(0);
    }
    case sys::Wait::Target::Children: {
      if (has_live_child(processes_, self)) return block_on(UINT32_MAX);
      std::int64_t reaped = 0;
      children([&](Pid c) {
        reap(c, caller);
        ++reaped;
      });
      return set_result(caller, SyscallResult::Status::Ok, reaped);
    }
  }
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Join& call) {
  const detail::Process& p = processes_[static_cast<std::size_t>(tasks_[caller].pid)];
  TaskId target = call.thread;
  if (target == kNoTask)  // by name: the most recent thread of this process with it
    for (TaskId t = p.main; t != kNoTask; t = tasks_[t].next_thread)
      if (tasks_[t].is_thread && short_name(name_of(t)) == call.name) target = t;
  if (target == kNoTask || target >= tasks_.size() || target == caller || tasks_[target].pid != tasks_[caller].pid)
    return refuse(caller, SyscallResult::Status::Failed,
                  fmt::format("join {}: {}", call.name.empty() ? std::to_string(call.thread) : std::string(call.name),
                              target == caller ? "a thread cannot join itself" : "no such thread in this process"));
  if (tasks_[target].state == TaskState::Terminated)
    return set_result(caller, SyscallResult::Status::Ok, tasks_[target].exit_code);
  if (call.timeout == 0) return refuse(caller, SyscallResult::Status::TimedOut, fmt::format("join {}", call.name));
  block(caller, Cause::Join, StopReason::Blocked, call.timeout == kNever ? kNever : now_ + call.timeout, target);
}

Pid Kernel::Impl::find_process(std::string_view name) const {
  for (std::size_t pid = processes_.size(); pid-- > 2;) {
    const detail::Process& p = processes_[pid];
    if (p.state == detail::ProcState::Alive && spec_of(tasks_[p.main]).name == name) return static_cast<Pid>(pid);
  }
  return 0;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Kill& call) {
  const Pid pid = call.pid != 0 ? call.pid : find_process(call.name);
  if (pid <= 1 || static_cast<std::size_t>(pid) >= processes_.size() ||
      processes_[static_cast<std::size_t>(pid)].state != detail::ProcState::Alive)
    return refuse(caller, SyscallResult::Status::Failed,
                  fmt::format("kill {}: no such live process", call.pid != 0 ? std::to_string(call.pid) : std::string(call.name)));
  instantf(InstantKind::Kill, caller, processes_[static_cast<std::size_t>(pid)].main, call.signal,
           "{} sends {} to {}", name_of(caller), signal_name(call.signal),
           name_of(processes_[static_cast<std::size_t>(pid)].main));
  set_result(caller, SyscallResult::Status::Ok);
  kill_process(pid, -call.signal, ExitReason::Killed,
               fmt::format("killed by {} ({})", name_of(caller), signal_name(call.signal)), kNoTask);
}

// Once only daemons are left, the run is over for them too.
void Kernel::Impl::kill_daemons_if_only_daemons_left() {
  if (live_workers_ != 0 || releases_ahead_ > 0) return;  // a periodic task with jobs to come is not over
  for (std::size_t pid = 2; pid < processes_.size(); ++pid)
    if (processes_[pid].state == detail::ProcState::Alive && processes_[pid].daemon)
      kill_process(static_cast<Pid>(pid), -kSigKill, ExitReason::Killed, "daemon: no other process is left", kNoTask);
}

}  // namespace schedlab

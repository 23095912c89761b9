// The TaskBackends that run real C++ code (see real_tasks.hpp for what the code sees).
//
// ThreadBackend: one OS thread per task, each parked on its own binary semaphore. The
// kernel thread resumes exactly one of them and waits until it makes its next call, so
// exactly one task executes at any time and every hand-over is a happens-before edge:
// the tasks' shared memory needs no further synchronisation, and a run is as
// deterministic as the kernel's schedule. The OS threads come from a process-wide pool and
// go back to it when their task ends, so later runs seldom create one.
//
// CoroutineBackend: C++20 coroutines resumed by the kernel thread itself (no OS thread
// each); a call is a suspension that stores the call for the kernel.
//
// CoroutineGroupBackend: several coroutines sharing one task (one simulated thread).
//
// All turn an exception escaping a task into an error exit of its process, with the
// message, and record it in failures().
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <schedlab/real_tasks.hpp>
#include <schedlab/task_backend.hpp>

namespace schedlab::real {

namespace detail {
class Watch;
}

// An error exit of a real task: who, and the message of what escaped it.
struct TaskFailure {
  TaskId task = kNoTask;
  std::string name;
  std::string message;
};

class ThreadBackend final : public TaskBackend {
 public:
  // `watchdog`: how long (real time) a task may run without calling the kernel before the
  // run is abandoned with WatchdogTimeout. Zero: wait forever. (A helper thread keeps the
  // time, so the hand-over itself stays an untimed semaphore wait: libstdc++'s timed
  // waits back off with sleeps and would cost milliseconds per switch on a busy machine.)
  explicit ThreadBackend(std::chrono::milliseconds watchdog = std::chrono::seconds(5));
  ~ThreadBackend() override;  // shutdown()
  ThreadBackend(const ThreadBackend&) = delete;
  ThreadBackend& operator=(const ThreadBackend&) = delete;

  // A body to start as a task: pass the token in a SpawnRequest or a sys::Spawn.
  std::uint64_t add(std::string name, ThreadBody body);

  Syscall next(TaskId task, const SyscallResult& last) override;
  Ticks peek_burst(TaskId) const override { return -1; }
  void adopt(TaskId task, std::uint64_t token) override;
  void release(TaskId task) override;

  // Unwind every task still parked in a call (a private exception thrown out of that
  // call) and join every thread. A thread the watchdog gave up on is detached instead:
  // it unwinds at its next call. Called by the destructor; safe to call twice.
  void shutdown();

  const std::vector<TaskFailure>& failures() const { return *failures_; }
  // Record failures in `log` instead (a Runtime shares one log between its backends, so
  // a mixed run's failures stay in the order they happened).
  void log_failures_to(std::vector<TaskFailure>& log) { failures_ = &log; }
  // Tasks started so far (each on a pooled OS thread).
  std::size_t threads_started() const { return threads_started_; }

 private:
  void stop(detail::ThreadSlot& slot);
  bool hand_over(detail::ThreadSlot& slot);  // false: the watchdog gave up waiting

  std::chrono::milliseconds watchdog_;
  std::unique_ptr<detail::Watch> watch_;  // registered with the process-wide watchdog
  std::vector<std::shared_ptr<detail::ThreadSlot>> slots_;  // by token
  std::vector<detail::ThreadSlot*> by_task_;                // by TaskId (sparse)
  std::vector<TaskFailure> own_failures_;
  std::vector<TaskFailure>* failures_ = &own_failures_;
  std::size_t threads_started_ = 0;
};

class CoroutineBackend final : public TaskBackend {
 public:
  CoroutineBackend();
  ~CoroutineBackend() override;  // destroys the frames of coroutines still suspended
  CoroutineBackend(const CoroutineBackend&) = delete;
  CoroutineBackend& operator=(const CoroutineBackend&) = delete;

  std::uint64_t add(std::string name, CoroutineBody body);

  Syscall next(TaskId task, const SyscallResult& last) override;
  Ticks peek_burst(TaskId) const override { return -1; }
  void adopt(TaskId task, std::uint64_t token) override;
  void release(TaskId task) override;

  const std::vector<TaskFailure>& failures() const { return *failures_; }
  // Record failures in `log` instead (a Runtime shares one log between its backends, so
  // a mixed run's failures stay in the order they happened).
  void log_failures_to(std::vector<TaskFailure>& log) { failures_ = &log; }

 private:
  std::vector<std::unique_ptr<detail::CoroutineSlot>> slots_;  // by token; stable addresses
  std::vector<detail::CoroutineSlot*> by_task_;
  std::vector<TaskFailure> own_failures_;
  std::vector<TaskFailure>* failures_ = &own_failures_;
};

// One coroutine of a group: its name (on the trace, and for switch_to) and its body.
struct GroupMember {
  std::string name;
  CoroutineBody body;
};

namespace detail {
struct GroupSlot;
}

// Groups of coroutines inside one simulated thread, gevent-like (the scripted
// `coroutines:` model, docs/workload-format.md): the kernel schedules the thread; the
// group's hub schedules its coroutines, one at a time, from a FIFO ready list that starts
// in listing order. The running coroutine keeps the thread until it awaits
// (AsyncSys::await_io), switches (switch_to, pass) or ends; any other call is the
// thread's call, so a plain io() blocks every coroutine of the group. When all the
// group's coroutines are awaiting, the thread blocks on I/O until the earliest await
// ends. The thread ends when all its coroutines have; an exception escaping one of them
// is an error exit of the process, as in a coroutine task of its own.
class CoroutineGroupBackend final : public TaskBackend {
 public:
  // A member's spawn_thread / spawn_process starts a coroutine task of its own there.
  explicit CoroutineGroupBackend(CoroutineBackend& spawns);
  ~CoroutineGroupBackend() override;  // destroys the frames of coroutines still suspended
  CoroutineGroupBackend(const CoroutineGroupBackend&) = delete;
  CoroutineGroupBackend& operator=(const CoroutineGroupBackend&) = delete;

  std::uint64_t add(std::string name, std::vector<GroupMember> members);

  Syscall next(TaskId task, const SyscallResult& last) override;
  Ticks peek_burst(TaskId) const override { return -1; }
  void adopt(TaskId task, std::uint64_t token) override;
  void release(TaskId task) override;

  const std::vector<TaskFailure>& failures() const { return *failures_; }
  void log_failures_to(std::vector<TaskFailure>& log) { failures_ = &log; }

 private:
  CoroutineBackend& spawns_;
  std::vector<std::unique_ptr<detail::GroupSlot>> slots_;  // by token
  std::vector<detail::GroupSlot*> by_task_;
  std::vector<TaskFailure> own_failures_;
  std::vector<TaskFailure>* failures_ = &own_failures_;
};

}  // namespace schedlab::real

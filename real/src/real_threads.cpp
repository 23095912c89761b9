// ThreadBackend: real OS threads gated so that exactly one task executes at a time.
//
// Hand-over protocol, per task (two binary semaphores, both starting at 0):
//   kernel:  result = last; go.release(); back.acquire();  -> reads `call`
//   task:    call = ...;    back.release(); go.acquire();  -> reads `result`
// Each side writes the shared fields before releasing and reads them after acquiring,
// so every field is ordered by the semaphores; the kernel thread is blocked for as long
// as a task runs, which is what makes "one task at a time" hold.
//
// Ending a task that is parked in a call: set `cancelled`, release `go`; the call throws
// Cancelled (a private type, not a std::exception) which unwinds the body's stack on its
// own thread while the kernel thread waits for the task's last answer. After that answer
// the task's thread touches nothing of the slot: it goes back to the worker pool
// (real_worker_pool.hpp) and the kernel's thread destroys the body.
//
// The watchdog (real_watchdog.cpp): each hand-over has a phase (Waiting -> Answered by
// the task, or -> TimedOut by the watchdog thread); whoever moves it out of Waiting
// releases `back`, so the kernel wakes exactly once and knows which of the two woke it.
#include <fmt/format.h>

#include <schedlab/real_backends.hpp>

#include "real_failure.hpp"
#include "real_task_table.hpp"
#include "real_thread_slot.hpp"
#include "real_worker_pool.hpp"

namespace schedlab::real {
namespace detail {

namespace {

// The task's side of a hand-over: answer the kernel, unless the watchdog already did.
bool answer(ThreadSlot& s) {
  int waiting = kWaiting;
  if (!s.phase.compare_exchange_strong(waiting, kAnswered, std::memory_order_acq_rel)) return false;
  s.back.release();
  return true;
}

void run_task(const std::shared_ptr<ThreadSlot>& slot) {
  ThreadSlot& s = *slot;
  s.go.acquire();
  if (!s.cancelled.load(std::memory_order_relaxed)) {
    try {
      s.body(s.sys);
      s.call = sys::Exit{0, ExitReason::Exited, {}, false};  // end of body: this thread ends
    } catch (const Cancelled&) {
      // Unwound on the kernel's request: nobody waits for a call.
    } catch (...) {
      s.failed = true;
      s.text = describe_exception(std::current_exception());
      s.call = sys::Exit{1, ExitReason::Error, s.text, true};
    }
  }
  s.finished = true;
  answer(s);
}

}  // namespace
}  // namespace detail

Result Sys::submit_text_call(const Syscall& call, std::string text) {
  detail::ThreadSlot& s = slot_;
  if (s.cancelled.load(std::memory_order_relaxed)) {
    // Cancelled while unwinding (a destructor calling unlock...): answer without the
    // kernel rather than throw from a destructor.
    if (std::uncaught_exceptions() > 0) return Result{Status::Failed, 0, s.result.now};
    throw detail::Cancelled{};
  }
  s.text = std::move(text);
  s.call = call;
  bind_text(s.call, s.text);
  if (!detail::answer(s)) throw detail::Cancelled{};  // the kernel gave up on this task
  s.go.acquire();
  if (s.cancelled.load(std::memory_order_relaxed)) {
    if (std::uncaught_exceptions() > 0) return Result{Status::Failed, 0, s.result.now};
    throw detail::Cancelled{};
  }
  return s.result;
}

Result Sys::spawn_thread(std::string name, ThreadBody body, bool daemon) {
  if (slot_.cancelled.load(std::memory_order_relaxed)) throw detail::Cancelled{};
  const std::uint64_t token = backend_.add(name, std::move(body));
  return submit_text_call(sys::Spawn{{}, true, daemon, &backend_, token}, std::move(name));
}

Result Sys::spawn_process(std::string name, ThreadBody body, bool daemon) {
  if (slot_.cancelled.load(std::memory_order_relaxed)) throw detail::Cancelled{};
  const std::uint64_t token = backend_.add(name, std::move(body));
  return submit_text_call(sys::Spawn{{}, false, daemon, &backend_, token}, std::move(name));
}

ThreadBackend::ThreadBackend(std::chrono::milliseconds watchdog) : watchdog_(watchdog) {}

bool ThreadBackend::hand_over(detail::ThreadSlot& s) {
  if (watchdog_.count() > 0 && !watch_) watch_ = std::make_unique<detail::Watch>(watchdog_);
  s.phase.store(detail::kWaiting, std::memory_order_relaxed);  // published by go.release()
  if (watch_) watch_->begin(s);
  s.go.release();
  s.back.acquire();
  if (watch_) watch_->end();
  return s.phase.load(std::memory_order_acquire) == detail::kAnswered;
}

ThreadBackend::~ThreadBackend() { shutdown(); }

std::uint64_t ThreadBackend::add(std::string name, ThreadBody body) {
  slots_.push_back(std::make_shared<detail::ThreadSlot>(*this, std::move(name), std::move(body)));
  return slots_.size() - 1;
}

void ThreadBackend::adopt(TaskId task, std::uint64_t token) {
  detail::ThreadSlot& s = detail::adopt_slot(slots_, by_task_, task, token, "ThreadBackend");
  s.task = task;
  s.token = token;
}

Syscall ThreadBackend::next(TaskId task, const SyscallResult& last) {
  detail::ThreadSlot& s = *by_task_.at(task);
  if (!s.started) {
    s.started = true;
    ++threads_started_;
    // The worker holds the slot too, so a task the watchdog abandoned never dangles.
    detail::run_on_worker([slot = slots_[s.token]] { detail::run_task(slot); });
  }
  s.result = last;
  if (!hand_over(s)) {
    s.stuck = true;
    throw WatchdogTimeout(fmt::format("watchdog: task '{}' (task {}) ran {} ms of real time without calling the kernel",
                                      s.name, task, watchdog_.count()));
  }
  if (s.failed) {
    s.failed = false;
    failures_->push_back(TaskFailure{task, s.name, s.text});
  }
  return s.call;
}

void ThreadBackend::release(TaskId task) {
  detail::ThreadSlot* s = detail::adopted_slot(by_task_, task);
  if (s == nullptr) return;
  stop(*s);
  by_task_[task] = nullptr;
}

void ThreadBackend::stop(detail::ThreadSlot& s) {
  if (!s.started) return;
  // A task the watchdog gave up on still runs on its own: nothing of its slot but the
  // atomics may be read here (it writes `finished` whenever it gets there).
  if (!s.stuck && !s.finished) {
    s.cancelled.store(true, std::memory_order_relaxed);
    // Unwinding runs user destructors: the same watchdog bounds it.
    if (!hand_over(s)) s.stuck = true;
  }
  if (s.stuck) {
    s.cancelled.store(true, std::memory_order_relaxed);
    return;  // it unwinds at its next call, its worker holding the slot
  }
  // The task's last answer came: its thread no longer touches the body. Its captures die
  // here, on the kernel's thread, at a point the run determines.
  s.body = nullptr;
}

void ThreadBackend::shutdown() {
  for (const auto& slot : slots_) stop(*slot);
  watch_.reset();
}

}  // namespace schedlab::real

// Real C++ code as tasks: what a task body sees of the kernel.
//
// A thread-backed task is an ordinary function `void(Sys&)` running on its own
// std::thread; a coroutine-backed task is a C++20 coroutine `CoTask(AsyncSys&)` resumed by
// the kernel's own thread. Either way the kernel gates them: only the task it dispatched
// executes, and virtual time advances only through these calls.
//
//   void worker(real::Sys& sys) {          real::CoTask worker(real::AsyncSys& sys) {
//     sys.lock(mutex);                       co_await sys.lock(mutex);
//     const int seen = counter;              const int seen = counter;
//     sys.compute(2);                        co_await sys.compute(2);
//     counter = seen - 1;                    counter = seen - 1;
//     sys.unlock(mutex);                     co_await sys.unlock(mutex);
//   }                                      }
//
// Every call answers a SyscallResult (status, value, now). The calls are the kernel's own
// system calls (syscalls.hpp) on the kernel's own objects (Kernel::create_lock...).
// Where preemption can happen: inside a compute() of 2+ ticks, and at any call that
// blocks or yields. The code between two calls runs as one atomic step at the instant the
// first call's work ends (a compute(1) under a 1-tick quantum does not split it).
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <schedlab/syscalls.hpp>
#include <schedlab/types.hpp>

namespace schedlab::real {

using Result = SyscallResult;
using Status = SyscallResult::Status;

inline bool ok(const Result& r) { return r.status == Status::Ok; }

// A failed check inside a task: the task (and its process) ends with an error exit
// carrying the message; exploration reports it as a bug.
class AssertionFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline void require(bool condition, std::string_view what) {
  if (!condition) throw AssertionFailed(std::string(what));
}

// A thread-backed task ran longer than the watchdog allows without calling the kernel.
// Thrown out of Kernel::run(); Runtime::run() turns it into a failed outcome.
class WatchdogTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Sys;
class AsyncSys;
class CoTask;
class ThreadBackend;
class CoroutineBackend;

using ThreadBody = std::function<void(Sys&)>;
using CoroutineBody = std::function<CoTask(AsyncSys&)>;

// Point the call's text field (message, name, text) at `text`, which the backend keeps
// alive until the kernel calls it again (the contract of syscalls.hpp).
void bind_text(Syscall& call, std::string_view text);

// The calls, written once for both kinds of task. Derived::submit_call(Syscall) (and
// submit_text_call(Syscall, std::string) for calls carrying a text) makes the call: for
// a thread it blocks and answers the Result; for a coroutine it answers an awaiter (so
// `co_await sys.compute(3)` reads like `sys.compute(3)`). Two entry points so that the
// common calls carry no std::string: a coroutine switch costs a few nanoseconds more
// with one.
template <class Derived>
class SyscallApi {
 public:
  // CPU work: `ticks` of virtual CPU time (this is where preemption happens).
  decltype(auto) compute(Ticks ticks) { return submit(sys::Compute{ticks}); }
  // Block on an I/O device / a timer for `ticks`.
  decltype(auto) io(Ticks ticks) { return submit(sys::Io{ticks}); }
  decltype(auto) sleep(Ticks ticks) { return submit(sys::Sleep{ticks}); }
  decltype(auto) yield() { return submit(sys::Yield{}); }

  // End the whole process with `code` (a thread of it: end_thread).
  decltype(auto) exit(std::int64_t code = 0) { return submit(sys::Exit{code, ExitReason::Exited, {}, true}); }
  decltype(auto) end_thread(std::int64_t code = 0) { return submit(sys::Exit{code, ExitReason::Exited, {}, false}); }
  // An error exit of the process, with a message (what an escaping exception does).
  decltype(auto) fail(std::string message) {
    return submit(sys::Exit{1, ExitReason::Error, {}, true}, std::move(message));
  }

  decltype(auto) kill(Pid pid, int signal = kSigTerm) { return submit(sys::Kill{pid, {}, signal}); }
  // Wait for a child process (by pid, or any) to end; answers its exit code.
  decltype(auto) wait(Pid pid, Ticks timeout = kNever) {
    return submit(sys::Wait{sys::Wait::Target::Pid, pid, {}, timeout});
  }
  decltype(auto) wait_any(Ticks timeout = kNever) { return submit(sys::Wait{sys::Wait::Target::Any, 0, {}, timeout}); }
  // Wait for a thread of this process (its TaskId, as spawn_thread answered) to end.
  decltype(auto) join(TaskId thread, Ticks timeout = kNever) { return submit(sys::Join{thread, {}, timeout}); }

  decltype(auto) lock(ObjectId lock, Ticks timeout = kNever) { return submit(sys::Lock{lock, timeout}); }
  decltype(auto) unlock(ObjectId lock) { return submit(sys::Unlock{lock}); }
  decltype(auto) acquire(ObjectId semaphore, Ticks timeout = kNever) {
    return submit(sys::Acquire{semaphore, timeout});
  }
  decltype(auto) release(ObjectId semaphore) { return submit(sys::Release{semaphore}); }
  decltype(auto) event_set(ObjectId event) { return submit(sys::EventSet{event}); }
  decltype(auto) event_clear(ObjectId event) { return submit(sys::EventClear{event}); }
  decltype(auto) event_wait(ObjectId event, Ticks timeout = kNever) { return submit(sys::EventWait{event, timeout}); }
  decltype(auto) put(ObjectId queue, std::int64_t item, Ticks timeout = kNever) {
    return submit(sys::Put{queue, item, timeout});
  }
  // Answers the item in Result::value.
  decltype(auto) get(ObjectId queue, Ticks timeout = kNever) { return submit(sys::Get{queue, timeout}); }
  decltype(auto) task_done(ObjectId queue) { return submit(sys::TaskDone{queue}); }
  decltype(auto) join_queue(ObjectId queue, Ticks timeout = kNever) { return submit(sys::JoinQueue{queue, timeout}); }

  // Zero-time lines for the trace and the run's output.
  decltype(auto) print(std::string text) { return submit(sys::Note{sys::Note::Kind::Print, {}}, std::move(text)); }
  decltype(auto) note(std::string text) { return submit(sys::Note{sys::Note::Kind::Message, {}}, std::move(text)); }

 protected:
  // `call` is one alternative of Syscall (sys::Compute...), not the variant: a coroutine's
  // awaiter then writes just that alternative into the task's state (see AsyncSys::Call).
  template <class Alternative>
  decltype(auto) submit(const Alternative& call) {
    return static_cast<Derived&>(*this).submit_call(call);
  }
  decltype(auto) submit(const Syscall& call, std::string text) {
    return static_cast<Derived&>(*this).submit_text_call(call, std::move(text));
  }
};

namespace detail {
struct ThreadSlot;
struct CoroutineSlot;
}  // namespace detail

// What a thread-backed task's body receives. Each call blocks the calling thread until the
// kernel has carried it out and dispatches the task again.
class Sys : public SyscallApi<Sys> {
 public:
  Sys(ThreadBackend& backend, detail::ThreadSlot& slot) : backend_(backend), slot_(slot) {}
  Sys(const Sys&) = delete;
  Sys& operator=(const Sys&) = delete;

  // A new thread of this process / a new child process, running `body` on its own
  // std::thread. Answers the thread's TaskId (for join) / the child's pid (for wait).
  Result spawn_thread(std::string name, ThreadBody body, bool daemon = false);
  Result spawn_process(std::string name, ThreadBody body, bool daemon = false);

  Result submit_call(const Syscall& call) { return submit_text_call(call, {}); }
  Result submit_text_call(const Syscall& call, std::string text);

 private:
  ThreadBackend& backend_;
  detail::ThreadSlot& slot_;
};

namespace detail {
// A call to the hub of the coroutine's group (the thread it shares with the other
// coroutines of its group) rather than to the kernel.
enum class HubCall : std::uint8_t { None, AwaitIo, Switch, Pass };

// The part of a coroutine task's state its awaiters touch (on the kernel's thread).
struct CoroutineCore {
  Syscall call = sys::Yield{};
  std::string text;
  Result result;
  std::coroutine_handle<> current;  // the innermost coroutine suspended on a call
  HubCall hub = HubCall::None;      // set by a group call; `call` is then its meaning alone
  Ticks hub_ticks = 0;              // await_io's ticks
};
}  // namespace detail

// What a coroutine-backed task's body receives: `co_await sys.compute(3)`.
class AsyncSys : public SyscallApi<AsyncSys> {
 public:
  AsyncSys(CoroutineBackend& backend, detail::CoroutineCore& core) : backend_(backend), core_(core) {}
  AsyncSys(const AsyncSys&) = delete;
  AsyncSys& operator=(const AsyncSys&) = delete;

  // Suspends the coroutine; the kernel thread resumes it with the call's answer. Holds
  // the alternative, not a whole Syscall: copying a variant just built in the frame into
  // the task's state read its freshly stored index byte back with a wide load (a
  // store-forwarding stall, three quarters of the cost of a switch under perf).
  template <class Alternative>
  struct Call {
    detail::CoroutineCore& core;
    Alternative call;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> caller) noexcept {
      core.call.emplace<Alternative>(call);
      core.current = caller;
    }
    Result await_resume() const noexcept { return core.result; }
  };
  // The same for a call with a text (print, fail, spawn's name): the text moves into the
  // task's state, which keeps it alive until the kernel calls the backend again.
  struct TextCall {
    detail::CoroutineCore& core;
    Syscall call;
    std::string text;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> caller) noexcept {
      core.call = call;
      core.text = std::move(text);
      bind_text(core.call, core.text);
      core.current = caller;
    }
    Result await_resume() const noexcept { return core.result; }
  };

  // A call to the group's hub: the coroutine's group (Runtime::spawn_coroutine_group)
  // decides who runs next, the kernel sees nothing of it. In a coroutine of its own (no
  // group) await_io is a plain io and the other two do nothing but a note on the trace.
  struct GroupCall {
    detail::CoroutineCore& core;
    detail::HubCall hub;
    Ticks ticks;
    std::string target;  // switch_to's
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> caller) noexcept {
      core.hub = hub;
      core.hub_ticks = ticks;
      core.text = std::move(target);
      core.call = sys::Io{ticks};  // what await_io means outside a group
      core.current = caller;
    }
    Result await_resume() const noexcept { return core.result; }
  };
  // gevent style: park this coroutine for `ticks` of I/O while the others of the group
  // run; if none can, the whole thread waits (blocked, as on I/O) for the earliest await.
  // A plain io() instead blocks the thread with every coroutine in it.
  GroupCall await_io(Ticks ticks) { return GroupCall{core_, detail::HubCall::AwaitIo, ticks, {}}; }
  // greenlet style: coroutine `name` of the group runs next, this one goes to the back of
  // the ready list. Ignored (with a note) if `name` is not waiting for its turn.
  GroupCall switch_to(std::string name) { return GroupCall{core_, detail::HubCall::Switch, 0, std::move(name)}; }
  // gevent.sleep(0): go to the back of the ready list; the next ready coroutine runs.
  GroupCall pass() { return GroupCall{core_, detail::HubCall::Pass, 0, {}}; }

  // Zero-time: a new coroutine-backed thread of this process / child process.
  TextCall spawn_thread(std::string name, CoroutineBody body, bool daemon = false);
  TextCall spawn_process(std::string name, CoroutineBody body, bool daemon = false);

  template <class Alternative>
  Call<Alternative> submit_call(const Alternative& call) {
    return Call<Alternative>{core_, call};
  }
  TextCall submit_text_call(const Syscall& call, std::string text) { return TextCall{core_, call, std::move(text)}; }

 private:
  CoroutineBackend& backend_;
  detail::CoroutineCore& core_;
};

// The coroutine type of task bodies and of the helpers they call: a helper `CoTask
// read_request(AsyncSys&)` is awaited with `co_await read_request(sys)` and runs to its
// end before the caller continues (an exception in it reaches the caller). Starts
// suspended; owns its frame.
class [[nodiscard]] CoTask {
 public:
  struct promise_type {
    std::coroutine_handle<> continuation;  // the awaiting coroutine; none for a task's body
    std::exception_ptr error;

    CoTask get_return_object() { return CoTask(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() const noexcept { return false; }
      // Symmetric transfer back to the caller, so nesting costs no stack.
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) const noexcept {
        const std::coroutine_handle<> next = h.promise().continuation;
        return next ? next : std::noop_coroutine();
      }
      void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { error = std::current_exception(); }
  };

  CoTask() = default;
  explicit CoTask(std::coroutine_handle<promise_type> h) : handle_(h) {}
  CoTask(CoTask&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  CoTask& operator=(CoTask&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  CoTask(const CoTask&) = delete;
  CoTask& operator=(const CoTask&) = delete;
  ~CoTask() {
    if (handle_) handle_.destroy();
  }

  // Awaiting a helper: start it, come back here when it ends.
  bool await_ready() const noexcept { return !handle_ || handle_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
    handle_.promise().continuation = caller;
    return handle_;
  }
  void await_resume() const {
    if (handle_ && handle_.promise().error) std::rethrow_exception(handle_.promise().error);
  }

  std::coroutine_handle<promise_type> handle() const { return handle_; }

 private:
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace schedlab::real

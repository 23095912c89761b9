// A thread-backed task's state, shared by its worker thread and the kernel's thread (the
// hand-over protocol is described in real_threads.cpp), and the watchdog that bounds how
// long the kernel's thread waits for it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <semaphore>
#include <string>

#include <schedlab/real_tasks.hpp>

namespace schedlab::real::detail {

struct Cancelled {};  // deliberately not a std::exception: `catch (std::exception&)` lets it pass

enum Phase : int { kIdle, kWaiting, kAnswered, kTimedOut };

struct ThreadSlot {
  ThreadSlot(ThreadBackend& backend, std::string n, ThreadBody b) : name(std::move(n)), body(std::move(b)), sys(backend, *this) {}

  std::string name;
  ThreadBody body;
  Sys sys;
  std::binary_semaphore go{0};    // kernel -> task: run
  std::binary_semaphore back{0};  // task -> kernel: here is my next call (or I am done)
  Syscall call = sys::Yield{};
  std::string text;  // the call's message/name, kept alive until the next call
  Result result;
  std::atomic<bool> cancelled{false};  // atomic: an abandoned (watchdog) task reads it unordered
  std::atomic<int> phase{kIdle};       // of the current hand-over
  bool finished = false;               // the body returned or unwound (set before `back`)
  bool failed = false;                 // an exception escaped: `call` is the error exit
  bool started = false;                // kernel side: a worker runs it
  bool stuck = false;                  // kernel side: the watchdog gave up on it
  TaskId task = kNoTask;
  std::uint64_t token = 0;
};

// One backend's watch over the hand-over its kernel thread is waiting on. The watching is
// done by one process-wide thread (starting a thread per run cost as much as the run in
// exploration): it fires when the same hand-over is still waiting after `limit`, within
// 1.25 x limit, by moving the slot's phase from Waiting to TimedOut and releasing `back`.
class Watch {
 public:
  explicit Watch(std::chrono::milliseconds limit);  // registers with the watchdog thread
  ~Watch();                                          // after it returns, nothing touches this
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  void begin(ThreadSlot& slot) {
    current_.store(&slot, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_release);
  }
  void end() { current_.store(nullptr, std::memory_order_release); }

 private:
  friend struct WatchdogThread;
  std::chrono::milliseconds limit_;
  std::atomic<ThreadSlot*> current_{nullptr};
  std::atomic<std::uint64_t> generation_{0};
  // The watchdog thread's own bookkeeping (touched under its mutex only).
  std::uint64_t last_generation_ = 0;
  std::chrono::steady_clock::time_point since_{};
};

}  // namespace schedlab::real::detail

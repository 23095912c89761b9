// The process-wide watchdog thread (see Watch in real_thread_slot.hpp).
//
// It wakes every quarter of the smallest registered limit and, for each backend whose
// kernel thread is waiting on a hand-over, notes since when it has seen that same
// hand-over; past the backend's limit it fires. Registration and every check happen under
// one mutex, so a Watch being destroyed is never read afterwards, and the slot a Watch
// points at is alive while the watch is registered (the backend owns both).
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "real_thread_slot.hpp"

namespace schedlab::real::detail {

struct WatchdogThread {
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<Watch*> watches;
  bool quit = false;
  std::thread thread;  // started with the first watch

  ~WatchdogThread() {
    {
      std::lock_guard lock(mutex);
      quit = true;
    }
    wake.notify_one();
    if (thread.joinable()) thread.join();
  }

  void add(Watch& w) {
    std::lock_guard lock(mutex);
    watches.push_back(&w);
    if (!thread.joinable()) thread = std::thread([this] { watch(); });
    wake.notify_one();  // the smallest limit may have changed
  }
  void remove(Watch& w) {
    std::lock_guard lock(mutex);
    watches.erase(std::remove(watches.begin(), watches.end(), &w), watches.end());
  }

  std::chrono::milliseconds period() const {
    auto smallest = std::chrono::milliseconds(1000);
    for (const Watch* w : watches) smallest = std::min(smallest, w->limit_);
    return std::max(smallest / 4, std::chrono::milliseconds(1));
  }

  void check(Watch& w, std::chrono::steady_clock::time_point now) {
    ThreadSlot* slot = w.current_.load(std::memory_order_acquire);
    const std::uint64_t gen = w.generation_.load(std::memory_order_acquire);
    if (slot == nullptr || gen != w.last_generation_) {
      w.last_generation_ = gen;
      w.since_ = now;
      return;
    }
    if (now - w.since_ < w.limit_) return;
    int waiting = kWaiting;
    if (slot->phase.compare_exchange_strong(waiting, kTimedOut, std::memory_order_acq_rel)) slot->back.release();
    w.since_ = now;
  }

  void watch() {
    std::unique_lock lock(mutex);
    while (!quit) {
      wake.wait_for(lock, period());
      const auto now = std::chrono::steady_clock::now();
      for (Watch* w : watches) check(*w, now);
    }
  }
};

namespace {
WatchdogThread& watchdog() {
  static WatchdogThread w;
  return w;
}
}  // namespace

Watch::Watch(std::chrono::milliseconds limit) : limit_(limit) { watchdog().add(*this); }
Watch::~Watch() { watchdog().remove(*this); }

}  // namespace schedlab::real::detail

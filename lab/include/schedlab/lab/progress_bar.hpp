// A progress bar on stderr for long sweeps, drawn only when stderr is a terminal (so
// logs and pipes stay clean). A background thread redraws it a few times a second;
// workers only bump an atomic counter.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace schedlab::lab {

class ProgressBar {
 public:
  // Draws on `err` only if `enabled`; otherwise every call is a no-op.
  ProgressBar(std::ostream& err, bool enabled, std::uint64_t total, std::string what);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void advance() { done_.fetch_add(1, std::memory_order_relaxed); }

  // True when `err` is this process's stderr and that is a terminal.
  static bool stderr_is_terminal(const std::ostream& err);

 private:
  void draw(bool final);
  std::ostream& err_;
  bool enabled_;
  std::uint64_t total_;
  std::string what_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace schedlab::lab

#include <schedlab/lab/progress_bar.hpp>

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace schedlab::lab {

bool ProgressBar::stderr_is_terminal(const std::ostream& err) { return &err == &std::cerr && isatty(STDERR_FILENO); }

ProgressBar::ProgressBar(std::ostream& err, bool enabled, std::uint64_t total, std::string what)
    : err_(err), enabled_(enabled && total > 0), total_(total), what_(std::move(what)),
      start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) draw(false);
  });
}

ProgressBar::~ProgressBar() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  draw(true);
}

void ProgressBar::draw(bool final) {
  if (final) {
    err_ << "\r\033[K" << std::flush;  // erase the line: the results follow on stdout
    return;
  }
  constexpr int kWidth = 30;
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string eta = "";
  if (done > 0 && done < total_) eta = fmt::format(", ~{:.0f}s left", elapsed / fraction - elapsed);
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  err_ << fmt::format("\r\033[K[{}] {}/{} {} ({:.0f}s{})", bar, done, total_, what_, elapsed, eta) << std::flush;
}

}  // namespace schedlab::lab

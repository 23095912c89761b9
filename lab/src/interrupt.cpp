#include <schedlab/lab/interrupt.hpp>

#include <atomic>
#include <csignal>

namespace schedlab::lab {

namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler may only touch a lock-free atomic");

extern "C" void on_sigint(int) { g_interrupted.store(true, std::memory_order_relaxed); }

}  // namespace

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second Ctrl-C takes the default action: the process ends
  sigaction(SIGINT, &action, nullptr);
}

bool interrupted() { return g_interrupted.load(std::memory_order_relaxed); }

void set_interrupted(bool value) { g_interrupted.store(value, std::memory_order_relaxed); }

}  // namespace schedlab::lab

// Explore two threads taking two locks (see deadlock.hpp).
#include "deadlock.hpp"
#include "example_support.hpp"

int main() {
  using namespace schedlab::examples;
  bool ok = true;
  ok &= explore_and_report("two locks, opposite order", "pct:depth=2", two_lock_program(false), true);
  ok &= explore_and_report("two locks, opposite order", "random", two_lock_program(false), true);
  ok &= explore_and_report("two locks, same order", "random", two_lock_program(true), false, 100);
  return ok ? 0 : 1;
}

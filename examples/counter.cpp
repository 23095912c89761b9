// Explore the shared counter with and without its lock (see counter.hpp).
#include "counter.hpp"
#include "example_support.hpp"

// `example_counter --trace lost-update.json` saves the failing run for ui.perfetto.dev.
int main(int argc, char** argv) {
  using namespace schedlab::examples;
  bool ok = true;
  ok &= explore_and_report("counter, no lock", "random", counter_program(false), true, 1000, trace_path(argc, argv));
  ok &= explore_and_report("counter, no lock", "pct:depth=2", counter_program(false), true);
  ok &= explore_and_report("counter, locked", "random", counter_program(true), false, 100);
  ok &= explore_and_report("counter, locked", "pct:depth=3", counter_program(true), false, 100);
  return ok ? 0 : 1;
}

// Producer/consumer over a kernel queue, threads feeding coroutines (see producer_consumer.hpp).
#include "example_support.hpp"
#include "producer_consumer.hpp"

int main() {
  using namespace schedlab::examples;
  bool ok = true;
  ok &= explore_and_report("producer/consumer", "random", producer_consumer_program(), false, 30);
  ok &= explore_and_report("producer/consumer", "pct:depth=3", producer_consumer_program(), false, 30);
  return ok ? 0 : 1;
}

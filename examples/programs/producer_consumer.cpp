// examples/producer_consumer.hpp as a program for `schedlab explore`: thread producers and coroutine consumers over a kernel queue.
//   schedlab explore build/.../examples/libexample_producer_consumer_program.so
#include <schedlab/real_program.hpp>

#include "../producer_consumer.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::producer_consumer_program()(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("producer-consumer", "thread producers and coroutine consumers over a kernel queue", setup)

// examples/counter.hpp as a program for `schedlab explore`: five threads decrement a shared counter without a lock.
//   schedlab explore build/.../examples/libexample_counter_program.so
#include <schedlab/real_program.hpp>

#include "../counter.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::counter_program(false)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("counter", "five threads decrement a shared counter without a lock", setup)

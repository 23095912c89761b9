// examples/counter.hpp as a program for `schedlab explore`: five threads decrement a shared counter under a lock.
//   schedlab explore build/.../examples/libexample_counter_locked_program.so
#include <schedlab/real_program.hpp>

#include "../counter.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::counter_program(true)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("counter-locked", "five threads decrement a shared counter under a lock", setup)

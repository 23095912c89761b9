// examples/deadlock.hpp as a program for `schedlab explore`: two threads take two locks in opposite orders.
//   schedlab explore build/.../examples/libexample_deadlock_program.so
#include <schedlab/real_program.hpp>

#include "../deadlock.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::two_lock_program(false)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("deadlock", "two threads take two locks in opposite orders", setup)

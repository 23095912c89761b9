// examples/deadlock.hpp as a program for `schedlab explore`: two threads take two locks in the same order.
//   schedlab explore build/.../examples/libexample_deadlock_fixed_program.so
#include <schedlab/real_program.hpp>

#include "../deadlock.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::two_lock_program(true)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("deadlock-fixed", "two threads take two locks in the same order", setup)

// examples/tickets.hpp as a program for `schedlab explore`: customers book seats without a lock.
//   schedlab explore build/.../examples/libexample_tickets_program.so
#include <schedlab/real_program.hpp>

#include "../tickets.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::ticket_program(false)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("tickets", "customers book seats without a lock", setup)

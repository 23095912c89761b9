// examples/tickets.hpp as a program for `schedlab explore`: customers book seats under a lock.
//   schedlab explore build/.../examples/libexample_tickets_locked_program.so
#include <schedlab/real_program.hpp>

#include "../tickets.hpp"

namespace {

void setup(schedlab::real::Runtime& runtime) {
  schedlab::examples::ticket_program(true)(runtime);
}

}  // namespace

SCHEDLAB_PROGRAM("tickets-locked", "customers book seats under a lock", setup)

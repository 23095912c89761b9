// Explore ticket booking with and without the booking lock (see tickets.hpp).
#include "example_support.hpp"
#include "tickets.hpp"

int main() {
  using namespace schedlab::examples;
  bool ok = true;
  ok &= explore_and_report("tickets, no lock", "random", ticket_program(false), true);
  ok &= explore_and_report("tickets, locked", "random", ticket_program(true), false, 100);
  return ok ? 0 : 1;
}

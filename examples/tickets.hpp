// Ticket booking: customers check that a seat is left, pay (CPU work), then take it.
// Unlocked, two customers can both see the last seat and the show is overbooked; the
// check-then-act under a lock cannot.
#pragma once

#include <memory>
#include <string>

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline real::Program ticket_program(bool locked, int seats = 3, int customers = 5) {
  return [=](real::Runtime& rt) {
    struct Show {
      int seats_left;
      int sold = 0;
    };
    auto show = std::make_shared<Show>(Show{seats, 0});
    const ObjectId booking = rt.kernel().create_lock("booking");
    for (int i = 1; i <= customers; ++i)
      rt.spawn_thread("customer" + std::to_string(i), [=](real::Sys& sys) {
        sys.compute(1);  // browse
        if (locked) sys.lock(booking);
        if (show->seats_left > 0) {
          sys.compute(2);  // pay
          --show->seats_left;
          ++show->sold;
        }
        if (locked) sys.unlock(booking);
      });
    rt.check_at_end([=](const RunResult&) {
      return show->sold <= seats ? std::string()
                                 : "overbooked: " + std::to_string(show->sold) + " tickets sold for " +
                                       std::to_string(seats) + " seats";
    });
  };
}

}  // namespace schedlab::examples

// Two locks taken in opposite orders by two threads: a deadlock in some schedules only
// (when each gets its first lock before the other's second). Taking them in one global
// order removes it. Exploration reports the deadlock with the wait-for cycle.
#pragma once

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline real::Program two_lock_program(bool same_order) {
  return [=](real::Runtime& rt) {
    const ObjectId a = rt.kernel().create_lock("A");
    const ObjectId b = rt.kernel().create_lock("B");
    auto transfer = [](ObjectId first, ObjectId second) {
      return [=](real::Sys& sys) {
        sys.lock(first);
        sys.compute(2);
        sys.lock(second);
        sys.compute(1);
        sys.unlock(second);
        sys.unlock(first);
      };
    };
    rt.spawn_thread("alice", transfer(a, b));
    rt.spawn_thread("bob", same_order ? transfer(a, b) : transfer(b, a));
  };
}

}  // namespace schedlab::examples

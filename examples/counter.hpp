// The shared counter: five threads each decrement a plain int once. Without the lock,
// a thread preempted between its load and its store loses another's update; with it,
// never. Exploration finds the lost update, and its seed replays it.
#pragma once

#include <memory>
#include <string>

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline real::Program counter_program(bool locked, int threads = 5) {
  return [=](real::Runtime& rt) {
    auto counter = std::make_shared<int>(threads);  // shared by this run's tasks only
    const ObjectId mutex = rt.kernel().create_lock("counter_lock");
    for (int i = 1; i <= threads; ++i)
      rt.spawn_thread("worker" + std::to_string(i), [=](real::Sys& sys) {
        if (locked) sys.lock(mutex);
        const int seen = *counter;  // load
        sys.compute(2);             // work between load and store: a task may be preempted here
        *counter = seen - 1;        // store
        if (locked) sys.unlock(mutex);
      });
    rt.check_at_end([=](const RunResult&) {
      return *counter == 0 ? std::string()
                           : "lost update: counter is " + std::to_string(*counter) + " after " +
                                 std::to_string(threads) + " decrements of " + std::to_string(threads);
    });
  };
}

}  // namespace schedlab::examples

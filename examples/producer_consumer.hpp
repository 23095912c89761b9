// Producer/consumer over a bounded kernel queue, in a mixed run: the producers are
// std::threads, the consumers coroutines. Each item must be consumed exactly once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline real::Program producer_consumer_program(int producers = 2, int consumers = 2, int items = 10) {
  return [=](real::Runtime& rt) {
    const ObjectId queue = rt.kernel().create_queue("jobs", 2);  // capacity 2: producers block
    auto seen = std::make_shared<std::vector<int>>(static_cast<std::size_t>(producers * items), 0);
    auto producers_left = std::make_shared<int>(producers);
    for (int p = 0; p < producers; ++p)
      rt.spawn_thread("producer" + std::to_string(p + 1), [=](real::Sys& sys) {
        for (int i = 0; i < items; ++i) {
          sys.compute(1);  // make the item
          sys.put(queue, p * items + i);
        }
        if (--*producers_left == 0)  // the last producer tells every consumer to stop
          for (int c = 0; c < consumers; ++c) sys.put(queue, -1);
      });
    for (int c = 0; c < consumers; ++c)
      rt.spawn_coroutine("consumer" + std::to_string(c + 1), [=](real::AsyncSys& sys) -> real::CoTask {
        for (;;) {
          const real::Result got = co_await sys.get(queue);
          if (got.value < 0) break;
          ++(*seen)[static_cast<std::size_t>(got.value)];
          co_await sys.compute(2);  // use it
        }
      });
    rt.check_at_end([=](const RunResult&) {
      for (std::size_t i = 0; i < seen->size(); ++i)
        if ((*seen)[i] != 1)
          return "item " + std::to_string(i) + " consumed " + std::to_string((*seen)[i]) + " times";
      return std::string();
    });
  };
}

}  // namespace schedlab::examples

// An echo "server" of coroutines: a listener coroutine takes each client's request from
// a kernel queue and starts a handler coroutine (a thread of the server process) that
// waits for the request's bytes (io), echoes them (1 tick of CPU) and waits for the reply
// to be written (io) — the await_io pattern. The clients are coroutines too. No OS thread
// is created; while handlers wait for I/O others run, so 100 clients take about 100
// ticks of CPU plus one round of I/O, not 100 times the I/O.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline constexpr Ticks kEchoIo = 5;  // ticks to read a request, and to write a reply

inline real::Program echo_server_program(int clients = 100) {
  return [=](real::Runtime& rt) {
    struct Wire {
      std::vector<std::int64_t> sent, echoed;
    };
    auto wire = std::make_shared<Wire>();
    wire->sent.assign(static_cast<std::size_t>(clients), 0);
    wire->echoed.assign(static_cast<std::size_t>(clients), -1);
    const ObjectId requests = rt.kernel().create_queue("requests");
    std::vector<ObjectId> replied;
    for (int i = 0; i < clients; ++i) replied.push_back(rt.kernel().create_event("replied" + std::to_string(i)));

    rt.spawn_coroutine("server", [=](real::AsyncSys& sys) -> real::CoTask {
      for (int served = 0; served < clients; ++served) {
        const std::int64_t client = (co_await sys.get(requests)).value;
        // The handler's body is a named local, not a lambda written inside the co_await:
        // GCC 12 destroys such lambda temporaries twice (docs/real-tasks.md).
        const real::CoroutineBody handler = [=](real::AsyncSys& h) -> real::CoTask {
          co_await h.io(kEchoIo);  // await the request's bytes
          co_await h.compute(1);   // echo them
          co_await h.io(kEchoIo);  // await the reply being written
          const auto c = static_cast<std::size_t>(client);
          wire->echoed[c] = wire->sent[c];
          co_await h.event_set(replied[c]);
        };
        co_await sys.spawn_thread("handler" + std::to_string(client), handler);
      }
    });
    for (int i = 0; i < clients; ++i)
      rt.spawn_coroutine("client" + std::to_string(i), [=](real::AsyncSys& sys) -> real::CoTask {
        const auto c = static_cast<std::size_t>(i);
        wire->sent[c] = 1000 + i;
        co_await sys.put(requests, i);
        co_await sys.event_wait(replied[c]);
        real::require(wire->echoed[c] == wire->sent[c], "client " + std::to_string(i) + " got a wrong echo");
      }, real::TaskOptions{static_cast<Ticks>(i % 10), 0, 100, 0});
    rt.check_at_end([=](const RunResult& r) {
      for (int i = 0; i < clients; ++i)
        if (wire->echoed[static_cast<std::size_t>(i)] != 1000 + i) return "client " + std::to_string(i) + " not served";
      // Concurrency: the I/O waits overlap instead of adding up.
      if (r.makespan > clients + 10 + 4 * kEchoIo) return "no overlap: makespan " + std::to_string(r.makespan);
      return std::string();
    });
  };
}

}  // namespace schedlab::examples

// The echo server as ONE thread: 100 client sessions are coroutines of a single group
// (Runtime::spawn_coroutine_group), gevent style. Each session waits for its client's
// request (I/O), echoes it (1 tick of CPU) and waits for the reply to be written (I/O).
//
// With await_io the group's hub runs another session while one waits: the I/O overlaps
// and 100 sessions take 5 + 100 + 5 = 110 ticks (every read ends at 5; the echoes run
// back to back; the last reply is written 5 ticks after the last echo). With a plain,
// blocking io each wait blocks the whole thread and every session in it: 100 x 11 =
// 1100 ticks. The same lesson as workloads/course/coroutines-gevent.yaml and
// coroutines-blocking-io.yaml, with real code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <schedlab/explore.hpp>

namespace schedlab::examples {

inline constexpr Ticks kSessionIo = 5;  // ticks to read a request, and to write a reply

inline Ticks echo_group_makespan(int sessions, bool await_io) {
  return await_io ? kSessionIo + sessions + kSessionIo : sessions * (kSessionIo + 1 + kSessionIo);
}

inline real::Program echo_group_program(int sessions = 100, bool await_io = true) {
  return [=](real::Runtime& rt) {
    struct Wire {
      std::vector<std::int64_t> sent, echoed;
    };
    auto wire = std::make_shared<Wire>();
    wire->sent.assign(static_cast<std::size_t>(sessions), 0);
    wire->echoed.assign(static_cast<std::size_t>(sessions), -1);
    std::vector<real::GroupMember> members;
    for (int i = 0; i < sessions; ++i)
      members.push_back({"session" + std::to_string(i), [=](real::AsyncSys& sys) -> real::CoTask {
                           const auto c = static_cast<std::size_t>(i);
                           wire->sent[c] = 1000 + i;  // the client's request
                           if (await_io)
                             co_await sys.await_io(kSessionIo);  // read it; the others run meanwhile
                           else
                             co_await sys.io(kSessionIo);  // read it; the whole thread waits
                           co_await sys.compute(1);        // echo it
                           wire->echoed[c] = wire->sent[c];
                           if (await_io)
                             co_await sys.await_io(kSessionIo);  // write the reply
                           else
                             co_await sys.io(kSessionIo);
                         }});
    rt.spawn_coroutine_group("server", std::move(members));
    rt.check_at_end([=](const RunResult& r) {
      for (int i = 0; i < sessions; ++i)
        if (wire->echoed[static_cast<std::size_t>(i)] != 1000 + i) return "session " + std::to_string(i) + " not served";
      if (r.makespan != echo_group_makespan(sessions, await_io))
        return "makespan " + std::to_string(r.makespan) + ", expected " + std::to_string(echo_group_makespan(sessions, await_io));
      return std::string();
    });
  };
}

}  // namespace schedlab::examples

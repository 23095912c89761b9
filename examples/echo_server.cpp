// The coroutine echo server with 100 clients (see echo_server.hpp), under a few policies.
#include "echo_server.hpp"
#include "example_support.hpp"

int main() {
  using namespace schedlab;
  using namespace schedlab::examples;
  bool ok = true;
  for (const char* policy : {"fcfs", "rr:quantum=1", "random"}) {
    const real::Outcome out = real::replay(registry().resolve(policy), echo_server_program(100), 1);
    std::printf("echo server, 100 clients, %-13s makespan %lld ticks, %zu tasks: %s\n", policy,
                static_cast<long long>(out.result.makespan), out.trace.tasks.size(),
                out.failed() ? out.failure.c_str() : "every client got its echo");
    ok &= !out.failed();
  }
  return ok ? 0 : 1;
}

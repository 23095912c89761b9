// The echo server as one thread of 100 coroutines (see echo_group.hpp): await_io
// overlaps the sessions' I/O, a blocking io serialises them.
#include "echo_group.hpp"
#include "example_support.hpp"

int main() {
  using namespace schedlab;
  using namespace schedlab::examples;
  bool ok = true;
  for (const bool await_io : {true, false}) {
    const real::Outcome out = real::replay(registry().resolve("fcfs"), echo_group_program(100, await_io), 1);
    std::printf("echo server, 100 sessions in one thread, %-9s makespan %lld ticks, %zu task: %s\n",
                await_io ? "await_io:" : "io:", static_cast<long long>(out.result.makespan), out.trace.tasks.size(),
                out.failed() ? out.failure.c_str() : "every session echoed");
    ok &= !out.failed();
  }
  return ok ? 0 : 1;
}

// Cost per task switch of real tasks, against the bare primitive each backend is built on,
// measured in the same run; and the cost of exploring schedules.
//
//   build/release/bench/real_tasks_bench --benchmark_counters_tabular=true
//
// A "switch" is one round trip kernel -> task -> kernel (the task runs until its next
// call): for threads two semaphore hand-overs, for coroutines one resume and one suspend.
//   BM_Bare*            the primitive alone: binary_semaphore ping-pong between two threads,
//                       resume of a coroutine that suspends at once
//   BM_*Backend         the backend's next() in a loop (the gate itself, no scheduling)
//   BM_*ThroughKernel   two tasks yielding to each other under fcfs: the whole kernel path
//                       (policy enqueue/pick, state transitions, accounting) per switch
//   BM_CoroutineGroupPass  two coroutines of one group passing the thread to each other
//   BM_Explore*         1000 schedules of the counter example (examples/counter.hpp)
#include <benchmark/benchmark.h>

#include <coroutine>
#include <semaphore>
#include <thread>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>

#include "../examples/counter.hpp"

namespace {

using namespace schedlab;

const PolicyRegistry& registry() { return builtin_registry(); }

void BM_BareSemaphorePingPong(benchmark::State& state) {
  std::binary_semaphore to_partner{0}, to_main{0};
  bool stop = false;  // ordered by the semaphores
  std::thread partner([&] {
    for (;;) {
      to_partner.acquire();
      if (stop) return;
      to_main.release();
    }
  });
  for (auto _ : state) {
    to_partner.release();
    to_main.acquire();
  }
  stop = true;
  to_partner.release();
  partner.join();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BareSemaphorePingPong)->UseRealTime();

void BM_ThreadBackend(benchmark::State& state) {
  real::ThreadBackend backend(std::chrono::milliseconds(state.range(0)));
  backend.adopt(0, backend.add("yielder", [](real::Sys& sys) {
    for (;;) sys.yield();
  }));
  const SyscallResult ok;
  backend.next(0, ok);  // start the thread outside the timing
  for (auto _ : state) benchmark::DoNotOptimize(backend.next(0, ok));
  state.SetItemsProcessed(state.iterations());
}
// 5000: the watchdog on (timed waits, the default); 0: plain waits.
BENCHMARK(BM_ThreadBackend)->Arg(5000)->Arg(0)->UseRealTime();

void BM_ThreadThroughKernel(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    real::RuntimeOptions options;
    options.trace = false;
    real::Runtime rt(registry().resolve("fcfs"), options);
    for (int t = 0; t < 2; ++t)
      rt.spawn_thread("t", [n](real::Sys& sys) {
        for (int i = 0; i < n; ++i) sys.yield();
      });
    benchmark::DoNotOptimize(rt.run());
  }
  state.SetItemsProcessed(state.iterations() * 2 * state.range(0));
}
BENCHMARK(BM_ThreadThroughKernel)->Arg(20000)->UseRealTime()->Unit(benchmark::kMillisecond);

struct Loop {  // a coroutine that suspends forever, for the bare resume
  struct promise_type {
    Loop get_return_object() { return Loop{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> h;
};

Loop suspend_forever(std::uint64_t& count) {
  for (;;) {
    ++count;
    co_await std::suspend_always{};
  }
}

void BM_BareCoroutineResume(benchmark::State& state) {
  std::uint64_t count = 0;
  Loop loop = suspend_forever(count);
  for (auto _ : state) {
    loop.h.resume();
    benchmark::DoNotOptimize(count);
  }
  loop.h.destroy();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BareCoroutineResume);

void BM_CoroutineBackend(benchmark::State& state) {
  real::CoroutineBackend backend;
  backend.adopt(0, backend.add("yielder", [](real::AsyncSys& sys) -> real::CoTask {
    for (;;) co_await sys.yield();
  }));
  const SyscallResult ok;
  backend.next(0, ok);
  for (auto _ : state) benchmark::DoNotOptimize(backend.next(0, ok));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CoroutineBackend);

void BM_CoroutineThroughKernel(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    real::RuntimeOptions options;
    options.trace = false;
    real::Runtime rt(registry().resolve("fcfs"), options);
    for (int t = 0; t < 2; ++t)
      rt.spawn_coroutine("c", [n](real::AsyncSys& sys) -> real::CoTask {
        for (int i = 0; i < n; ++i) co_await sys.yield();
      });
    benchmark::DoNotOptimize(rt.run());
  }
  state.SetItemsProcessed(state.iterations() * 2 * state.range(0));
}
BENCHMARK(BM_CoroutineThroughKernel)->Arg(200000)->Unit(benchmark::kMillisecond);

// Two coroutines of one group (one kernel task) passing the thread to each other: the
// hub's switch, which the kernel only sees as a zero-time note.
void BM_CoroutineGroupPass(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    real::RuntimeOptions options;
    options.trace = false;
    real::Runtime rt(registry().resolve("fcfs"), options);
    auto passer = [n](real::AsyncSys& sys) -> real::CoTask {
      for (int i = 0; i < n; ++i) co_await sys.pass();
    };
    rt.spawn_coroutine_group("g", {{"a", passer}, {"b", passer}});
    benchmark::DoNotOptimize(rt.run());
  }
  state.SetItemsProcessed(state.iterations() * 2 * state.range(0));
}
BENCHMARK(BM_CoroutineGroupPass)->Arg(200000)->Unit(benchmark::kMillisecond);

// 1000 schedules of the locked counter (no schedule fails, so all 1000 run), and of the
// unlocked one with the search continuing past failures is not offered: explore stops at
// the first bug, which is the point.
void BM_ExploreCounter1000(benchmark::State& state, const std::string& strategy) {
  real::ExploreOptions options;
  options.schedules = 1000;
  for (auto _ : state) {
    const real::ExploreReport report = real::explore(registry().resolve(strategy), examples::counter_program(true), options);
    if (report.found() || report.schedules_run != 1000) state.SkipWithError("unexpected failure");
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK_CAPTURE(BM_ExploreCounter1000, random, std::string("random"))->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExploreCounter1000, pct, std::string("pct:depth=3"))->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

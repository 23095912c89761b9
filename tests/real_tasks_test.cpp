// Real threads and coroutines as tasks (docs/real-tasks.md): the gate, determinism,
// exploration, failures, the watchdog, lifecycle, mixed runs. Suites that start real
// threads are named RealThread* so a TSan job can pick them with `ctest -R RealThread`.
#include <gtest/gtest.h>

#include <atomic>
#include <fmt/format.h>
#include <chrono>
#include <memory>
#include <set>
#include <thread>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

#include "../examples/counter.hpp"
#include "../examples/deadlock.hpp"
#include "../examples/echo_server.hpp"
#include "../examples/producer_consumer.hpp"
#include "../examples/tickets.hpp"
#include "real_worker_pool.hpp"

namespace schedlab {
namespace {

PolicyConfig policy(const std::string& spec) { return builtin_registry().resolve(spec); }

real::RuntimeOptions checked(CpuId cpus = 1, std::uint64_t seed = 1) {
  real::RuntimeOptions o;
  o.cpus = cpus;
  o.seed = seed;
  o.check_invariants = true;
  return o;
}

const ProcessMetrics& process_named(const RunResult& r, const std::string& name) {
  for (const ProcessMetrics& p : r.processes)
    if (p.name == name) return p;
  throw std::runtime_error("no process " + name);
}

// ---------------------------------------------------------------------------------------
// The gate: one task at a time, whatever the policy and the number of virtual CPUs.

TEST(RealThreadGate, OneAtATime) {
  auto running = std::make_shared<std::atomic<int>>(0);
  auto most = std::make_shared<std::atomic<int>>(0);
  auto steps = std::make_shared<std::atomic<int>>(0);
  auto enter = [=] {
    const int now = ++*running;
    int seen = most->load();
    while (now > seen && !most->compare_exchange_weak(seen, now)) {
    }
    // Widen any overlap. Not thousands of yields: on a loaded machine each can give the
    // CPU away for a whole time slice, and the test then takes minutes.
    for (int spin = 0; spin < 100; ++spin) std::this_thread::yield();
    ++*steps;
    --*running;
  };
  real::Runtime rt(policy("rr:quantum=1"), checked(/*cpus=*/2));
  for (int i = 0; i < 6; ++i)
    rt.spawn_thread(fmt::format("t{}", i), [=](real::Sys& sys) {
      for (int k = 0; k < 5; ++k) {
        enter();
        sys.compute(1 + k % 2);
      }
    });
  for (int i = 0; i < 2; ++i)
    rt.spawn_coroutine("c" + std::to_string(i), [=](real::AsyncSys& sys) -> real::CoTask {
      for (int k = 0; k < 5; ++k) {
        enter();
        co_await sys.compute(2);
      }
    });
  const real::Outcome out = rt.run();
  EXPECT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(out.result.status, RunStatus::Completed);
  EXPECT_EQ(steps->load(), 8 * 5);
  EXPECT_EQ(most->load(), 1);  // never two tasks executing at once, even on 2 virtual CPUs
}

TEST(RealThreadGate, VirtualTimeIsTheCallsTime) {
  // Real time spent between calls costs no virtual time; compute/io/sleep do, exactly.
  real::Runtime rt(policy("fcfs"), checked());
  auto times = std::make_shared<std::vector<Ticks>>();
  rt.spawn_thread("p", [=](real::Sys& sys) {
    times->push_back(sys.compute(3).now);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    times->push_back(sys.io(4).now);
    times->push_back(sys.sleep(5).now);
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(*times, (std::vector<Ticks>{3, 7, 12}));
  EXPECT_EQ(process_named(out.result, "p").cpu_time, 3);
  EXPECT_EQ(process_named(out.result, "p").io_time, 4);
}

// ---------------------------------------------------------------------------------------
// Determinism and replay.

TEST(RealThreadReplay, SameSeedSameTraceAndResult) {
  const real::Program program = examples::counter_program(false);
  std::set<std::string> distinct;
  for (std::uint64_t seed : {3u, 11u, 12u}) {
    const real::Outcome a = real::replay(policy("random"), program, seed, checked(1, seed));
    const real::Outcome b = real::replay(policy("random"), program, seed, checked(1, seed));
    EXPECT_EQ(trace_to_text(a.trace), trace_to_text(b.trace)) << "seed " << seed;
    EXPECT_EQ(a.failure, b.failure) << "seed " << seed;
    EXPECT_EQ(a.result.end_time, b.result.end_time);
    distinct.insert(trace_to_text(a.trace));
  }
  EXPECT_GT(distinct.size(), 1u);  // the seed does choose the schedule
}

TEST(RealThreadReplay, PctSeedReplays) {
  const real::Program program = examples::ticket_program(false);
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    const real::Outcome a = real::replay(policy("pct:depth=3,steps=30"), program, seed, checked(1, seed));
    const real::Outcome b = real::replay(policy("pct:depth=3,steps=30"), program, seed, checked(1, seed));
    EXPECT_EQ(trace_to_text(a.trace), trace_to_text(b.trace)) << "seed " << seed;
    EXPECT_EQ(a.failure, b.failure);
  }
}

// ---------------------------------------------------------------------------------------
// Exploration finds the known bugs, and never reports the correct versions.

TEST(RealThreadExplore, FindsLostUpdateAndItsSeedReplaysIt) {
  real::ExploreOptions options;
  options.schedules = 100;
  const real::ExploreReport report = real::explore(policy("random"), examples::counter_program(false), options);
  ASSERT_TRUE(report.found());
  EXPECT_LE(report.schedules_run, 100u);
  EXPECT_NE(report.failure.find("lost update"), std::string::npos) << report.failure;
  // The replay kept in the report and a fresh replay agree, trace for trace.
  const real::Outcome again = real::replay(policy("random"), examples::counter_program(false), *report.seed);
  EXPECT_EQ(again.failure, report.failure);
  EXPECT_EQ(trace_to_text(again.trace), trace_to_text(report.failing_run.trace));
  EXPECT_FALSE(report.failing_run.trace.slices.empty());
}

TEST(RealThreadExplore, LockedCounterNeverFails) {
  real::ExploreOptions options;
  options.schedules = 40;
  for (const char* strategy : {"random", "pct:depth=3"}) {
    const real::ExploreReport report = real::explore(policy(strategy), examples::counter_program(true), options);
    EXPECT_FALSE(report.found()) << strategy << ": " << report.failure;
    EXPECT_EQ(report.schedules_run, 40u);
  }
}

TEST(RealThreadExplore, PctFindsLostUpdate) {
  real::ExploreOptions options;
  options.schedules = 100;
  const real::ExploreReport report = real::explore(policy("pct:depth=2,steps=20"), examples::counter_program(false), options);
  ASSERT_TRUE(report.found());
  EXPECT_NE(report.failure.find("lost update"), std::string::npos);
}

TEST(RealThreadExplore, FindsOverbookingNotWithTheLock) {
  real::ExploreOptions options;
  options.schedules = 100;
  const real::ExploreReport bad = real::explore(policy("random"), examples::ticket_program(false), options);
  ASSERT_TRUE(bad.found());
  EXPECT_NE(bad.failure.find("overbooked"), std::string::npos) << bad.failure;
  options.schedules = 30;
  const real::ExploreReport good = real::explore(policy("random"), examples::ticket_program(true), options);
  EXPECT_FALSE(good.found()) << good.failure;
}

TEST(RealThreadExplore, FindsTwoLockDeadlockNotWithOneOrder) {
  real::ExploreOptions options;
  options.schedules = 100;
  for (const char* strategy : {"random", "pct:depth=2,steps=10"}) {
    const real::ExploreReport bad = real::explore(policy(strategy), examples::two_lock_program(false), options);
    ASSERT_TRUE(bad.found()) << strategy;
    EXPECT_EQ(bad.failing_run.result.status, RunStatus::Deadlock);
    EXPECT_NE(bad.failure.find("deadlock"), std::string::npos) << bad.failure;
    ASSERT_TRUE(bad.failing_run.result.deadlock.has_value());
    EXPECT_EQ(bad.failing_run.result.deadlock->cycle.size(), 2u);  // alice <-> bob
    real::ExploreOptions fewer = options;
    fewer.schedules = 30;
    const real::ExploreReport good = real::explore(policy(strategy), examples::two_lock_program(true), fewer);
    EXPECT_FALSE(good.found()) << strategy << ": " << good.failure;
  }
}

TEST(RealThreadExplore, ProducerConsumerMixedRunHoldsUnderExploration) {
  real::ExploreOptions options;
  options.schedules = 10;
  const real::ExploreReport report = real::explore(policy("random"), examples::producer_consumer_program(), options);
  EXPECT_FALSE(report.found()) << report.failure;
}

// ---------------------------------------------------------------------------------------
// Failures: exceptions, failed requirements, the watchdog.

TEST(RealThreadErrors, ExceptionIsAnErrorExitOfItsProcessOnly) {
  real::Runtime rt(policy("rr:quantum=1"), checked());
  auto others_done = std::make_shared<int>(0);
  rt.spawn_thread("thrower", [](real::Sys& sys) {
    sys.compute(2);
    throw std::runtime_error("boom");
  });
  for (int i = 0; i < 2; ++i)
    rt.spawn_thread("bystander" + std::to_string(i), [=](real::Sys& sys) {
      sys.compute(4);
      ++*others_done;
    });
  const real::Outcome out = rt.run();
  EXPECT_EQ(out.result.status, RunStatus::Completed);
  EXPECT_EQ(*others_done, 2);
  const ProcessMetrics& p = process_named(out.result, "thrower");
  EXPECT_EQ(p.exit_reason, ExitReason::Error);
  EXPECT_EQ(p.exit_code, 1);
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_EQ(out.failures[0].message, "exception: boom");
  EXPECT_EQ(out.failure, "task 'thrower' (task 0): exception: boom");
}

TEST(RealThreadErrors, FailedRequireInAThreadOfAProcessEndsTheProcess) {
  real::Runtime rt(policy("fcfs"), checked());
  auto after = std::make_shared<bool>(false);
  rt.spawn_thread("main", [=](real::Sys& sys) {
    const real::Result child = sys.spawn_thread("checker", [](real::Sys& s) {
      s.compute(1);
      real::require(1 + 1 == 3, "arithmetic");
    });
    sys.join(static_cast<TaskId>(child.value));
    *after = true;  // never: the failure ends the whole process, main included
  });
  const real::Outcome out = rt.run();
  EXPECT_FALSE(*after);
  EXPECT_EQ(process_named(out.result, "main").exit_reason, ExitReason::Error);
  EXPECT_NE(out.failure.find("assertion failed: arithmetic"), std::string::npos) << out.failure;
}

// A kernel fault (a call the task may not make) kills the process with no exception in its
// code: the run still counts as failed, and names the task as the trace does.
TEST(RealThreadErrors, KernelFaultFailsTheRunAndThreadsAreNamedAsInTheTrace) {
  real::Runtime rt(policy("fcfs"), checked());
  const ObjectId lock = rt.kernel().create_lock("L");
  rt.spawn_thread("main", [=](real::Sys& sys) {
    const real::Result child = sys.spawn_thread("t2", [=](real::Sys& s) { s.unlock(lock); });
    sys.join(static_cast<TaskId>(child.value));
  });
  const real::Outcome out = rt.run();
  EXPECT_EQ(process_named(out.result, "main").exit_reason, ExitReason::Fault);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.failure, "task 'main/t2' (task 1) faulted: unlock of lock L which is not locked");

  real::Runtime again(policy("fcfs"), checked());
  again.spawn_thread("main", [=](real::Sys& sys) {
    const real::Result child = sys.spawn_thread("t2", [](real::Sys&) { real::require(false, "no"); });
    sys.join(static_cast<TaskId>(child.value));
  });
  EXPECT_EQ(again.run().failure.substr(0, 23), "task 'main/t2' (task 1)");
}

// A join names the thread it waits for; only a lock has a holder.
TEST(RealThreadErrors, JoinDeadlockSaysWhoWaitsForWhom) {
  real::Runtime rt(policy("fcfs"), checked());
  const ObjectId lock = rt.kernel().create_lock("L");
  rt.spawn_thread("main", [=](real::Sys& sys) {
    sys.lock(lock);
    const real::Result child = sys.spawn_thread("t2", [=](real::Sys& s) { s.lock(lock); });
    sys.join(static_cast<TaskId>(child.value));
  });
  EXPECT_EQ(rt.run().failure, "deadlock: cycle: main waits for thread main/t2; main/t2 waits for lock L held by main");
}

// A spin on yield keeps calling the kernel, so the watchdog never fires; under PCT the
// spinner may outrank the task it waits for forever. The step limit ends such a run as a
// livelock, and the seed replays it.
TEST(RealThreadErrors, SpinOnYieldUnderPctIsALivelockNotAHang) {
  const real::Program spin = [](real::Runtime& rt) {
    auto flag = std::make_shared<bool>(false);
    rt.spawn_thread("spinner", [=](real::Sys& sys) {
      while (!*flag) sys.yield();
    });
    rt.spawn_thread("setter", [=](real::Sys& sys) {
      sys.compute(1);
      *flag = true;
    });
  };
  real::ExploreOptions options;
  options.schedules = 50;
  options.runtime.max_steps = 5000;
  const real::ExploreReport report = real::explore(policy("pct:depth=1"), spin, options);
  ASSERT_TRUE(report.found());
  EXPECT_TRUE(report.failing_run.livelock);
  EXPECT_EQ(report.failure,
            "livelock: the run had not ended after 5000 kernel events (a task spinning or polling without progress?)");
  real::RuntimeOptions again = options.runtime;
  EXPECT_EQ(real::replay(policy("pct:depth=1"), spin, *report.seed, again).failure, report.failure);
  // Under fcfs a yield goes to the back of the queue: the setter runs and the spin ends.
  EXPECT_EQ(real::replay(policy("fcfs"), spin, 1, again).failure, "");
}

TEST(RealThreadErrors, WatchdogReportsATaskThatNeverCallsBack) {
  real::RuntimeOptions options = checked();
  options.watchdog = std::chrono::milliseconds(50);
  auto let_go = std::make_shared<std::atomic<bool>>(false);
  auto unwound = std::make_shared<std::atomic<bool>>(false);
  const auto start = std::chrono::steady_clock::now();
  {
    real::Runtime rt(policy("fcfs"), options);
    rt.spawn_thread("spinner", [=](real::Sys& sys) {
      sys.compute(1);
      while (!let_go->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // "stuck"
      try {
        sys.compute(1);  // the kernel has given up: this call unwinds the thread
      } catch (...) {
        *unwound = true;
        throw;
      }
    });
    rt.spawn_thread("other", [](real::Sys& sys) { sys.compute(5); });
    const real::Outcome out = rt.run();
    EXPECT_TRUE(out.watchdog_fired);
    EXPECT_NE(out.failure.find("watchdog: task 'spinner'"), std::string::npos) << out.failure;
    EXPECT_NE(out.failure.find("50 ms"), std::string::npos) << out.failure;
  }  // the Runtime is gone; the stuck thread was detached, holding only its own slot
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  let_go->store(true);
  for (int i = 0; i < 2000 && !unwound->load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_TRUE(unwound->load());
}

// ---------------------------------------------------------------------------------------
// Lifecycle: spawn, join, wait, kill, and unwinding what is left at the end.

struct Counted {  // counts destructions: proves a parked task's stack was unwound
  std::shared_ptr<int> count;
  ~Counted() { ++*count; }
};

TEST(RealThreadLifecycle, SpawnJoinAndWaitAnswerExitCodes) {
  real::Runtime rt(policy("rr:quantum=2"), checked());
  auto codes = std::make_shared<std::vector<std::int64_t>>();
  rt.spawn_thread("parent", [=](real::Sys& sys) {
    const real::Result t = sys.spawn_thread("worker", [](real::Sys& s) {
      s.compute(3);
      s.end_thread(7);
    });
    const real::Result p = sys.spawn_process("child", [](real::Sys& s) {
      s.compute(2);
      s.exit(42);
    });
    codes->push_back(sys.join(static_cast<TaskId>(t.value)).value);
    codes->push_back(sys.wait(static_cast<Pid>(p.value)).value);
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(*codes, (std::vector<std::int64_t>{7, 42}));
  EXPECT_EQ(process_named(out.result, "child").exit_code, 42);
}

TEST(RealThreadLifecycle, KilledAndDeadlockedTasksAreUnwoundAndJoined) {
  auto destroyed = std::make_shared<int>(0);
  {
    real::Runtime rt(policy("fcfs"), checked());
    const ObjectId never = rt.kernel().create_semaphore("never", 0);
    const TaskId victim = rt.spawn_thread("victim", [=](real::Sys& sys) {
      Counted guard{destroyed};
      sys.acquire(never);  // parked here until killed
    });
    rt.spawn_thread("stuck", [=](real::Sys& sys) {
      Counted guard{destroyed};
      sys.compute(1);
      sys.acquire(never);  // parked here when the run ends
    });
    rt.spawn_thread("killer", [=](real::Sys& sys) {
      sys.compute(2);
      sys.kill(2 + static_cast<Pid>(victim));  // pids 2, 3, 4 in spawn order
    });
    const real::Outcome out = rt.run();
    EXPECT_EQ(process_named(out.result, "victim").exit_reason, ExitReason::Killed);
    EXPECT_EQ(out.result.status, RunStatus::Deadlock);  // "stuck" waits forever
    EXPECT_EQ(*destroyed, 2);  // both stacks unwound by the end of run()
  }
  EXPECT_EQ(*destroyed, 2);
}

TEST(RealThreadPool, RunsReuseTheirWorkerThreads) {
  // Exploration's cost: every schedule used to create (and join) one OS thread per task,
  // 5 x 50 = 250 here. The pool grows only when no worker is parked: at most the 5 tasks
  // alive at once, plus workers of tasks that just ended and are not parked again yet.
  const std::size_t before = real::detail::workers_created();
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const real::Outcome out = real::replay(policy("random"), examples::counter_program(true), seed, checked());
    ASSERT_FALSE(out.failed()) << out.failure;
  }
  EXPECT_LE(real::detail::workers_created() - before, 10u);
}

// ---------------------------------------------------------------------------------------
// Coroutines (no OS thread) and mixed runs.

TEST(RealCoroutine, EchoServerServesOneHundredClientsWithoutThreads) {
  real::Runtime rt(policy("rr:quantum=1"), checked());
  examples::echo_server_program(100)(rt);
  const real::Outcome out = rt.run();
  EXPECT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(out.result.status, RunStatus::Completed);
  EXPECT_EQ(out.trace.tasks.size(), 1u + 100u + 100u);  // server, clients, handlers
}

TEST(RealCoroutine, HelpersNestAndTheirExceptionsReachTheBody) {
  real::Runtime rt(policy("fcfs"), checked());
  auto log = std::make_shared<std::vector<std::string>>();
  rt.spawn_coroutine("nested", [=](real::AsyncSys& sys) -> real::CoTask {
    auto step = [&](int n) -> real::CoTask {
      co_await sys.compute(n);
      log->push_back("step " + std::to_string(n));
    };
    co_await step(1);
    co_await step(2);
    auto failing = [&]() -> real::CoTask {
      co_await sys.compute(1);
      throw std::logic_error("inner");
    };
    try {
      co_await failing();
    } catch (const std::logic_error& e) {
      log->push_back(std::string("caught ") + e.what());
    }
    co_await sys.print("done");
    throw std::runtime_error("outer");
  });
  const real::Outcome out = rt.run();
  EXPECT_EQ(*log, (std::vector<std::string>{"step 1", "step 2", "caught inner"}));
  EXPECT_EQ(out.result.output.size(), 1u);
  EXPECT_EQ(out.failure, "task 'nested' (task 0): exception: outer");
  EXPECT_EQ(out.result.end_time, 4);
}

TEST(RealThreadMixed, ScriptedThreadAndCoroutineTasksShareOneKernelAndTrace) {
  const Workload workload = load_workload_string(R"(
processes:
  - name: scripted
    program:
      - cpu: 3
      - io: 2
      - cpu: 1
)");
  real::Runtime rt(policy("rr:quantum=1"), checked());
  rt.load(workload);
  const ObjectId q = rt.kernel().create_queue("handoff", 1);
  rt.spawn_thread("thread", [=](real::Sys& sys) {
    sys.compute(2);
    sys.put(q, 99);
  });
  auto got = std::make_shared<std::int64_t>(0);
  rt.spawn_coroutine("coroutine", [=](real::AsyncSys& sys) -> real::CoTask {
    *got = (co_await sys.get(q)).value;
    co_await sys.compute(1);
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(*got, 99);
  ASSERT_EQ(out.trace.tasks.size(), 3u);
  std::set<std::string> ran;
  for (const SliceRecord& s : out.trace.slices) ran.insert(out.trace.tasks[s.task].name);
  EXPECT_EQ(ran, (std::set<std::string>{"scripted", "thread", "coroutine"}));
  EXPECT_EQ(process_named(out.result, "scripted").cpu_time, 4);
}

TEST(RealCoroutine, RandomAndPctArePoliciesLikeAnyOther) {
  // Both draw from the run's seed and give a 1-tick quantum by default.
  for (const char* spec : {"random", "pct"}) {
    const PolicyConfig p = policy(spec);
    EXPECT_NE(p.canonical.find("quantum=1"), std::string::npos) << p.canonical;
  }
  const real::Outcome a = real::replay(policy("random"), examples::echo_server_program(20), 5, checked(2, 5));
  const real::Outcome b = real::replay(policy("random"), examples::echo_server_program(20), 6, checked(2, 6));
  EXPECT_FALSE(a.failed()) << a.failure;
  EXPECT_FALSE(b.failed()) << b.failure;
  EXPECT_NE(trace_to_text(a.trace), trace_to_text(b.trace));
}

}  // namespace
}  // namespace schedlab

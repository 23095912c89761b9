// Groups of real coroutines sharing one simulated thread (Runtime::spawn_coroutine_group):
// await_io overlaps, a plain io blocks the whole thread, switch_to and pass hand the
// thread over. Each shape is run twice, as real code and as the scripted `coroutines:`
// step it mirrors (docs/workload-format.md), and both must agree tick for tick and note
// for note. No OS thread is involved.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

#include "../examples/echo_group.hpp"

namespace schedlab {
namespace {

PolicyConfig policy(const std::string& spec) { return builtin_registry().resolve(spec); }

real::RuntimeOptions checked() {
  real::RuntimeOptions o;
  o.check_invariants = true;
  return o;
}

// The coroutine notes of a run, "time text" each, in order.
std::vector<std::string> coroutine_notes(const Trace& trace) {
  std::vector<std::string> notes;
  for (const InstantRecord& i : trace.instants)
    if (i.kind == InstantKind::Coroutine) notes.push_back(std::to_string(i.time) + " " + i.text);
  return notes;
}

real::Outcome run_scripted(const std::string& yaml) {
  const Workload workload = load_workload_string(yaml);
  real::Runtime rt(policy("fcfs"), checked());
  rt.load(workload);
  return rt.run();
}

// cpu 1, then wait 10 ticks (await_io or a blocking io), then cpu 1.
real::CoroutineBody fetch(bool await_io) {
  return [await_io](real::AsyncSys& sys) -> real::CoTask {
    co_await sys.compute(1);
    if (await_io)
      co_await sys.await_io(10);
    else
      co_await sys.io(10);
    co_await sys.compute(1);
  };
}

real::Outcome run_crawler(bool await_io) {
  real::Runtime rt(policy("fcfs"), checked());
  std::vector<real::GroupMember> pages;
  for (int i = 1; i <= 4; ++i) pages.push_back({"page" + std::to_string(i), fetch(await_io)});
  rt.spawn_coroutine_group("crawler", std::move(pages));
  return rt.run();
}

std::string crawler_yaml(const char* wait) {
  return std::string("programs:\n  fetch: [{cpu: 1}, {") + wait +
         ": 10}, {cpu: 1}]\n"
         "processes:\n  - name: crawler\n    program:\n      - coroutines:\n"
         "          - {name: page1, program: fetch}\n          - {name: page2, program: fetch}\n"
         "          - {name: page3, program: fetch}\n          - {name: page4, program: fetch}\n";
}

TEST(RealCoroutineGroup, AwaitIoOverlapsLikeTheScriptedGeventCrawler) {
  // 4 x cpu 1 at 0..4, the awaits end at 11..14, the second cpu ticks run 11..15.
  const real::Outcome real = run_crawler(true);
  const real::Outcome scripted = run_scripted(crawler_yaml("await_io"));
  ASSERT_FALSE(real.failed()) << real.failure;
  EXPECT_EQ(real.result.end_time, 15);
  EXPECT_EQ(scripted.result.end_time, 15);
  EXPECT_EQ(real.trace.tasks.size(), 1u);  // one thread for the four coroutines
  EXPECT_EQ(coroutine_notes(real.trace), coroutine_notes(scripted.trace));
  EXPECT_EQ(coroutine_notes(real.trace).front(), "0 4 coroutines start");
  EXPECT_EQ(coroutine_notes(real.trace).back(), "15 coroutines finished");
}

TEST(RealCoroutineGroup, BlockingIoBlocksEveryCoroutineOfTheThread) {
  // Each fetch holds the thread for 1 + 10 + 1 ticks: 4 x 12 = 48.
  const real::Outcome real = run_crawler(false);
  const real::Outcome scripted = run_scripted(crawler_yaml("io"));
  ASSERT_FALSE(real.failed()) << real.failure;
  EXPECT_EQ(real.result.end_time, 48);
  EXPECT_EQ(scripted.result.end_time, 48);
  EXPECT_EQ(coroutine_notes(real.trace), coroutine_notes(scripted.trace));
}

TEST(RealCoroutineGroup, SwitchToHandsTheThreadOverLikeGreenlets) {
  // ping cpu 1 (0-1), switch: pong cpu 2 (1-3), switch: ping cpu 1 (3-4), switch: pong
  // cpu 2 (4-6) and ends; ping, next in the ready list, ends at once. End time 6.
  real::Runtime rt(policy("fcfs"), checked());
  auto order = std::make_shared<std::string>();
  rt.spawn_coroutine_group(
      "greenlets",
      {{"ping",
        [=](real::AsyncSys& sys) -> real::CoTask {
          *order += "a";
          co_await sys.compute(1);
          co_await sys.switch_to("pong");
          *order += "c";
          co_await sys.compute(1);
          co_await sys.switch_to("pong");
          *order += "e";
        }},
       {"pong", [=](real::AsyncSys& sys) -> real::CoTask {
          *order += "b";
          co_await sys.compute(2);
          co_await sys.switch_to("ping");
          *order += "d";
          co_await sys.compute(2);
        }}});
  const real::Outcome real = rt.run();
  const real::Outcome scripted = run_scripted(R"(
processes:
  - name: greenlets
    program:
      - coroutines:
          - {name: ping, program: [{cpu: 1}, {switch: pong}, {cpu: 1}, {switch: pong}]}
          - {name: pong, program: [{cpu: 2}, {switch: ping}, {cpu: 2}]}
)");
  ASSERT_FALSE(real.failed()) << real.failure;
  EXPECT_EQ(*order, "abcde");
  EXPECT_EQ(real.result.end_time, 6);
  EXPECT_EQ(scripted.result.end_time, 6);
  EXPECT_EQ(coroutine_notes(real.trace), coroutine_notes(scripted.trace));
}

TEST(RealCoroutineGroup, IgnoredSwitchAndPassAreNotedAndTheCallerGoesOn) {
  real::Runtime rt(policy("fcfs"), checked());
  auto order = std::make_shared<std::string>();
  rt.spawn_coroutine_group(
      "g", {{"a",
             [=](real::AsyncSys& sys) -> real::CoTask {
               co_await sys.switch_to("nobody");  // ignored: a goes on
               co_await sys.switch_to("a");       // ignored: already running
               *order += "a1";
               co_await sys.pass();  // b runs, a waits its turn
               *order += "a2";
               co_await sys.compute(1);
             }},
            {"b", [=](real::AsyncSys& sys) -> real::CoTask {
               *order += "b1";
               co_await sys.compute(2);
             }}});
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(*order, "a1b1a2");
  EXPECT_EQ(out.result.end_time, 3);
  EXPECT_EQ(coroutine_notes(out.trace),
            (std::vector<std::string>{"0 2 coroutines start", "0 coroutine a runs",
                                      "0 switch to nobody ignored: it is not in the group",
                                      "0 switch to a ignored: it is already running", "0 coroutine b runs",
                                      "2 coroutine a runs", "3 coroutines finished"}));
}

TEST(RealCoroutineGroup, EchoServerOfOneThreadOverlapsWithAwaitIoAndSerialisesWithIo) {
  const real::Outcome overlapped = real::replay(policy("fcfs"), examples::echo_group_program(100, true), 1);
  const real::Outcome serial = real::replay(policy("fcfs"), examples::echo_group_program(100, false), 1);
  ASSERT_FALSE(overlapped.failed()) << overlapped.failure;
  ASSERT_FALSE(serial.failed()) << serial.failure;
  EXPECT_EQ(overlapped.result.end_time, 110);  // 5 (reads) + 100 x 1 (echoes) + 5 (last write)
  EXPECT_EQ(serial.result.end_time, 1100);     // 100 x (5 + 1 + 5)
  EXPECT_EQ(overlapped.trace.tasks.size(), 1u);
  EXPECT_EQ(overlapped.result.processes.size(), 1u);
}

TEST(RealCoroutineGroup, ExceptionInOneCoroutineIsAnErrorExitOfTheProcess) {
  struct Counted {
    std::shared_ptr<int> count;
    ~Counted() { ++*count; }
  };
  auto destroyed = std::make_shared<int>(0);
  real::Runtime rt(policy("fcfs"), checked());
  rt.spawn_coroutine_group("g", {{"sleeper",
                                  [=](real::AsyncSys& sys) -> real::CoTask {
                                    Counted guard{destroyed};
                                    co_await sys.await_io(100);  // never resumed: destroyed at the exit
                                  }},
                                 {"thrower", [](real::AsyncSys& sys) -> real::CoTask {
                                    co_await sys.compute(2);
                                    throw std::runtime_error("bad request");
                                  }}});
  const real::Outcome out = rt.run();
  EXPECT_EQ(out.failure, "task 'g/thrower' (task 0): exception: bad request");
  EXPECT_EQ(out.result.end_time, 2);
  ASSERT_EQ(out.result.processes.size(), 1u);
  EXPECT_EQ(out.result.processes[0].exit_reason, ExitReason::Error);
  EXPECT_EQ(*destroyed, 1);  // the sleeper's frame went with the process
}

TEST(RealCoroutineGroup, OutsideAGroupAwaitIoIsAPlainIoAndSwitchesAreNotes) {
  real::Runtime rt(policy("fcfs"), checked());
  rt.spawn_coroutine("alone", [](real::AsyncSys& sys) -> real::CoTask {
    co_await sys.await_io(4);
    co_await sys.pass();
    co_await sys.switch_to("x");
    co_await sys.compute(1);
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(out.result.end_time, 5);
  EXPECT_EQ(coroutine_notes(out.trace),
            (std::vector<std::string>{"4 pass: not in a group", "4 switch to x ignored: not in a group"}));
}

}  // namespace
}  // namespace schedlab

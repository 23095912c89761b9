// note(text) of a real task (real_tasks.hpp: "a line in the trace") is a `note` instant,
// not a `coroutine` one: a coroutine instant says the hub switched coroutines, and tools
// read it that way (the GUI's timeline, the Chrome trace's "coroutine" events,
// real_groups_test's comparison of a real group's switches with a scripted one's).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/real_runtime.hpp>

namespace schedlab {
namespace {

real::RuntimeOptions checked() {
  real::RuntimeOptions o;
  o.check_invariants = true;
  return o;
}

// "kind text" of every note, print and coroutine instant, in order.
std::vector<std::string> instants(const Trace& trace) {
  std::vector<std::string> out;
  for (const InstantRecord& i : trace.instants) {
    const std::string kind(to_string(i.kind));
    if (kind == "note" || kind == "print" || kind == "coroutine") out.push_back(kind + " " + i.text);
  }
  return out;
}

TEST(RealNotes, CoroutineTaskNoteIsANoteInstant) {
  real::Runtime rt(builtin_registry().resolve("fcfs"), checked());
  rt.spawn_coroutine("c", [](real::AsyncSys& sys) -> real::CoTask {
    co_await sys.note("checkpoint 1");
    co_await sys.print("hello");
    co_await sys.compute(2);
    co_await sys.note("checkpoint 2");
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(instants(out.trace), (std::vector<std::string>{"note checkpoint 1", "print hello", "note checkpoint 2"}));
  EXPECT_EQ(out.result.output.size(), 1u);  // a note is not output; a print is
  EXPECT_NE(trace_to_text(out.trace).find(" note task=0 other=-1 value=0 checkpoint 2"), std::string::npos);
}

TEST(RealNotes, GroupMemberNoteIsNotACoroutineSwitch) {
  real::Runtime rt(builtin_registry().resolve("fcfs"), checked());
  const real::CoroutineBody member = [](real::AsyncSys& sys) -> real::CoTask {
    co_await sys.note("in a");
    co_await sys.compute(1);
  };
  rt.spawn_coroutine_group("g", {{"a", member}});
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(instants(out.trace), (std::vector<std::string>{"coroutine 1 coroutines start", "coroutine coroutine a runs",
                                                           "note in a", "coroutine coroutines finished"}));
}

TEST(RealThreadNotes, ThreadTaskNoteIsANoteInstant) {
  real::Runtime rt(builtin_registry().resolve("fcfs"), checked());
  rt.spawn_thread("t", [](real::Sys& sys) {
    sys.compute(1);
    sys.note("done computing");
  });
  const real::Outcome out = rt.run();
  ASSERT_FALSE(out.failed()) << out.failure;
  EXPECT_EQ(instants(out.trace), (std::vector<std::string>{"note done computing"}));
}

}  // namespace
}  // namespace schedlab

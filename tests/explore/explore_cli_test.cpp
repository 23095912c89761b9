// `schedlab explore` on real programs (the examples built as modules): it finds the lost
// update and the deadlock, prints a seed whose --replay fails the same way, never reports
// the fixed versions, prints the same bytes for the same command, and refuses every bad
// input with one line and exit code 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

const std::string kCounter = SCHEDLAB_EXAMPLE_counter;
const std::string kCounterLocked = SCHEDLAB_EXAMPLE_counter_locked;
const std::string kDeadlock = SCHEDLAB_EXAMPLE_deadlock;
const std::string kDeadlockFixed = SCHEDLAB_EXAMPLE_deadlock_fixed;

std::vector<std::string> explore(std::vector<std::string> args) {
  args.insert(args.begin(), "explore");
  return args;
}

// The seed of "failure in schedule K (seed S): ...".
std::uint64_t failing_seed(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(R"(failure in schedule \d+ \(seed (\d+)\))"))) return 0;
  return std::stoull(m[1]);
}

std::string failure_line(const std::string& out) {
  std::smatch m;
  return std::regex_search(out, m, std::regex(R"(\): (.*)\n)")) ? m[1].str() : "";
}

TEST(ExploreCli, FindsTheLostUpdateAndPrintsTheSeedAndTheReplayCommand) {
  const CliResult r = run_cli(explore({kCounter, "--strategy", "random", "--schedules", "100"}));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "exploring counter (five threads decrement a shared counter without a lock)\n"
            "  strategy random:quantum=1, seeds 1 to 100, 1 CPU\n"
            "failure in schedule 1 (seed 1): lost update: counter is 3 after 5 decrements of 5\n"
            "replay: schedlab explore " + kCounter + " --strategy random --replay 1\n");
}

TEST(ExploreCli, ReplayOfThePrintedSeedFailsTheSameWay) {
  const CliResult found = run_cli(explore({kCounter, "--strategy", "pct:depth=2", "--seed", "40"}));
  ASSERT_EQ(found.code, 1) << found.out << found.err;
  const std::uint64_t seed = failing_seed(found.out);
  ASSERT_GE(seed, 40u) << found.out;
  const CliResult again = run_cli(explore({kCounter, "--strategy", "pct:depth=2,steps=10", "--replay", std::to_string(seed)}));
  EXPECT_EQ(again.code, 1) << again.out << again.err;
  EXPECT_NE(again.out.find("seed " + std::to_string(seed) + ": failure: " + failure_line(found.out) + "\n"),
            std::string::npos)
      << found.out << again.out;
  // The replay line printed with the finding is that very command.
  EXPECT_NE(found.out.find("replay: schedlab explore " + kCounter + " --strategy pct:depth=2,steps=10 --replay " +
                           std::to_string(seed) + "\n"),
            std::string::npos)
      << found.out;
}

TEST(ExploreCli, ReplayOfAGoodSeedSaysSoAndExitsZero) {
  const CliResult r = run_cli(explore({kCounterLocked, "--strategy", "random", "--replay", "7"}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("seed 7: no failure (completed at tick "), std::string::npos) << r.out;
}

// Few schedules: each starts five OS threads (the unlocked counter fails in the first).
void expect_no_failure(const std::string& program, const char* strategy) {
  const CliResult r = run_cli(explore({program, "--strategy", strategy, "--schedules", "25"}));
  EXPECT_EQ(r.code, 0) << strategy << r.out << r.err;
  EXPECT_NE(r.out.find("no failure in 25 schedules (seeds 1 to 25)\n"), std::string::npos) << r.out;
}

TEST(ExploreCli, TheLockedCounterNeverFailsUnderRandom) { expect_no_failure(kCounterLocked, "random"); }
TEST(ExploreCli, TheLockedCounterNeverFailsUnderPct) { expect_no_failure(kCounterLocked, "pct:depth=3"); }

TEST(ExploreCli, TheDefaultStrategyIsPctSizedToTheProgramAndFindsTheLostUpdate) {
  const CliResult r = run_cli(explore({kCounter, "--schedules", "200"}));
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  // steps = the CPU ticks of one fcfs run: 5 threads x compute(2).
  EXPECT_NE(r.out.find("  strategy pct:depth=3,steps=10,quantum=1, seeds 1 to 200, 1 CPU\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("--strategy pct:depth=3,steps=10 --replay "), std::string::npos) << r.out;
}

TEST(ExploreCli, FindsTheTwoLockDeadlock) {
  const CliResult r = run_cli(explore({kDeadlock, "--strategy", "random"}));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("alice waits for lock B held by bob; bob waits for lock A held by alice\n"), std::string::npos)
      << r.out;
}

TEST(ExploreCli, TheFixedTwoLocksNeverDeadlock) { expect_no_failure(kDeadlockFixed, "random"); }

TEST(ExploreCli, TheSameCommandPrintsTheSameBytes) {
  const std::vector<std::string> args = explore({kDeadlock, "--strategy", "pct:depth=2", "--cpus", "2"});
  const CliResult first = run_cli(args);
  const CliResult second = run_cli(args);
  EXPECT_EQ(first.code, second.code);
  EXPECT_EQ(first.out, second.out);
  EXPECT_NE(first.out.find(", 2 CPUs\n"), std::string::npos) << first.out;
}

TEST(ExploreCli, HelpListsTheOptions) {
  const CliResult r = run_cli({"explore", "--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* option : {"--strategy", "--schedules", "--seed", "--replay", "--cpus", "--expect", "--watchdog", "--trace"})
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
}

// ---- errors: one line on stderr, exit code 2, nothing on stdout -------------------------

void expect_usage_error(const std::vector<std::string>& args, const std::string& line) {
  const CliResult r = run_cli(explore(args));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(r.err, line + "\n");
  EXPECT_EQ(r.out, "");
}

TEST(ExploreCliErrors, MissingProgramFile) {
  expect_usage_error({"no-such-program.so"}, "schedlab explore: error: program 'no-such-program.so': no such file");
}

TEST(ExploreCliErrors, NotASharedLibrary) {
  const std::string readme = source_path("README.md");
  expect_usage_error({readme}, "schedlab explore: error: program '" + readme +
                                   "': not a shared library (invalid ELF header)");
}

TEST(ExploreCliErrors, ADirectory) {
  const std::string dir = source_path("examples");
  expect_usage_error({dir}, "schedlab explore: error: program '" + dir + "': is a directory, not a shared library");
}

TEST(ExploreCliErrors, NoEntryPoint) {
  const std::string so = SCHEDLAB_BAD_PROGRAM_no_entry;
  expect_usage_error({so}, "schedlab explore: error: program '" + so +
                               "': not a schedlab program: it does not export 'schedlab_program' (define it with "
                               "SCHEDLAB_PROGRAM, see docs/real-tasks.md)");
}

TEST(ExploreCliErrors, AnotherApiVersion) {
  const std::string so = SCHEDLAB_BAD_PROGRAM_wrong_version;
  expect_usage_error({so}, "schedlab explore: error: program '" + so +
                               "': built for program API version 2, but this schedlab has version 1 (rebuild the "
                               "program against this schedlab's headers)");
}

TEST(ExploreCliErrors, AnotherRuntimeLayout) {
  const std::string so = SCHEDLAB_BAD_PROGRAM_wrong_runtime;
  const CliResult r = run_cli(explore({so}));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.err.starts_with("schedlab explore: error: program '" + so + "': built against another schedlab (its Runtime has "))
      << r.err;
}

TEST(ExploreCliErrors, UnknownStrategy) {
  expect_usage_error({kCounter, "--strategy", "fcfs"},
                     "schedlab explore: error: unknown strategy 'fcfs' (expected random or pct:depth=D[,steps=S]) "
                     "(see 'schedlab explore --help')");
}

TEST(ExploreCliErrors, BadStrategyParameter) {
  const CliResult r = run_cli(explore({kCounter, "--strategy", "pct:depth=0"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.err.starts_with("schedlab explore: error: ")) << r.err;
  EXPECT_NE(r.err.find("depth"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(ExploreCliErrors, ZeroOrNegativeSchedules) {
  expect_usage_error({kCounter, "--schedules", "0"},
                     "schedlab explore: error: --schedules must be from 1 to 10^9, got 0 (see 'schedlab explore --help')");
  expect_usage_error({kCounter, "--schedules=-3"},
                     "schedlab explore: error: --schedules must be from 1 to 10^9, got -3 (see 'schedlab explore --help')");
}

TEST(ExploreCliErrors, ZeroCpus) {
  expect_usage_error({kCounter, "--cpus", "0"},
                     "schedlab explore: error: --cpus must be from 1 to 4096, got 0 (see 'schedlab explore --help')");
}

TEST(ExploreCliErrors, NoTarget) {
  expect_usage_error({}, "schedlab explore: error: no program or workload given (see 'schedlab explore --help')");
}

TEST(ExploreCliErrors, NegativeReplaySeed) {
  expect_usage_error({kCounter, "--replay=-1"},
                     "schedlab explore: error: --replay must be a seed >= 0, got -1 (see 'schedlab explore --help')");
}

TEST(ExploreCliErrors, TraceIntoAMissingDirectory) {
  const CliResult r = run_cli(explore({kCounter, "--trace", "/no/such/dir/t.json"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab explore: error: cannot write --trace /no/such/dir/t.json: no directory /no/such/dir "
                   "(see 'schedlab explore --help')\n");
}

}  // namespace
}  // namespace schedlab::test

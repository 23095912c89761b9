// `schedlab explore WORKLOAD.yaml`: a scripted workload fails on a deadlock, a `fail` or
// `fault` exit, or a shared variable that ends other than --expect says
// (cli/explore_target.hpp); exploration finds the course's deadlock and lost update.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

std::string write_temp(const std::string& name, const std::string& yaml) {
  const auto path = std::filesystem::temp_directory_path() / ("schedlab-explore-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << yaml;
  return path.string();
}

TEST(ExploreWorkload, FindsTheCourseDeadlock) {
  const std::string file = source_path("workloads/course/deadlock.yaml");
  const CliResult r = run_cli({"explore", file, "--strategy", "random"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("exploring deadlock\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("): deadlock: cycle: A waits for lock L2 held by B; B waits for lock L1 held by A\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("replay: schedlab explore " + file + " --strategy random --replay "), std::string::npos) << r.out;
}

TEST(ExploreWorkload, TheFixedDeadlockNeverFails) {
  const CliResult r = run_cli({"explore", source_path("workloads/course/deadlock-fixed.yaml"), "--strategy", "random",
                               "--schedules", "100"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no failure in 100 schedules (seeds 1 to 100)\n"), std::string::npos) << r.out;
}

TEST(ExploreWorkload, ExpectFindsTheLostUpdate) {
  const std::string file = source_path("workloads/course/counter-unlocked.yaml");
  // Without an expectation a lost update is not a failure: the workload cannot tell.
  EXPECT_EQ(run_cli({"explore", file, "--strategy", "random", "--schedules", "5"}).code, 0);
  const CliResult r = run_cli({"explore", file, "--strategy", "random", "--expect", "counter=0"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("failure in schedule 1 (seed 1): shared variable 'counter' is "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" --strategy random --expect counter=0 --replay 1\n"), std::string::npos) << r.out;
  const CliResult locked = run_cli({"explore", source_path("workloads/course/counter-locked.yaml"), "--strategy",
                                    "random", "--schedules", "20", "--expect", "counter=0"});
  EXPECT_EQ(locked.code, 0) << locked.out << locked.err;
}

TEST(ExploreWorkload, AFailStepIsAFailure) {
  const std::string file = write_temp("fail.yaml", R"(
name: sometimes-fails
shared: {x: 0}
processes:
  - {name: setter, program: [{cpu: 2}, {load: x}, {add: 1}, {store: x}]}
  - {name: checker, program: [{cpu: 1}, {load: x}, {if: {cond: "register == 0", then: [{fail: "x was not set yet"}]}}]}
)");
  const CliResult r = run_cli({"explore", file, "--strategy", "random"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("process 'checker' (pid 3) ended with error (exit code 1)\n"), std::string::npos) << r.out;
  std::filesystem::remove(file);
}

TEST(ExploreWorkload, ExpectOnAnUnknownVariable) {
  const std::string file = source_path("workloads/course/counter-unlocked.yaml");
  const CliResult r = run_cli({"explore", file, "--expect", "count=0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab explore: error: --expect count=0: " + file +
                       " has no shared variable 'count' (it has: counter) (see 'schedlab explore --help')\n");
}

TEST(ExploreWorkload, BadExpectations) {
  const std::string file = source_path("workloads/course/counter-unlocked.yaml");
  EXPECT_EQ(run_cli({"explore", file, "--expect", "counter"}).err,
            "schedlab explore: error: --expect 'counter': expected NAME=VALUE, a shared variable and a whole number "
            "(see 'schedlab explore --help')\n");
  EXPECT_EQ(run_cli({"explore", file, "--expect", "counter=x"}).code, 2);
}

TEST(ExploreWorkload, MissingWorkloadFile) {
  const CliResult r = run_cli({"explore", "no-such-workload.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "no-such-workload.yaml: error: cannot open: No such file or directory\n");
}

}  // namespace
}  // namespace schedlab::test

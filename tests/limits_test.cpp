// Limits on a run: --until (simulated time), --max-events, --max-processes (fork bombs).
// A run that hits one stops cleanly, says which limit, and what it had done so far.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <unistd.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

std::string write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("schedlab-limits-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file) << text;
  return file.string();
}

// "schedlab run: stopped: WHAT at tick T after E events; F of P processes finished"
struct Stop {
  std::string what;
  long long tick = -1, events = -1, finished = -1, processes = -1;
};
Stop parse_stop(const std::string& err) {
  static const std::regex re(
      R"(^schedlab run: stopped: (.*) at tick (\d+) after (\d+) events; (\d+) of (\d+) process(es)? finished\n$)");
  std::smatch m;
  Stop s;
  if (std::regex_match(err, m, re)) {
    s.what = m[1];
    s.tick = std::stoll(m[2]);
    s.events = std::stoll(m[3]);
    s.finished = std::stoll(m[4]);
    s.processes = std::stoll(m[5]);
  }
  return s;
}

TEST(RunLimits, UntilStopsTheClockAndSaysHowFarTheRunGot) {
  const std::string w = source_path("workloads/default.yaml");
  const CliResult full = run_cli({"run", w, "-f", "json"});
  ASSERT_EQ(full.code, 0) << full.err;
  const auto whole = nlohmann::json::parse(full.out);
  ASSERT_GT(whole["end_time"].get<long long>(), 20);

  const CliResult r = run_cli({"run", w, "-f", "json", "--until", "20", "--check"});
  EXPECT_EQ(r.code, 0);  // docs/cli.md: --until is a normal way to end a run
  const Stop s = parse_stop(r.err);
  EXPECT_EQ(s.what, "time limit reached (--until 20)") << r.err;
  EXPECT_EQ(s.tick, 20);
  EXPECT_GT(s.events, 0);
  EXPECT_LT(s.finished, s.processes);
  EXPECT_EQ(s.processes, static_cast<long long>(whole["processes"].size()));
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "limit_reached");
  EXPECT_EQ(j["end_time"], 20);
  EXPECT_EQ(j["events"].get<long long>(), s.events);
}

TEST(RunLimits, MaxEventsStopsARunThatWouldNeverEnd) {
  const std::string w = write_temp("forever.yaml", R"(
processes:
  - {name: spinner, program: [{repeat: {times: forever, program: [{cpu: 1}, {yield}]}}]}
  - {name: done, burst: 3}
)");
  const CliResult r = run_cli({"run", w, "--policy", "rr:quantum=2", "--max-events", "1000", "--check", "-f", "json"});
  EXPECT_EQ(r.code, 1);  // docs/cli.md: hitting --max-events is a failure
  const Stop s = parse_stop(r.err);
  EXPECT_EQ(s.what, "event limit reached (--max-events 1000)") << r.err;
  EXPECT_EQ(s.events, 1000);
  EXPECT_EQ(s.finished, 1);
  EXPECT_EQ(s.processes, 2);
  EXPECT_GT(s.tick, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "limit_reached");
  EXPECT_EQ(j["end_time"].get<long long>(), s.tick);
}

TEST(RunLimits, HugeRepeatOfHugeBurstsStopsAtALimitNotByOverflow) {
  // 10^18 x 10^15 ticks would overflow a 64-bit clock after ~9000 bursts.
  const std::string w = write_temp("huge.yaml", R"(
processes:
  - {name: A, program: [{repeat: {times: 1000000000000000000, program: [{cpu: 1000000000000000}, {yield}]}}]}
  - {name: B, program: [{repeat: {times: forever, program: [{io: 1000000000000000}, {cpu: 1000000000000000}]}}]}
)");
  for (const char* policy : {"fcfs", "rr:quantum=1000000000000000", "srtf", "cfs", "mlfq", "lottery"}) {
    SCOPED_TRACE(policy);
    const CliResult r = run_cli({"run", w, "--policy", policy, "--max-events", "100000", "--check"});
    const Stop s = parse_stop(r.err);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_TRUE(s.what == "event limit reached (--max-events 100000)" || s.what.starts_with("clock limit reached"))
        << r.err;
    EXPECT_GT(s.tick, 0);
    EXPECT_LE(s.tick, 4'000'000'000'000'000'000);
  }
  // FCFS needs few events per burst: it reaches the clock limit, where the clock stops
  // (before, the saturated burst end looked like the end of the run: a "deadlock" of 0 tasks).
  const CliResult r = run_cli({"run", w, "--policy", "fcfs", "-f", "json", "--check"});
  EXPECT_EQ(r.code, 1);
  const Stop s = parse_stop(r.err);
  EXPECT_EQ(s.what, "clock limit reached (4000000000000000000 ticks, where a tick counter would soon overflow)")
      << r.err;
  EXPECT_EQ(s.tick, 4'000'000'000'000'000'000);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "limit_reached");
  EXPECT_EQ(j["end_time"], 4'000'000'000'000'000'000);
}

TEST(RunLimits, AnAffinityBeyondTheRunsCpusNamesTheProcess) {
  const std::string w = write_temp("affinity.yaml", "cpus: 8\nprocesses:\n  - {name: A, burst: 1}\n  - {name: B, affinity: [1, 6], burst: 1}\n");
  EXPECT_EQ(run_cli({"run", w}).code, 0);
  const CliResult r = run_cli({"run", w, "--cpus", "4"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, w + ":4:12: error: process 'B': affinity names CPU 6 but the run has 4 CPUs\n");
}

TEST(RunLimits, MaxProcessesOverridesTheWorkloadsLimit) {
  const std::string bomb = source_path("workloads/course/fork-bomb.yaml");  // limits: {max_processes: 50}
  auto failed_forks = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"run", bomb, "--policy", "rr:quantum=1", "-f", "json", "--check"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["status"], "completed");
    return std::make_pair(j.value("forks_failed", 0), j["processes"].size());
  };
  const auto [failed50, procs50] = failed_forks({});
  const auto [failed4, procs4] = failed_forks({"--max-processes", "4"});
  const auto [failed500, procs500] = failed_forks({"--max-processes", "500"});
  EXPECT_GT(failed50, 0);
  EXPECT_GT(failed4, 0);
  EXPECT_LT(procs4, procs50);   // fewer processes ever lived
  EXPECT_GT(procs500, procs50);
  EXPECT_EQ(failed_forks({"--max-processes", "50"}), std::make_pair(failed50, procs50));

  const CliResult table = run_cli({"run", bomb, "--max-processes", "4"});
  EXPECT_NE(table.out.find("forks failed: the process limit was reached"), std::string::npos) << table.out;
}

TEST(RunLimits, MaxProcessesIsValidatedAndSharedByCompare) {
  const std::string bomb = source_path("workloads/course/fork-bomb.yaml");
  for (const char* bad : {"0", "-1", "1000000001", "x"}) {
    const CliResult r = run_cli({"run", bomb, "--max-processes", bad});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("schedlab run: error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("max-processes"), std::string::npos) << r.err;
  }
  for (const char* bad : {"0", "-1", "1000000000000001"}) {
    const CliResult r = run_cli({"run", bomb, "--max-events", bad});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_EQ(r.err.rfind("schedlab run: error: --max-events must be from 1 to 10^15, got ", 0), 0u) << r.err;
  }
  EXPECT_NE(run_cli({"run", bomb, "--max-events", "-1"}).err.find("got a negative number"), std::string::npos);
  const CliResult a = run_cli({"compare", bomb, "-p", "fcfs", "-p", "rr", "-f", "csv", "--max-processes", "3", "-j", "1"});
  const CliResult b = run_cli({"compare", bomb, "-p", "fcfs", "-p", "rr", "-f", "csv", "-j", "1"});
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(a.out, b.out);
}

}  // namespace
}  // namespace schedlab::test

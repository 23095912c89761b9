// compare --checkpoint DIR: a sweep killed at any moment and run again with the same
// command prints exactly what an uninterrupted run prints; a torn or damaged last record
// is dropped and redone; a checkpoint of another sweep is refused, naming what differs.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include <schedlab/lab/interrupt.hpp>
#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/sweep_checkpoint.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using report::CellResult;
using report::compare_metrics;

// A fresh directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / fmt::format("schedlab-{}-{}", name, ::getpid())) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t lines_in(const std::string& path) {
  const std::string text = slurp(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A small sweep: 3 policies x 60 seeds of a generated workload, 180 short runs.
std::vector<std::string> sweep_args(std::vector<std::string> extra = {}, std::string seeds = "1..60",
                                    std::string workload = "gen:n=40,io-share=0.3") {
  std::vector<std::string> a{"compare", workload, "-p", "fcfs", "-p", "rr", "-p", "sjf",
                             "--seeds", seeds, "--no-progress"};
  if (std::find(extra.begin(), extra.end(), "-f") == extra.end()) extra.insert(extra.begin(), {"-f", "json"});
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}
constexpr std::size_t kCells = 180;

TEST(Checkpoint, RecordsRoundTripBitForBitAndATornOrDamagedLineIsRejected) {
  CellResult c;
  c.cell = 17;
  c.status = RunStatus::LimitReached;
  c.cpus = 4;
  c.processes = 9;
  c.realtime = true;
  c.miss_ratio = 1.0 / 3.0;
  c.worst_response = 1e300;
  c.metrics.assign(compare_metrics().size(), 0.1);
  c.metrics.back() = -0.0;
  const std::string line = report::encode_cell_record(c);
  CellResult back;
  ASSERT_TRUE(report::decode_cell_record(line, c.metrics.size(), back)) << line;
  EXPECT_EQ(report::encode_cell_record(back), line);
  EXPECT_EQ(back.cell, 17u);
  EXPECT_EQ(back.status, RunStatus::LimitReached);
  EXPECT_EQ(back.miss_ratio, 1.0 / 3.0);
  EXPECT_TRUE(std::signbit(back.metrics.back()));
  // Every prefix is torn (no newline, or the checksum does not match what is left).
  for (std::size_t n = 0; n < line.size(); ++n)
    EXPECT_FALSE(report::decode_cell_record(line.substr(0, n), c.metrics.size(), back)) << n;
  std::string flipped = line;
  flipped[2] ^= 1;
  EXPECT_FALSE(report::decode_cell_record(flipped, c.metrics.size(), back));
  EXPECT_FALSE(report::decode_cell_record(line, c.metrics.size() + 1, back));
}

TEST(Checkpoint, ResumingAfterATornLastRecordRedoesItAndPrintsTheSameBytes) {
  const CliResult reference = run_cli(sweep_args());
  ASSERT_EQ(reference.code, 0) << reference.err;
  TempDir dir("checkpoint-torn");
  const CliResult first = run_cli(sweep_args({"--checkpoint", dir / "ck", "-j", "2"}));
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, reference.out);
  EXPECT_EQ(lines_in(dir / "ck/cells.log"), kCells);

  // Cut the log in the middle of a record, as kill -9 during its write would.
  const std::string log = slurp(dir / "ck/cells.log");
  const std::size_t keep = log.rfind('\n', log.size() - 2) + 1 + 10;  // 10 bytes of the last record
  fs::resize_file(dir / "ck/cells.log", keep);
  const CliResult torn = run_cli(sweep_args({"--checkpoint", dir / "ck", "-j", "1"}));
  ASSERT_EQ(torn.code, 0) << torn.err;
  EXPECT_EQ(torn.out, reference.out);
  EXPECT_EQ(torn.err, fmt::format("schedlab compare: checkpoint '{}': dropped a torn last record (10 bytes); it runs "
                                  "again\nschedlab compare: resuming from checkpoint '{}': 179 runs already done\n",
                                  dir / "ck", dir / "ck"));
  EXPECT_EQ(lines_in(dir / "ck/cells.log"), kCells);

  // A complete line whose checksum fails is not trusted either.
  std::string damaged = slurp(dir / "ck/cells.log");
  damaged[damaged.size() - 20] = damaged[damaged.size() - 20] == '0' ? '1' : '0';
  std::ofstream(dir / "ck/cells.log", std::ios::binary) << damaged;
  const CliResult bad = run_cli(sweep_args({"--checkpoint", dir / "ck"}));
  EXPECT_EQ(bad.out, reference.out);
  EXPECT_NE(bad.err.find("dropped a torn last record"), std::string::npos) << bad.err;
  EXPECT_EQ(slurp(dir / "ck/cells.log").size(), damaged.size());
}

TEST(Checkpoint, ACheckpointOfAnotherSweepIsRefusedNamingWhatDiffers) {
  TempDir dir("checkpoint-other");
  ASSERT_EQ(run_cli(sweep_args({"--checkpoint", dir / "ck"})).code, 0);
  std::vector<std::string> other{"compare", "gen:n=40,io-share=0.3", "-p", "fcfs", "-p", "rr", "-p", "sjf",
                                 "--seeds", "1..50", "--until", "500", "--checkpoint", dir / "ck"};
  const CliResult r = run_cli(other);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, fmt::format("{}: error: this checkpoint is of another sweep: --seeds is '1..50' here but '1..60' "
                               "in the checkpoint; --until is '500' here but 'none' in the checkpoint (give another "
                               "--checkpoint directory, or delete this one to start over)\n",
                               dir / "ck/sweep.json"));
  // -j, the format and the output path are not part of a sweep's identity.
  const CliResult same = run_cli(sweep_args({"--checkpoint", dir / "ck", "-j", "1", "-f", "csv", "-o", dir / "x.csv"}));
  EXPECT_EQ(same.code, 0) << same.err;
}

TEST(Checkpoint, CtrlCSaysHowToResume) {
  TempDir dir("checkpoint-ctrl-c");
  const std::vector<std::string> args{"compare", "gen:n=10", "-p", "fcfs", "--seeds", "1..5",
                                      "--checkpoint", dir / "ck", "--no-progress"};
  ASSERT_EQ(run_cli(args).code, 0);
  const std::string log = slurp(dir / "ck/cells.log");
  std::size_t two = log.find('\n', log.find('\n') + 1) + 1;
  fs::resize_file(dir / "ck/cells.log", two);  // as if killed after two runs
  lab::set_interrupted(true);
  const CliResult r = run_cli(args);
  lab::set_interrupted(false);
  EXPECT_EQ(r.code, 130);
  EXPECT_EQ(r.err, fmt::format("schedlab compare: resuming from checkpoint '{0}': 2 runs already done\n"
                               "schedlab compare: interrupted after 2 of 5 runs; they are saved in '{0}': run the "
                               "same command again to do the other 3\n",
                               dir / "ck"));
}

// Runs `argv` with its output thrown away and kills it with SIGKILL as soon as `log` holds
// at least `target` lines (or after 20 s); true when the signal found it still running.
// Killing at a count of saved runs rather than after a delay makes the test the same on a
// fast machine and a loaded one: a delay that lands mid-sweep on one lands after the end on
// the other.
bool kill_when_saved(const std::vector<std::string>& args, const std::string& log, std::size_t target) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;  // it finished first
    if (fs::exists(log) && lines_in(log) >= target) break;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

TEST(Checkpoint, KilledAtTwentyRandomMomentsAndResumedPrintsTheUninterruptedBytes) {
  const std::string binary = std::string(SCHEDLAB_BINARY_DIR) + "/cli/schedlab";
  if (!fs::exists(binary)) GTEST_SKIP() << "skipped: build the schedlab target first (" << binary << ")";
  // 900 runs; each kill comes 5 to 40 saved runs after the previous one (at most 800 in all),
  // so every kill lands mid-sweep whatever the machine's speed.
  const std::string seeds = "1..300", workload = "gen:n=600,io-share=0.3";
  constexpr std::size_t kRuns = 900;
  const CliResult reference = run_cli(sweep_args({"-j", "2"}, seeds, workload));
  ASSERT_EQ(reference.code, 0) << reference.err;
  TempDir dir("checkpoint-kill");
  const std::string log = dir / "ck/cells.log";
  std::mt19937 random(20);  // seeded: the same 20 moments every run
  std::uniform_int_distribution<std::size_t> more_runs(5, 40);
  std::size_t killed = 0, saved_before = 0, grew = 0;
  std::string progress = "runs saved after each kill:";
  for (int k = 0; k < 20; ++k) {
    std::vector<std::string> args = sweep_args({"--checkpoint", dir / "ck", "-j", k % 2 ? "2" : "1"}, seeds, workload);
    args.front() = "compare";
    args.insert(args.begin(), binary);
    killed += kill_when_saved(args, log, saved_before + more_runs(random));
    const std::size_t saved = fs::exists(log) ? lines_in(log) : 0;
    grew += saved > saved_before;
    progress += fmt::format(" {}", saved);
    saved_before = saved;
  }
  // The kills must have landed mid-sweep, or this test tests nothing.
  EXPECT_GE(killed, 18u) << progress;
  EXPECT_GE(grew, 10u) << progress;
  EXPECT_LT(saved_before, kRuns) << "the sweep finished before the last kill: make it longer; " << progress;
  const CliResult resumed = run_cli(sweep_args({"--checkpoint", dir / "ck", "-j", "1"}, seeds, workload));
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, reference.out);
  EXPECT_EQ(lines_in(dir / "ck/cells.log"), kRuns);
}

}  // namespace
}  // namespace schedlab::test

// Ctrl-C: an interrupted `compare` stops within a second, says how far it got on one line
// and exits 130. The sweep runs in a child process that is sent SIGINT mid-sweep.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fcntl.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <schedlab/lab/interrupt.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Child {
  int status = -1;
  std::chrono::milliseconds after_signal{0};
  std::string err;
};

// True once process `pid` catches SIGINT (the SigCgt mask of /proc/PID/status): a signal
// sent before the handler is installed would kill the child instead of interrupting it, which
// a loaded machine (sanitizer builds running beside the tests) makes likely.
bool catches_sigint(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (SIGINT - 1)) & 1U;
  return false;
}

// Runs `args` with stderr to a file; once the child catches SIGINT (at most 20 s), waits
// `delay` more and sends it; then waits at most 5 s for the child to end.
Child interrupt_child(const std::vector<std::string>& args, std::chrono::milliseconds delay) {
  const fs::path err_path = fs::temp_directory_path() / ("schedlab-interrupt-" + std::to_string(::getpid()) + ".err");
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Child c;
  const auto started = std::chrono::steady_clock::now();
  while (!catches_sigint(pid) && std::chrono::steady_clock::now() - started < 20s) std::this_thread::sleep_for(2ms);
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGINT);
  const auto sent = std::chrono::steady_clock::now();
  while (::waitpid(pid, &c.status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - sent > 5s) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &c.status, 0);
      break;
    }
    std::this_thread::sleep_for(5ms);
  }
  c.after_signal = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
  std::ifstream in(err_path);
  std::ostringstream s;
  s << in.rdbuf();
  c.err = s.str();
  fs::remove(err_path);
  return c;
}

TEST(Interrupt, CompareStopsWithinASecondAndExits130) {
  const std::string binary = std::string(SCHEDLAB_BINARY_DIR) + "/cli/schedlab";
  if (!fs::exists(binary)) GTEST_SKIP() << "skipped: build the schedlab target first (" << binary << ")";
  // About a minute of runs on one thread: far from done when the signal comes.
  const Child c = interrupt_child({binary, "compare", "gen:n=300", "-p", "fcfs", "-p", "rr", "--seeds", "1..100000",
                                   "-j", "1", "-f", "csv", "--no-progress"},
                                  700ms);
  ASSERT_TRUE(WIFEXITED(c.status)) << "killed by signal " << (WIFSIGNALED(c.status) ? WTERMSIG(c.status) : 0);
  EXPECT_EQ(WEXITSTATUS(c.status), 130) << c.err;
  EXPECT_LT(c.after_signal, 1000ms);
  EXPECT_TRUE(std::regex_match(c.err, std::regex("schedlab compare: interrupted after [1-9][0-9]* of 200000 runs\n")))
      << c.err;
}

TEST(Interrupt, ExploreStopsAndSaysHowToContinue) {
  const std::string binary = std::string(SCHEDLAB_BINARY_DIR) + "/cli/schedlab";
  const std::string program = std::string(SCHEDLAB_BINARY_DIR) + "/examples/libexample_counter_locked_program.so";
  if (!fs::exists(binary) || !fs::exists(program))
    GTEST_SKIP() << "skipped: build the schedlab and example_counter_locked_program targets first";
  const Child c = interrupt_child({binary, "explore", program, "-n", "100000000"}, 700ms);
  ASSERT_TRUE(WIFEXITED(c.status)) << "killed by signal " << (WIFSIGNALED(c.status) ? WTERMSIG(c.status) : 0);
  EXPECT_EQ(WEXITSTATUS(c.status), 130) << c.err;
  EXPECT_LT(c.after_signal, 1000ms);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(c.err, m,
                               std::regex("schedlab explore: interrupted after ([0-9]+) of 100000000 schedules, none "
                                          "failed; continue with --seed ([0-9]+) --schedules ([0-9]+)\n")))
      << c.err;
  const std::uint64_t done = std::stoull(m[1]);
  EXPECT_EQ(std::stoull(m[2]), done + 1);
  EXPECT_EQ(std::stoull(m[3]), 100000000 - done);
}

// In-process: a sweep that finds the flag set starts no run and says so.
TEST(Interrupt, ASweepThatSeesTheFlagThrowsInterrupted) {
  lab::set_interrupted(true);
  const CliResult r = run_cli({"compare", "gen:n=10", "-p", "fcfs", "--seeds", "1..5", "--no-progress"});
  lab::set_interrupted(false);
  EXPECT_EQ(r.code, 130);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "schedlab compare: interrupted after 0 of 5 runs\n");
}

}  // namespace
}  // namespace schedlab::test

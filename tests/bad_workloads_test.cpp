// The bad-input corpus: every file in tests/bad_workloads/ (and two paths that are not
// files) must be rejected by `schedlab check` and `schedlab run` with exit code 2 and
// exactly the one line written in tests/bad_workloads/expected.txt -- no crash, no hang,
// bounded memory (each case also runs in a child process under a time and memory limit).
//
// expected.txt: one case per line, `NAME:LINE:COL: error: MESSAGE` (or `NAME: error: ...`
// where there is no position); NAME is the file in tests/bad_workloads/. Lines starting
// with '#' are comments. Adding a case: drop the file in the directory, run
// `schedlab check tests/bad_workloads/NAME`, read the message, and add the line.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

struct BadCase {
  std::string name;      // file name in tests/bad_workloads/
  std::string expected;  // the whole stderr line, without the directory
};

std::string corpus_dir() { return source_path("tests/bad_workloads"); }

std::vector<BadCase> read_cases() {
  std::vector<BadCase> cases;
  std::ifstream in(corpus_dir() + "/expected.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    cases.push_back(BadCase{line.substr(0, line.find(':')), line});
  }
  return cases;
}

std::string test_name(const testing::TestParamInfo<BadCase>& info) {
  std::string s;
  for (char c : info.param.name) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Run the CLI in a child process with at most 30 s of CPU and (unless sanitized, as the
// sanitizers reserve terabytes of address space) 1 GB of memory; returns its wait status.
int run_bounded(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    rlimit cpu{30, 30};
    ::setrlimit(RLIMIT_CPU, &cpu);
    if (!kSanitized) {
      rlimit mem{1u << 30, 1u << 30};
      ::setrlimit(RLIMIT_AS, &mem);
    }
    ::alarm(60);
    const CliResult r = run_cli(args);
    ::_exit(r.code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

class BadWorkload : public testing::TestWithParam<BadCase> {};

TEST_P(BadWorkload, IsRejectedWithItsExactMessage) {
  const BadCase& c = GetParam();
  const std::string path = corpus_dir() + "/" + c.name;
  for (const char* command : {"check", "run"}) {
    SCOPED_TRACE(command);
    const CliResult r = run_cli({command, path});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, corpus_dir() + "/" + c.expected + "\n");
  }
  const int status = run_bounded({"run", path, "--policy", "rr"});
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadWorkload, testing::ValuesIn(read_cases()), test_name);

TEST(BadWorkloadCorpus, EveryFileHasAnExpectationAndThereAreAtLeastForty) {
  const std::vector<BadCase> cases = read_cases();
  std::set<std::string> expected;
  for (const BadCase& c : cases) EXPECT_TRUE(expected.insert(c.name).second) << "two lines for " << c.name;
  EXPECT_GE(cases.size(), 40u);
  std::set<std::string> files;
  for (const fs::directory_entry& e : fs::directory_iterator(corpus_dir()))
    if (e.path().filename() != "expected.txt") files.insert(e.path().filename().string());
  for (const std::string& f : files) EXPECT_TRUE(expected.count(f)) << f << " has no line in expected.txt";
  // The one case that is not in the directory: a path that does not exist.
  for (const std::string& name : expected) {
    if (!files.count(name)) {
      EXPECT_EQ(name, "missing.yaml") << name << " is in expected.txt but not a file";
    }
  }
  EXPECT_TRUE(fs::is_directory(corpus_dir() + "/a-directory.yaml"));
}

}  // namespace
}  // namespace schedlab::test

namespace schedlab::test {
namespace {

// Found by fuzz_policy_spec: a spec whose parameters are each in range but do not fit
// together (mlfq's lists of different lengths) was refused by the policy's factory with
// std::invalid_argument, which the CLI reported as an unexpected failure (exit 1).
TEST(BadPolicySpec, ParametersThatDoNotFitTogetherAreAnInputError) {
  const std::string w = source_path("workloads/default.yaml");
  const std::string spec = "mlfq:queues=4,quantum=1/2/4/8,allotment=1/2/364";
  const CliResult r = run_cli({"run", w, "--policy", spec});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab run: error: policy '" + spec + "': mlfq: quantum lists 4 levels but allotment 3\n");
  const CliResult c = run_cli({"compare", w, "-p", "fcfs", "-p", "mlfq:quantum=2/4,allotment=1/2/3", "-j", "1"});
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.err, "schedlab compare: error: policy 'mlfq:quantum=2/4,allotment=1/2/3': mlfq: quantum lists 2 levels "
                   "but allotment 3\n");
}

}  // namespace
}  // namespace schedlab::test

// Behaviour pinned down: every bundled workload x every policy spec x 1 and 2 CPUs gives
// the same JSON report, --trace-text file and Chrome trace as the build that wrote
// tests/golden/behaviour.tsv (taken before the module split; see the script there for when
// and how to regenerate it). A change that alters any schedule, metric or trace line
// fails here and names the workload, policy and output.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

// FNV-1a, 64 bits: the hash make_behaviour_hashes.py writes.
std::string fnv1a64(const std::string& data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct GoldenRow {
  std::string policy, cpus, exit_code, json, trace_text, chrome_trace;
};

// workload -> its rows, in file order.
const std::map<std::string, std::vector<GoldenRow>>& golden() {
  static const std::map<std::string, std::vector<GoldenRow>> rows = [] {
    std::map<std::string, std::vector<GoldenRow>> by_workload;
    std::ifstream in(source_path("tests/golden/behaviour.tsv"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string workload;
      GoldenRow r;
      std::getline(fields, workload, '\t');
      std::getline(fields, r.policy, '\t');
      std::getline(fields, r.cpus, '\t');
      std::getline(fields, r.exit_code, '\t');
      std::getline(fields, r.json, '\t');
      std::getline(fields, r.trace_text, '\t');
      std::getline(fields, r.chrome_trace, '\t');
      by_workload[workload].push_back(r);
    }
    return by_workload;
  }();
  return rows;
}

std::vector<std::string> bundled_workloads() {
  std::vector<std::string> names;
  const fs::path root = source_path("workloads");
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".yaml") names.push_back(fs::relative(entry.path(), root).generic_string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BehaviourGolden, EveryBundledWorkloadHasItsRows) {
  const std::vector<std::string> names = bundled_workloads();
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names)
    EXPECT_EQ(golden().count(name), 1u) << name << " has no rows in tests/golden/behaviour.tsv: regenerate it";
  EXPECT_EQ(golden().size(), names.size()) << "behaviour.tsv names a workload that no longer exists";
}

class BehaviourGoldenRuns : public ::testing::TestWithParam<std::string> {};

TEST_P(BehaviourGoldenRuns, SameReportAndTraces) {
  const std::string& workload = GetParam();
  const auto it = golden().find(workload);
  ASSERT_NE(it, golden().end()) << workload;
  const fs::path dir = fs::temp_directory_path() / ("schedlab-golden-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path text = dir / "trace.txt", chrome = dir / "trace.json";
  for (const GoldenRow& row : it->second) {
    const CliResult r = run_cli({"run", source_path("workloads/" + workload), "--policy", row.policy, "--cpus", row.cpus,
                                 "--format", "json", "--trace-text", text.string(), "--trace", chrome.string()});
    const std::string what = workload + " --policy " + row.policy + " --cpus " + row.cpus;
    EXPECT_EQ(std::to_string(r.code), row.exit_code) << what << ": " << r.err;
    EXPECT_EQ(fnv1a64(r.out), row.json) << what << ": the JSON report differs";
    EXPECT_EQ(fnv1a64(slurp(text)), row.trace_text) << what << ": the --trace-text file differs";
    EXPECT_EQ(fnv1a64(slurp(chrome)), row.chrome_trace) << what << ": the Chrome trace differs";
    fs::remove(text);
    fs::remove(chrome);
  }
  fs::remove_all(dir);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);  // without ".yaml"
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Bundled, BehaviourGoldenRuns, ::testing::ValuesIn(bundled_workloads()), test_name);

}  // namespace
}  // namespace schedlab::test

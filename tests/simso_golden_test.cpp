// schedlab against SimSo, job for job: tests/golden/simso/NAME.tsv holds the jobs SimSo
// produced for NAME.yaml (tests/golden/simso/make_simso_golden.py, run outside the tree
// with SimSo installed); here schedlab runs the same workload under the policy the file
// names and must give every job the same release, deadline, completion and abort.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <schedlab/workload_loader.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(source_path("tests/golden/simso")))
    if (entry.path().extension() == ".tsv") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SimsoGolden, TheCasesAreThere) { EXPECT_EQ(cases().size(), 7u); }

class SimsoGoldenJobs : public ::testing::TestWithParam<std::string> {};

TEST_P(SimsoGoldenJobs, SameJobsAsSimso) {
  const std::string dir = source_path("tests/golden/simso/");
  std::ifstream in(dir + GetParam() + ".tsv");
  std::string header;
  std::getline(in, header);
  const std::size_t at = header.find("schedlab ");
  ASSERT_NE(at, std::string::npos) << header;
  const std::string policy = header.substr(at + 9, header.find(';') - at - 9);
  const Outcome o = run_policy(load_workload_file(dir + GetParam() + ".yaml"), policy);
  std::map<std::pair<std::string, std::uint64_t>, const JobMetrics*> ours;
  for (const JobMetrics& j : o.result.jobs) ours[{o.result.realtime[j.task].name, j.number}] = &j;
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string task, completion;
    std::uint64_t number = 0;
    Ticks release = 0, deadline = 0;
    int aborted = 0;
    f >> task >> number >> release >> deadline >> completion >> aborted;
    const auto it = ours.find({task, number});
    ASSERT_NE(it, ours.end()) << GetParam() << ": " << line;
    const JobMetrics& j = *it->second;
    EXPECT_EQ(j.release, release) << line;
    EXPECT_EQ(j.deadline, deadline) << line;
    EXPECT_EQ(j.aborted, aborted == 1) << line;
    if (completion != "-") {
      EXPECT_EQ(j.completion, std::stoll(completion)) << line;
    }
    ++checked;
  }
  EXPECT_EQ(checked, ours.size()) << "schedlab released jobs SimSo did not";
}

INSTANTIATE_TEST_SUITE_P(Simso, SimsoGoldenJobs, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace schedlab::test

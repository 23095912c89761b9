// `schedlab ostep` against OSTEP's scripts, byte for byte on standard output.
// - Golden.*: the scripts' outputs kept under tests/ostep/golden/ (no checkout needed).
// - Scripts.*: with OSTEP_HOMEWORK=/path/to/ostep-homework, every case of the grid (>= 200
//   seeds per homework) runs the script and schedlab; "skipped: OSTEP scripts not found"
//   otherwise. With OSTEP_WRITE_GOLDEN=1 as well, it rewrites the golden files from the scripts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "ostep_support.hpp"

namespace {

using namespace ostep_test;

class Golden : public ::testing::TestWithParam<std::string> {};
class Scripts : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, SameBytesAsTheScript) {
  const std::vector<Case> cases = read_golden(golden_path(GetParam()));
  ASSERT_EQ(cases.size(), golden_count(GetParam()));
  const std::vector<Args> g = grid(GetParam());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    ASSERT_EQ(cases[i].args, g[i]) << "the golden file is not the grid's first cases: rewrite it";
    int status = 0;
    EXPECT_EQ(run_schedlab(GetParam(), cases[i].args, status), cases[i].output) << join(cases[i].args);
    EXPECT_EQ(status, 0) << join(cases[i].args);
  }
}

TEST_P(Scripts, SameBytesOverTheGrid) {
  const char* root = std::getenv("OSTEP_HOMEWORK");
  const std::string script = root ? std::string(root) + "/" + script_path(GetParam()) : "";
  if (!root || !std::filesystem::exists(script)) GTEST_SKIP() << "skipped: OSTEP scripts not found (set OSTEP_HOMEWORK)";
  const std::vector<Args> g = grid(GetParam());
  std::vector<Case> golden;
  std::size_t same = 0;
  for (const Args& args : g) {
    int script_status = 0, status = 0;
    const std::string expected = run_script(script, args, script_status);
    ASSERT_EQ(script_status, 0) << "the script failed: " << join(args);
    const std::string got = run_schedlab(GetParam(), args, status);
    EXPECT_EQ(got, expected) << join(args);
    same += got == expected;
    if (golden.size() < golden_count(GetParam())) golden.push_back({args, expected});
  }
  EXPECT_EQ(same, g.size());
  std::cout << GetParam() << ": " << same << " of " << g.size() << " cases byte-identical\n";
  if (std::getenv("OSTEP_WRITE_GOLDEN")) write_golden(golden_path(GetParam()), golden);
}

const std::vector<std::string> kHomeworks{"scheduler"};
std::string name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Ostep, Golden, ::testing::ValuesIn(kHomeworks), name);
INSTANTIATE_TEST_SUITE_P(Ostep, Scripts, ::testing::ValuesIn(kHomeworks), name);

}  // namespace

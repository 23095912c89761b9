// Big workload files are read by two parsers at once (kernel/src/workload_loader.cpp).
// These tests force the split on small files and check that it is invisible: the same
// workload, and the same errors at the same lines, as one parser reading everything.
#include <gtest/gtest.h>

#include <fstream>
#include <schedlab/errors.hpp>
#include <schedlab/workload_loader.hpp>
#include <string>

namespace schedlab {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

LoadLimits split_always() {
  LoadLimits l;
  l.split_threshold = 1;
  return l;
}
LoadLimits split_never() {
  LoadLimits l;
  l.split_threshold = UINTMAX_MAX;
  return l;
}

std::string many_processes(int n, const std::string& tail = "") {
  std::string text = "name: split\ncpus: 2\nprocesses:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - {name: p" + std::to_string(i) + ", arrival: " + std::to_string(i) + ", program: [{cpu: " +
            std::to_string(1 + i % 7) + "}";
    if (i % 3 == 0) text += ", {io: 4}, {repeat: {times: 2, program: [{cpu: 1}, {io: 1}]}}";
    text += "]";
    if (i % 5 == 0) text += ", affinity: [" + std::to_string(i % 2) + "]";
    text += "}\n";
  }
  return text + tail;
}

void expect_same(const Workload& a, const Workload& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.cpus, b.cpus);
  ASSERT_EQ(a.processes.size(), b.processes.size());
  ASSERT_EQ(a.steps.size(), b.steps.size());
  ASSERT_EQ(a.affinities, b.affinities);
  for (std::size_t i = 0; i < a.processes.size(); ++i) {
    const ProcessSpec& p = a.processes[i];
    const ProcessSpec& q = b.processes[i];
    EXPECT_EQ(p.name, q.name);
    EXPECT_EQ(p.arrival, q.arrival);
    EXPECT_EQ(p.affinity, q.affinity);
    EXPECT_EQ(p.pos.line, q.pos.line) << p.name;
    // Compare programs by content (indices may be laid out the same way or not).
    const ProgramRef pa = a.programs[p.program], pb = b.programs[q.program];
    ASSERT_EQ(pa.size, pb.size);
    for (std::uint32_t k = 0; k < pa.size; ++k) {
      const Step sa = a.steps[pa.begin + k], sb = b.steps[pb.begin + k];
      EXPECT_EQ(sa.op, sb.op);
      EXPECT_EQ(sa.value, sb.value);
      if (sa.op == Op::Repeat) {
        EXPECT_EQ(a.programs[sa.ref].size, b.programs[sb.ref].size);
      }
    }
  }
}

std::string error_of(const std::string& path, const LoadLimits& limits) {
  try {
    load_workload_file(path, limits);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "no error";
}

TEST(LoaderSplit, SameWorkloadAsOneParser) {
  const std::string path = write_temp("split_same.yaml", many_processes(400, "# trailing comment\n"));
  expect_same(load_workload_file(path, split_always()), load_workload_file(path, split_never()));
}

TEST(LoaderSplit, RootKeysAfterTheListAreKept) {
  std::string text = "processes:\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "cpus: 4\nname: late\n";
  const std::string path = write_temp("split_late_keys.yaml", text);
  const Workload w = load_workload_file(path, split_always());
  EXPECT_EQ(w.cpus, 4u);
  EXPECT_EQ(w.name, "late");
  expect_same(w, load_workload_file(path, split_never()));
}

TEST(LoaderSplit, KeyRepeatedAcrossHalvesIsAnError) {
  std::string text = "cpus: 2\nprocesses:\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "cpus: 4\n";
  const std::string path = write_temp("split_repeat_key.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
  EXPECT_EQ(error_of(path, split_always()), path + ":303:1: error: key 'cpus' given twice in the workload");
}

TEST(LoaderSplit, DuplicateNameAcrossHalvesNamesTheRightLines) {
  std::string text = many_processes(400);
  text += "  - {name: p3, burst: 1}\n";  // line 404 repeats line 7's name
  const std::string path = write_temp("split_dup.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
  EXPECT_EQ(error_of(path, split_always()), path + ":404:12: error: duplicate process name 'p3' (first used at line 7)");
}

TEST(LoaderSplit, ErrorInSecondHalfHasItsTrueLine) {
  std::string text = many_processes(400);
  text += "  - {name: bad, burst: -1}\n";
  const std::string path = write_temp("split_err2.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), path + ":404:24: error: 'burst' must be > 0, got -1");
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
}

TEST(LoaderSplit, FirstErrorInFileOrderWins) {
  std::string text = "processes:\n  - {name: early, burst: x}\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "  - {name: late, burst: -1}\n";
  const std::string path = write_temp("split_err_order.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), path + ":2:26: error: 'burst' expects a whole number of ticks, got 'x'");
}

TEST(LoaderSplit, MisleadingMiddleFallsBackToOneParser) {
  // A quoted multi-line name spans the middle of the file, and its continuation lines look
  // like process entries. The second parser's guess is wrong; the result must not change.
  std::string text = "processes:\n";
  for (int i = 0; i < 50; ++i) text += "  - {name: a" + std::to_string(i) + ", burst: 1}\n";
  text += "  - name: \"long\n";
  for (int i = 0; i < 200; ++i) text += "  - {name: fake" + std::to_string(i) + ", burst: 1}\n";
  text += "    end\"\n    burst: 2\n";
  for (int i = 0; i < 50; ++i) text += "  - {name: b" + std::to_string(i) + ", burst: 1}\n";
  const std::string path = write_temp("split_misleading.yaml", text);
  const Workload w = load_workload_file(path, split_always());
  EXPECT_EQ(w.processes.size(), 101u);
  expect_same(w, load_workload_file(path, split_never()));
}

}  // namespace
}  // namespace schedlab

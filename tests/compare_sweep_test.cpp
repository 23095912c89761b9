// `schedlab compare` over workloads x policies x seeds: the same bytes whatever -j is,
// shards that partition the grid and merge back into the unsharded output (in-process,
// and as separate processes under GNU parallel when it is installed).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("schedlab-compare-" + std::to_string(::getpid())) / name;
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kSmall = R"(name: small
cpus: 2
processes:
  - {name: A, arrival: 0, program: [{cpu: 6}, {io: 4}, {cpu: 3}]}
  - {name: B, arrival: 1, burst: 9}
  - {name: C, arrival: 2, program: [{cpu: 2}, {io: 6}, {cpu: 2}, {io: 3}, {cpu: 1}]}
  - {name: D, arrival: 4, burst: 4, priority: 1}
  - {name: E, arrival: 7, burst: 12, priority: 2}
)";

std::string small_workload() {
  const fs::path p = temp_dir("workloads") / "small.yaml";
  std::ofstream(p) << kSmall;
  return p.string();
}

// A sweep with a file and a generated workload, a randomised policy among others.
std::vector<std::string> sweep_args() {
  return {"compare", small_workload(), "gen:n=300,io-share=0.4,cpus=2", "-p", "fcfs", "-p", "rr:quantum=3",
          "-p",      "srtf",           "-p",                           "lottery", "--seeds", "1..6"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(CompareSweep, OneAndFourJobsGiveTheSameBytes) {
  for (const char* format : {"csv", "json", "table"}) {
    const CliResult one = run_cli(with(sweep_args(), {"-f", format, "-j", "1"}));
    const CliResult four = run_cli(with(sweep_args(), {"-f", format, "-j", "4"}));
    ASSERT_EQ(one.code, 0) << one.err;
    ASSERT_EQ(four.code, 0) << four.err;
    EXPECT_EQ(one.out, four.out) << format;
    EXPECT_EQ(one.err, "") << "no progress bar unless stderr is a terminal";
  }
}

TEST(CompareSweep, CsvIsTidyLongFormat) {
  const CliResult r = run_cli(with(sweep_args(), {"-f", "csv"}));
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "workload,policy,seed,metric,value");
  std::size_t rows = 0;
  std::set<std::string> keys;
  while (std::getline(in, line)) {
    ++rows;
    keys.insert(line.substr(0, line.rfind(',')));  // workload,policy,seed,metric is unique
  }
  EXPECT_EQ(rows, 2u * 4 * 6 * 8);  // workloads x policies x seeds x metrics
  EXPECT_EQ(keys.size(), rows);
  EXPECT_NE(r.out.find("\n\"gen:n=300,io-share=0.4,cpus=2\",lottery,6,context_switches,"), std::string::npos);
}

// The README's main command prints this table. (The fairness column is the kernel's
// business and may be redefined; everything else is pinned.)
TEST(CompareSweep, SingleWorkloadTableKeepsItsShape) {
  const CliResult r = run_cli({"compare", small_workload(), "-p", "fcfs", "-p", "sjf", "-p", "rr:quantum=3"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 9u) << r.out;
  EXPECT_EQ(lines[0], "workload: small   processes: 5   cpus: 2");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2],
            "policy        avg turnaround  avg response  avg waiting  makespan  CPU util  throughput  fairness  switches");
  EXPECT_EQ(lines[3].rfind("\u2500\u2500\u2500", 0), 0u);
  auto fields = [](const std::string& line) {
    std::istringstream s(line);
    std::vector<std::string> out;
    for (std::string f; s >> f;) out.push_back(f);
    out.erase(out.begin() + 7);  // fairness
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(fields(lines[4]), (V{"fcfs", "13.20", "2.20", "2.80", "22", "88.6%", "0.2273", "5*"}));
  EXPECT_EQ(fields(lines[5]), (V{"sjf", "13.00*", "2.60", "2.60*", "24", "81.2%", "0.2083", "5*"}));
  EXPECT_EQ(fields(lines[6]), (V{"rr:quantum=3", "13.80", "1.00*", "3.40", "21*", "92.9%*", "0.2381*", "13"}));
  EXPECT_EQ(lines[7], "");
  EXPECT_EQ(lines[8], "* best in its column (lowest times and switches; highest utilization, throughput and fairness)");
}

TEST(CompareSweep, EachSeedGeneratesANewWorkloadUnlessTheSpecPinsIt) {
  auto makespans = [](const std::string& spec) {
    const CliResult r = run_cli({"compare", spec, "-p", "fcfs", "--seeds", "1..3", "-f", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    std::set<std::int64_t> out;
    const json doc = json::parse(r.out);
    for (const json& c : doc["results"]) out.insert(c["makespan"].get<std::int64_t>());
    return out.size();
  };
  EXPECT_EQ(makespans("gen:n=50"), 3u);
  EXPECT_EQ(makespans("gen:n=50,seed=9"), 1u);
}

TEST(CompareSweep, GenSpecRunsLikeTheFileGenWrites) {
  const std::string file = (temp_dir("gen") / "w.yaml").string();
  ASSERT_EQ(run_cli({"gen", "-n", "200", "--io-share", "0.4", "--seed", "3", "-o", file}).code, 0);
  const CliResult from_file = run_cli({"compare", file, "-f", "csv", "-p", "rr", "-p", "sjf"});
  const CliResult from_spec = run_cli({"compare", "gen:n=200,io-share=0.4,seed=3", "-f", "csv", "-p", "rr", "-p", "sjf"});
  ASSERT_EQ(from_file.code, 0) << from_file.err;
  // The file's name is its canonical spec, so even the labels agree.
  EXPECT_EQ(from_file.out, from_spec.out);
}

TEST(CompareSweep, ShardsPartitionTheGrid) {
  std::multiset<std::uint64_t> cells;
  for (int k = 1; k <= 5; ++k) {
    const CliResult r = run_cli(with(sweep_args(), {"-f", "json", "--shard", std::to_string(k) + "/5"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["shard"]["index"], k);
    for (const json& c : doc["results"]) {
      EXPECT_EQ(c["cell"].get<std::uint64_t>() % 5, static_cast<std::uint64_t>(k - 1));
      cells.insert(c["cell"].get<std::uint64_t>());
    }
  }
  ASSERT_EQ(cells.size(), 48u);
  for (std::uint64_t c = 0; c < 48; ++c) EXPECT_EQ(cells.count(c), 1u) << c;
}

TEST(CompareSweep, MergedShardsEqualTheUnshardedRun) {
  const fs::path dir = temp_dir("merge");
  std::vector<std::string> json_shards, csv_shards;
  for (int k = 3; k >= 1; --k) {  // any order
    const std::string shard = std::to_string(k) + "/3";
    json_shards.push_back((dir / fmt::format("s{}.json", k)).string());
    csv_shards.push_back((dir / fmt::format("s{}.csv", k)).string());
    ASSERT_EQ(run_cli(with(sweep_args(), {"-f", "json", "--shard", shard, "-o", json_shards.back()})).code, 0);
    ASSERT_EQ(run_cli(with(sweep_args(), {"-f", "csv", "--shard", shard, "-o", csv_shards.back()})).code, 0);
  }
  for (const char* format : {"json", "csv", "table"}) {
    const CliResult whole = run_cli(with(sweep_args(), {"-f", format}));
    const CliResult merged = run_cli(with(with({"merge"}, json_shards), {"-f", format}));
    ASSERT_EQ(merged.code, 0) << merged.err;
    EXPECT_EQ(merged.out, whole.out) << format;
  }
  const CliResult merged_csv = run_cli(with({"merge"}, csv_shards));
  ASSERT_EQ(merged_csv.code, 0) << merged_csv.err;
  EXPECT_EQ(merged_csv.out, run_cli(with(sweep_args(), {"-f", "csv"})).out);
}

// The documented scale-out recipe (docs/sweeps.md) with real processes: GNU parallel
// when installed, else a plain loop of the same commands.
TEST(CompareSweep, ShardsAsSeparateProcessesMergeBack) {
  const fs::path binary = fs::path(SCHEDLAB_BINARY_DIR) / "cli" / "schedlab";
  if (!fs::exists(binary)) GTEST_SKIP() << "build the schedlab target first (" << binary << ")";
  const fs::path dir = temp_dir("parallel");
  std::string args;
  for (const std::string& a : sweep_args()) args += " '" + a + "'";
  const std::string shard_cmd = binary.string() + args + " -f json -j 1 --shard {}/4 -o " + (dir / "shard-{}.json").string();
  const bool have_parallel = std::system("command -v parallel >/dev/null 2>&1") == 0;
  std::string script;
  if (have_parallel) {
    script = "parallel --will-cite -j 4 \"" + shard_cmd + "\" ::: 1 2 3 4";
  } else {
    script = "for k in 1 2 3 4; do " + std::regex_replace(shard_cmd, std::regex("\\{\\}"), "$k") + " || exit 1; done";
  }
  ASSERT_EQ(std::system(script.c_str()), 0) << script;
  const std::string merged = (dir / "merged.csv").string();
  ASSERT_EQ(std::system((binary.string() + " merge " + (dir / "shard-*.json").string() + " -f csv -o " + merged).c_str()), 0);
  EXPECT_EQ(slurp(merged), run_cli(with(sweep_args(), {"-f", "csv"})).out)
      << (have_parallel ? "(GNU parallel)" : "(shell loop: GNU parallel is not installed)");
}

TEST(CompareSweep, BadSweepsAreOneLineUsageErrors) {
  const std::string w = small_workload();
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"compare", w, "--seeds", "5..1"},
           {"compare", w, "--seeds", "1,x"},
           {"compare", w, "--seeds", "1,2,1"},
           {"compare", w, "--seeds", "1..3", "--seed", "4"},
           {"compare", w, "--shard", "5/4"},
           {"compare", w, "--shard", "0/4"},
           {"compare", w, "--shard", "two"},
           {"compare", "gen:n=10,bogus=1"},
           {"compare", "gen:n"},
           {"compare", "gen:n=10,io-share=7"},
           {"compare", w, "-p", "nosuchpolicy"},
           {"compare", "/nonexistent/w.yaml"},
           {"compare"},
           {"merge"},
           {"merge", "/nonexistent/shard.json"},
       }) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.code, 2) << fmt::format("{}", fmt::join(args, " "));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(CompareSweep, MergeRejectsShardsOfDifferentSweeps) {
  const fs::path dir = temp_dir("mismatch");
  const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string(), c = (dir / "c.json").string();
  ASSERT_EQ(run_cli(with(sweep_args(), {"-f", "json", "--shard", "1/2", "-o", a})).code, 0);
  ASSERT_EQ(run_cli({"compare", small_workload(), "-f", "json", "--shard", "2/2", "-o", b}).code, 0);
  const CliResult mixed = run_cli({"merge", a, b});
  EXPECT_EQ(mixed.code, 2);
  EXPECT_NE(mixed.err.find("another sweep"), std::string::npos) << mixed.err;
  const CliResult missing = run_cli({"merge", a});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("missing shard 2/2"), std::string::npos) << missing.err;
  ASSERT_EQ(run_cli(with(sweep_args(), {"-f", "json", "--shard", "1/2", "-o", c})).code, 0);
  const CliResult twice = run_cli({"merge", a, c});
  EXPECT_EQ(twice.code, 2);
  EXPECT_NE(twice.err.find("shard 1/2 is also in"), std::string::npos) << twice.err;
}

}  // namespace
}  // namespace schedlab::test

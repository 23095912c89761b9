// compare --emit-sbatch: the script carries the sweep as written, minus the options it sets
// per task; tests/slurm/run.sh runs such a script on a real Slurm.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

TEST(EmitSbatch, WritesTheSweepAsGivenWithAFixedShardCountAndAMergeJob) {
  const fs::path path = fs::temp_directory_path() / ("schedlab-emit-" + std::to_string(::getpid()) + ".sbatch");
  const CliResult r = run_cli({"compare", "gen:n=30", "-p", "fcfs", "-p", "rr", "--seeds=1..12", "--until", "900",
                               "-f", "csv", "-o", "sweep.csv", "-j", "3", "--tasks", "6", "--emit-sbatch",
                               path.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  fs::remove(path);
  const std::string text = s.str();
  for (const char* line : {"#SBATCH --array=1-6\n", "#SBATCH --cpus-per-task=3\n", "N=6\n",
                           "  merge_args='merge shards/shard-*.json -f csv -o sweep.csv'\n",
                           "exec \"$SCHEDLAB\" compare gen:n=30 -p fcfs -p rr --seeds=1..12 --until 900 \\\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nnot in:\n" << text;
  EXPECT_EQ(text.find("SLURM_ARRAY_TASK_COUNT"), std::string::npos);
}

TEST(EmitSbatch, RefusesAShardOrCheckpointOfItsOwn) {
  const CliResult r = run_cli({"compare", "gen:n=30", "--shard", "1/2", "--emit-sbatch", "x.sbatch"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "schedlab compare: error: --emit-sbatch sets --shard and --checkpoint for each task itself: leave them "
            "out (see 'schedlab compare --help')\n");
}

}  // namespace
}  // namespace schedlab::test

// Files schedlab writes are written whole or not at all (report/atomic_file.hpp): a full
// disk or a directory that cannot be written ends with exit 1 and one line naming the file,
// and whatever was at that path before is left as it was, with no temporary file behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <schedlab/report/atomic_file.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("schedlab-atomic-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The names in `dir`, to show that no ".NAME.tmp.XXXXXX" was left behind.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A small tmpfs mounted on `dir` for the test's lifetime (needs root and mount rights).
class Tmpfs {
 public:
  Tmpfs(const fs::path& dir, const std::string& options) : dir_(dir) {
    if (::geteuid() != 0) {
      why_not_ = "not root, so no tmpfs can be mounted";
      return;
    }
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why_not_ = std::string("mount(tmpfs) failed: ") + std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& why_not() const { return why_not_; }
  bool remount_read_only() {
    return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

 private:
  fs::path dir_;
  bool mounted_ = false;
  std::string why_not_;
};

TEST(AtomicFile, CommitReplacesTheFileAndKeepsItsMode) {
  const fs::path dir = fresh_dir("commit");
  const fs::path path = dir / "out.txt";
  std::ofstream(path) << "old contents\n";
  fs::permissions(path, fs::perms(0640));
  {
    report::AtomicFile file(path.string());
    file.stream() << "new contents\n";
    EXPECT_EQ(slurp(path), "old contents\n");  // nothing is visible before commit
    EXPECT_EQ(names_in(dir).size(), 2u);        // out.txt and the temporary file
    file.commit();
  }
  EXPECT_EQ(slurp(path), "new contents\n");
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out.txt"});
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms(0640));
}

TEST(AtomicFile, WithoutCommitTheOldFileStaysAndTheTemporaryGoes) {
  const fs::path dir = fresh_dir("abandon");
  const fs::path path = dir / "out.txt";
  std::ofstream(path) << "old contents\n";
  {
    report::AtomicFile file(path.string());
    file.stream() << "half of the new";
  }  // e.g. an exception while writing
  EXPECT_EQ(slurp(path), "old contents\n");
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out.txt"});
}

TEST(AtomicFile, ASymlinkStaysAndItsTargetIsReplaced) {
  const fs::path dir = fresh_dir("symlink");
  std::ofstream(dir / "target.csv") << "old\n";
  fs::create_symlink("target.csv", dir / "link.csv");
  report::write_file_atomically((dir / "link.csv").string(), "new\n");
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_EQ(slurp(dir / "target.csv"), "new\n");
}

TEST(AtomicFile, DevFullIsAWriteErrorNamingTheFile) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "skipped: this system has no /dev/full";
  const CliResult r = run_cli({"gen", "-n", "2000", "-o", "/dev/full"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "schedlab gen: error: writing '/dev/full' failed: No space left on device\n");
}

// A 64 KiB tmpfs: a sweep's CSV and a generated workload that do not fit. Each command
// fails with exit 1 and the file that was there before is byte for byte what it was.
TEST(AtomicFile, AFullFileSystemLeavesThePreviousFileUntouched) {
  const fs::path dir = fresh_dir("full");
  Tmpfs tmpfs(dir, "size=64k");
  if (!tmpfs.mounted()) GTEST_SKIP() << "skipped: " << tmpfs.why_not();
  const fs::path gen_out = dir / "w.yaml";
  const fs::path csv_out = dir / "sweep.csv";
  std::ofstream(gen_out) << "an earlier workload\n";
  std::ofstream(csv_out) << "an,earlier,sweep\n";

  const CliResult gen = run_cli({"gen", "-n", "20000", "-o", gen_out.string()});
  EXPECT_EQ(gen.code, 1);
  EXPECT_EQ(gen.err, "schedlab gen: error: writing '" + gen_out.string() + "' failed: No space left on device\n");
  EXPECT_EQ(slurp(gen_out), "an earlier workload\n");

  const CliResult cmp = run_cli({"compare", "gen:n=40", "-p", "fcfs", "-p", "rr:quantum=2", "--seeds", "1..400",
                                 "-f", "csv", "-o", csv_out.string(), "--no-progress", "-j", "2"});
  EXPECT_EQ(cmp.code, 1);
  EXPECT_EQ(cmp.out, "");
  EXPECT_EQ(cmp.err, "schedlab compare: error: writing '" + csv_out.string() + "' failed: No space left on device\n");
  EXPECT_EQ(slurp(csv_out), "an,earlier,sweep\n");
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"sweep.csv", "w.yaml"}));
}

// A directory nobody may write: a read-only mount when root (root ignores mode bits),
// else a directory with mode 0555.
TEST(AtomicFile, AReadOnlyDirectoryLeavesThePreviousFileUntouched) {
  const fs::path dir = fresh_dir("readonly");
  Tmpfs tmpfs(dir, "size=1m");
  std::string reason = "Permission denied";
  if (tmpfs.mounted()) {
    std::ofstream(dir / "out.json") << "{\"earlier\": true}\n";
    ASSERT_TRUE(tmpfs.remount_read_only()) << std::strerror(errno);
    reason = "Read-only file system";
  } else if (::geteuid() != 0) {
    std::ofstream(dir / "out.json") << "{\"earlier\": true}\n";
    fs::permissions(dir, fs::perms(0555));
  } else {
    GTEST_SKIP() << "skipped: root, and " << tmpfs.why_not();
  }
  const std::string path = (dir / "out.json").string();
  const CliResult r = run_cli({"compare", "gen:n=20", "-p", "fcfs", "-f", "json", "-o", path, "--no-progress"});
  if (!tmpfs.mounted()) fs::permissions(dir, fs::perms(0755));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "schedlab compare: error: cannot write '" + path + "': " + reason + "\n");
  EXPECT_EQ(slurp(path), "{\"earlier\": true}\n");
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out.json"});

  const std::string trace = (dir / "run.trace.json").string();
  const CliResult run = run_cli({"run", source_path("workloads/default.yaml"), "-p", "fcfs", "--trace", trace});
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.err, "schedlab run: error: cannot write '" + trace + "': " + reason + "\n");
}

}  // namespace
}  // namespace schedlab::test

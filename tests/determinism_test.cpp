// Determinism guard: every bundled workload (workloads/**/*.yaml) under every built-in
// policy, run twice, gives the same trace (hashed record by record), and `schedlab
// compare` prints the same bytes with -j 1 and -j 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/run_result.hpp>
#include <schedlab/workload_loader.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

// FNV-1a over every field of every record the kernel reports, in order.
class TraceHash : public KernelObserver {
 public:
  std::uint64_t value = 14695981039346656037ull;
  std::uint64_t records = 0;

  void on_task_created(const TaskRecord& r) override {
    mix('T', r.id, r.pid, r.ppid, r.created, r.is_thread);
    bytes(r.name.data(), r.name.size());
  }
  void on_transition(const TransitionRecord& r) override {
    mix('X', r.time, r.task, static_cast<int>(r.from), static_cast<int>(r.to), static_cast<int>(r.cause));
  }
  void on_dispatch(Ticks time, TaskId task, CpuId cpu) override { mix('D', time, task, cpu); }
  void on_slice(const SliceRecord& r) override {
    mix('S', r.task, r.cpu, r.start, r.end, static_cast<int>(r.reason), r.switch_ticks);
  }
  void on_instant(const InstantRecord& r) override {
    mix('I', r.time, static_cast<int>(r.kind), r.task, r.other, r.value);
    bytes(r.text.data(), r.text.size());
  }

 private:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) value = (value ^ b[i]) * 1099511628211ull;
  }
  template <typename... T>
  void mix(T... fields) {
    ++records;
    (
        [&] {
          const auto v = static_cast<std::int64_t>(fields);
          bytes(&v, sizeof v);
        }(),
        ...);
  }
};

struct Fingerprint {
  std::uint64_t hash = 0;
  std::uint64_t records = 0;
  RunStatus status = RunStatus::Completed;
  Ticks end_time = 0;
  std::uint64_t events = 0;
  bool operator==(const Fingerprint&) const = default;
};

std::vector<std::string> bundled_workloads() {
  std::vector<std::string> files;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(source_path("workloads")))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

const PolicyRegistry& builtins() { return builtin_registry(); }

Fingerprint fingerprint(const Workload& w, const std::string& spec) {
  KernelConfig config;
  config.check_invariants = true;
  config.max_events = 2'000'000;  // bundled workloads are small; a runaway would stop here
  Kernel kernel(config, builtins().resolve(spec));
  kernel.load(w);
  TraceHash hash;
  kernel.add_observer(&hash);
  const RunResult r = kernel.run();
  return Fingerprint{hash.value, hash.records, r.status, r.end_time, r.events};
}

TEST(DeterminismGuard, EveryBundledWorkloadUnderEveryPolicyRunsTheSameTwice) {
  const std::vector<std::string> files = bundled_workloads();
  const std::vector<std::string> specs = builtin_compare_set();
  ASSERT_GE(files.size(), 20u);
  ASSERT_GE(specs.size(), 9u);
  std::size_t runs = 0;
  for (const std::string& file : files) {
    const Workload w = load_workload_file(file);
    std::set<std::uint64_t> distinct;
    for (const std::string& spec : specs) {
      SCOPED_TRACE(file + " under " + spec);
      const Fingerprint a = fingerprint(w, spec);
      const Fingerprint b = fingerprint(w, spec);
      EXPECT_GT(a.records, 0u);
      EXPECT_TRUE(a == b) << "hash " << a.hash << " vs " << b.hash << ", records " << a.records << " vs "
                          << b.records << ", end " << a.end_time << " vs " << b.end_time;
      distinct.insert(a.hash);
      runs += 2;
    }
    if (file.ends_with("workloads/default.yaml")) {  // the hash sees the schedule: policies differ there
      EXPECT_GT(distinct.size(), specs.size() / 2);
    }
  }
  EXPECT_EQ(runs, files.size() * specs.size() * 2);
}

TEST(DeterminismGuard, TheHashSeesEveryRecord) {
  // Two runs that differ only in one quantum must hash differently.
  const Workload w = load_workload_file(source_path("workloads/default.yaml"));
  EXPECT_NE(fingerprint(w, "rr:quantum=2").hash, fingerprint(w, "rr:quantum=3").hash);
}

TEST(DeterminismGuard, CompareGivesTheSameBytesWithOneAndTwoJobs) {
  std::vector<std::string> args{"compare", "--seeds", "1..3", "-f", "json", "--no-progress"};
  for (const std::string& file : bundled_workloads())
    if (file.find("/textbook/") != std::string::npos || file.ends_with("/default.yaml")) args.push_back(file);
  std::vector<std::string> one = args, two = args;
  one.insert(one.end(), {"-j", "1"});
  two.insert(two.end(), {"-j", "2"});
  const CliResult a = run_cli(one);
  const CliResult b = run_cli(two);
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_GT(a.out.size(), 1000u);
  EXPECT_EQ(a.out, b.out);
}

}  // namespace
}  // namespace schedlab::test

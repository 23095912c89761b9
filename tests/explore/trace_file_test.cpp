// The failing run's trace: `explore --trace FILE` writes a schedlab trace file
// (schedlab/trace_file.hpp) that reads back losslessly and that the GUI's loader
// (open_trace_session) turns into a read-only session; broken files are one clear error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <schedlab/errors.hpp>
#include <schedlab/trace_file.hpp>

#include "test_support.hpp"

#ifdef SCHEDLAB_WITH_GUI_MODEL
#include "run_session.hpp"
#endif

namespace schedlab::test {
namespace {

const std::string kCounter = SCHEDLAB_EXAMPLE_counter;
const std::string kDeadlock = SCHEDLAB_EXAMPLE_deadlock;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("schedlab-trace-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string read_error(const std::string& path) {
  try {
    read_trace_file(path);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "(no error)";
}

TEST(TraceFile, ExploreSavesTheFailingRunWhole) {
  const std::string path = temp_path("counter.json");
  const CliResult r = run_cli({"explore", kCounter, "--strategy", "random", "--trace", path});
  ASSERT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("trace saved to " + path + " (open it with: schedlab-gui --trace " + path + ")\n"),
            std::string::npos)
      << r.out;
  const SavedRun run = read_trace_file(path);
  EXPECT_EQ(run.title, "counter (five threads decrement a shared counter without a lock) (" + kCounter + ")");
  EXPECT_EQ(run.policy, "random:quantum=1,seed=0");
  EXPECT_EQ(run.seed, 1u);
  EXPECT_EQ(run.failure, "lost update: counter is 3 after 5 decrements of 5");
  EXPECT_EQ(run.replay, "schedlab explore " + kCounter + " --strategy random --replay 1");
  ASSERT_EQ(run.trace.tasks.size(), 5u);
  EXPECT_EQ(run.trace.tasks[0].name, "worker1");
  EXPECT_FALSE(run.trace.transitions.empty());
  EXPECT_FALSE(run.trace.slices.empty());
  EXPECT_FALSE(run.trace.dispatches.empty());
  EXPECT_EQ(run.result.status, RunStatus::Completed);
  ASSERT_EQ(run.result.processes.size(), 5u);

  // Lossless: writing what was read gives the same bytes.
  std::ostringstream again;
  write_trace_file(again, run);
  EXPECT_EQ(again.str(), read_text(path));
  std::filesystem::remove(path);
}

TEST(TraceFile, ReplayWithTraceSavesThatRunAndTheDeadlockReport) {
  const std::string path = temp_path("deadlock.json");
  const CliResult r = run_cli({"explore", kDeadlock, "--strategy", "random", "--replay", "1", "--trace", path});
  ASSERT_EQ(r.code, 1) << r.out << r.err;
  const SavedRun run = read_trace_file(path);
  EXPECT_EQ(run.result.status, RunStatus::Deadlock);
  ASSERT_TRUE(run.result.deadlock.has_value());
  EXPECT_EQ(run.result.deadlock->cycle.size(), 2u);
  EXPECT_EQ(run.failure, "deadlock: " + run.result.deadlock->summary);
  std::filesystem::remove(path);
}

#ifdef SCHEDLAB_WITH_GUI_MODEL
TEST(TraceFile, TheGuiLoaderBuildsAReadOnlySession) {
  const std::string path = temp_path("gui.json");
  ASSERT_EQ(run_cli({"explore", kDeadlock, "--strategy", "random", "--trace", path}).code, 1);
  const auto s = gui::open_trace_session(path);
  ASSERT_TRUE(s->ok()) << s->error;
  ASSERT_TRUE(s->read_only());
  EXPECT_EQ(s->saved->file, path);
  EXPECT_NE(s->saved->failure.find("alice waits for lock B held by bob"), std::string::npos);
  EXPECT_EQ(s->policy.canonical, "random:quantum=1,seed=0");
  EXPECT_EQ(s->model.task_lanes().size(), 2u);
  EXPECT_EQ(s->model.cpu_lanes().size(), 1u);
  EXPECT_EQ(s->model.end(), s->result.end_time);
  EXPECT_FALSE(s->workload);
  EXPECT_TRUE(gui::queues_at(*s, 1).queues.empty());  // nothing to run again
  std::filesystem::remove(path);

  const auto bad = gui::open_trace_session("/no/such/trace.json");
  EXPECT_FALSE(bad->ok());
  EXPECT_EQ(bad->error, "/no/such/trace.json: error: cannot open the file");
}
#endif

TEST(TraceFile, BrokenFilesAreOneClearError) {
  EXPECT_EQ(read_error("/no/such/trace.json"), "/no/such/trace.json: error: cannot open the file");
  const std::string path = temp_path("broken.json");
  auto with = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return read_error(path);
  };
  EXPECT_EQ(with("not json"), path + ": error: not a schedlab trace file (not JSON)");
  EXPECT_EQ(with(R"({"traceEvents": []})"),
            path + ": error: not a schedlab trace file (written by 'schedlab explore --trace'; a Chrome trace from "
                   "'schedlab run --trace' is for ui.perfetto.dev)");
  EXPECT_EQ(with(R"({"format": "schedlab-trace", "version": 99})"),
            path + ": error: schedlab trace file version 99, but this schedlab reads version 1");
  EXPECT_EQ(with(R"({"format": "schedlab-trace", "version": 1})"),
            path + ": error: broken schedlab trace file: key 'title' not found");

  // A record naming a task that does not exist is refused (a viewer indexes by it).
  SavedRun run;
  run.result.cpus = 1;
  run.trace.tasks.push_back(TaskRecord{0, 1, 0, "A", 0, false});
  run.trace.slices.push_back(SliceRecord{3, 0, 0, 2, StopReason::Exited, 0});
  std::ofstream(path, std::ios::binary | std::ios::trunc) << [&] {
    std::ostringstream s;
    write_trace_file(s, run);
    return s.str();
  }();
  EXPECT_EQ(read_error(path), path + ": error: broken schedlab trace file: a slice names task 3, but there are 1 tasks");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace schedlab::test

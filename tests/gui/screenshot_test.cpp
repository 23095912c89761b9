// The real schedlab-gui binary renders offscreen and writes a PNG that is not blank:
// several colours overall, and the timeline area shows the state colours (not one
// uniform fill). Skipped, with the reason, only when no OpenGL context can be created.
#include <gtest/gtest.h>

#ifdef SCHEDLAB_GUI_BINARY
#include <stb_image.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/explore.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/trace_file.hpp>

namespace {

constexpr int kExitNoGl = 3;  // schedlab-gui's exit code when it gets no GL context

struct Shot {
  int code = -1;
  std::string log;
  int w = 0, h = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};
  std::array<unsigned char, 3> at(int x, int y) const {
    const unsigned char* p = pixels.get() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
    return {p[0], p[1], p[2]};
  }
};

Shot render(const std::string& name, const std::string& args) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("schedlab-gui-test-" + name + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path png = dir / (name + ".png"), log = dir / (name + ".log");
  fs::remove(png);
  // Offscreen unless the caller chose a driver (e.g. x11 under xvfb-run).
  const std::string env = std::getenv("SDL_VIDEODRIVER") ? "" : "SDL_VIDEODRIVER=offscreen ";
  const std::string cmd = env + "'" SCHEDLAB_GUI_BINARY "' --screenshot '" + png.string() + "' --width 1280 --height 800 " +
                          args + " > '" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  Shot s;
  s.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  s.log = ss.str();
  int n = 0;
  if (s.code == 0) s.pixels.reset(stbi_load(png.string().c_str(), &s.w, &s.h, &n, 3));
  std::error_code ec;
  fs::remove_all(dir, ec);
  return s;
}

bool near(std::array<unsigned char, 3> c, int r, int g, int b) {
  return std::abs(c[0] - r) < 12 && std::abs(c[1] - g) < 12 && std::abs(c[2] - b) < 12;
}

void expect_not_blank(const Shot& s) {
  ASSERT_TRUE(s.pixels) << "no PNG written\n" << s.log;
  EXPECT_EQ(s.w, 1280);
  EXPECT_EQ(s.h, 800);
  std::set<int> colors;
  for (int y = 0; y < s.h; y += 3)
    for (int x = 0; x < s.w; x += 3) {
      const auto c = s.at(x, y);
      colors.insert((c[0] >> 3) << 10 | (c[1] >> 3) << 5 | (c[2] >> 3));
    }
  EXPECT_GE(colors.size(), 20u) << "the screenshot has almost no colours";

  // The timeline area (top left, below the playback bar and the legend).
  std::set<int> timeline;
  int running = 0, ready = 0;
  for (int y = 150; y < 420; ++y)
    for (int x = 160; x < 900; ++x) {
      const auto c = s.at(x, y);
      timeline.insert((c[0] >> 3) << 10 | (c[1] >> 3) << 5 | (c[2] >> 3));
      running += near(c, 0x00, 0x9E, 0x73);  // Okabe-Ito bluish green: running
      ready += near(c, 0xE6, 0x9F, 0x00);    // orange: ready
    }
  EXPECT_GE(timeline.size(), 8u) << "the timeline area is (nearly) uniform";
  EXPECT_GT(running, 500) << "no running spans drawn";
  EXPECT_GT(ready, 200) << "no ready spans drawn";
}

TEST(GuiScreenshot, RendersTheTimelineOffscreen) {
  const Shot s = render("single", "--policy rr:quantum=3 --frames 3 --play-to 12");
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  expect_not_blank(s);
}

TEST(GuiScreenshot, RendersCompareModeOffscreen) {
  const Shot s = render("compare", "--policy fcfs --compare rr:quantum=2 --frames 3 --play-to 20 --select render");
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  expect_not_blank(s);
}

TEST(GuiScreenshot, SurvivesEveryGesture) {
  // Zoom, pan, click a lane, double-click (fit), middle-click (zoom to a slice), drag the
  // ruler, and every shortcut, in compare mode and out of it.
  const std::string input =
      "move 600 330; wheel 3; wait 2; wheel -1; down; move 650 340; move 700 350; up; wait 1; move 520 300; down; up;"
      "wait 1; down middle; up middle; wait 1; down; up; down; up; wait 2; move 500 145; down; move 560 145; up;"
      "key space; wait 3; key space; key right; key right; key left; key plus; key minus; key home; key end; key f;"
      "key c; wait 2; move 600 330; wheel 2; key h; wait 2; key esc; key esc; key c; wait 2";
  const Shot s = render("gestures", "--policy rr:quantum=3 --input \"" + input + "\"");
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  expect_not_blank(s);
}

// The x of the leftmost pixel of `r, g, b` in the strip [x0, x1) x [y0, y1), or -1.
int leftmost(const Shot& s, int x0, int x1, int y0, int y1, int r, int g, int b) {
  for (int x = x0; x < x1; ++x)
    for (int y = y0; y < y1; ++y)
      if (near(s.at(x, y), r, g, b)) return x;
  return -1;
}

TEST(GuiScreenshot, PanelsKeepTheirChoicesFromFrameToFrame) {
  // What the panels remember between frames (App::panels): run B in the process table and
  // in the state diagram, the B tab of the queues, a sort by name kept while the playhead
  // steps and compare mode goes off and on, and the open-path popup opened twice.
  const std::string input =
      "move 300 580; down; up; wait 1; move 705 580; down; up; wait 1; move 48 580; down; up; wait 1;"
      "move 380 607; down; up; wait 1; key right; wait 1; key c; wait 1; key c; wait 1;"
      "move 45 12; down; up; wait 1; move 55 108; down; up; wait 2; key esc; wait 1;"
      "move 45 12; down; up; wait 1; move 55 108; down; up; wait 2; key esc; wait 2";
  const Shot s = render("panel-state", "--policy fcfs --compare rr:quantum=2 --play-to 20 --input \"" + input + "\"");
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  expect_not_blank(s);
  // The A/B radio buttons under the titles of "Processes" (x from 237) and "State diagram"
  // (x from 640): the checked one's blue dot is the second, B, after all those frames.
  const int table = leftmost(s, 237, 637, 574, 587, 66, 150, 250);
  const int diagram = leftmost(s, 640, 938, 574, 587, 66, 150, 250);
  EXPECT_GT(table, 237 + 40) << "the process table no longer shows run B";
  EXPECT_GT(diagram, 640 + 40) << "the state diagram no longer shows run B";
}

TEST(GuiScreenshot, ABadWorkloadPathIsReportedNotFatal) {
  const Shot s = render("badpath", "/no/such/workload.yaml --frames 2");
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  EXPECT_NE(s.log.find("workload.yaml"), std::string::npos) << s.log;
  EXPECT_TRUE(s.pixels);
}

// A saved run (schedlab-gui --trace), made here with the kernel's API as `schedlab explore
// --trace` makes it: two threads that each take two locks, run under rr.
std::string write_saved_run(const std::string& name) {
  using namespace schedlab;
  SavedRun saved;
  saved.title = "two locks";
  saved.policy = "rr:quantum=1";
  saved.replay = "schedlab explore two-locks.so --replay 1";
  PolicyRegistry registry;
  register_builtin_policies(registry);
  real::Outcome run = real::replay(registry.resolve(saved.policy), [&](real::Runtime& rt) {
    rt.kernel().add_observer(&saved.trace);
    const ObjectId a = rt.kernel().create_lock("A");
    for (const char* who : {"alice", "bob"})
      rt.spawn_thread(who, [=](real::Sys& sys) {
        sys.lock(a);
        sys.compute(3);
        sys.unlock(a);
        sys.compute(2);
      });
  }, 1);
  saved.result = run.result;
  const auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".json");
  std::ofstream out(path);
  write_trace_file(out, saved);
  return path.string();
}

TEST(GuiScreenshot, RendersASavedRunReadOnly) {
  const std::string trace = write_saved_run("saved-run");
  const Shot s = render("saved", "--trace '" + trace + "' --frames 3 --play-to 4 --input \"key c; wait 1; key c\"");
  std::filesystem::remove(trace);
  if (s.code == kExitNoGl) GTEST_SKIP() << "no OpenGL context could be created here:\n" << s.log;
  ASSERT_EQ(s.code, 0) << s.log;
  EXPECT_EQ(s.log.find("error"), std::string::npos) << s.log;
  ASSERT_TRUE(s.pixels) << s.log;
  int running = 0;
  for (int y = 150; y < 420; ++y)
    for (int x = 160; x < 900; ++x) running += near(s.at(x, y), 0x00, 0x9E, 0x73);
  EXPECT_GT(running, 500) << "no running spans drawn";
}

TEST(GuiScreenshot, AnUnreadableTraceIsOneLineAndExit2) {
  const Shot s = render("badtrace", "--trace /no/such/run.json");
  EXPECT_EQ(s.code, 2);
  EXPECT_EQ(s.log, "schedlab-gui: /no/such/run.json: error: cannot open the file\n");
}

}  // namespace
#endif  // SCHEDLAB_GUI_BINARY

// `compare --report FILE.html`: a self-contained page that headless Chromium renders to a
// non-blank screenshot without console errors. The screenshot is kept in the build tree
// (test-artifacts/report.png) for people to look at.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#if __has_include(<stb/stb_image.h>)
#define STB_IMAGE_STATIC  // private to this file: no clash with other users of stb
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb/stb_image.h>
#pragma GCC diagnostic pop
#define HAVE_STB_IMAGE 1
#endif

#include "test_support.hpp"

namespace schedlab::test {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  const fs::path dir = fs::temp_directory_path() / ("schedlab-report-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The Chromium binary, or "" when it is not installed.
std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return name;
  }
  return "";
}

// Runs headless Chromium on `url` with `mode` (--dump-dom, --screenshot=...); returns
// its exit status, with stdout and stderr in the given files.
int chromium(const std::string& binary, const std::string& mode, const std::string& url, const fs::path& out,
             const fs::path& err) {
  const fs::path profile = temp_dir() / ("profile" + std::to_string(std::rand()));
  const std::string cmd = "timeout 120 " + binary +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update --disable-sync"
                          " --enable-logging=stderr --v=0 --user-data-dir=" + profile.string() +
                          " --window-size=1280,2000 " + mode + " '" + url + "' >" + out.string() + " 2>" + err.string();
  return std::system(cmd.c_str());
}

// Lines where the page logged to its console (errors, uncaught exceptions, failed loads).
std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);)
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
  return lines;
}

const char* kLecture = R"(name: lecture-mix
cpus: 2
processes:
  - {name: editor, arrival: 0, program: [{cpu: 2}, {io: 6}, {cpu: 2}, {io: 6}, {cpu: 2}]}
  - {name: compiler, arrival: 1, burst: 18}
  - {name: shell, arrival: 2, program: [{cpu: 1}, {io: 4}, {cpu: 1}, {io: 4}, {cpu: 1}]}
  - {name: backup, arrival: 3, program: [{cpu: 6}, {io: 10}, {cpu: 6}]}
  - {name: render, arrival: 5, burst: 12}
  - {name: "<mail & co>", arrival: 8, program: [{cpu: 3}, {io: 3}, {cpu: 2}]}
)";

struct Report {
  fs::path path;
  std::string html;
  std::vector<std::string> args;
};

const Report& report() {
  static const Report r = [] {
    Report rep;
    const fs::path w = temp_dir() / "lecture.yaml";
    std::ofstream(w) << kLecture;
    rep.path = temp_dir() / "report.html";
    rep.args = {"compare", w.string(), "gen:n=400,io-share=0.4,cpus=2", "-p", "fcfs", "-p", "srtf", "-p",
                "rr:quantum=3", "-p", "lottery", "--seeds", "1..8", "--report", rep.path.string(), "-f", "csv"};
    const CliResult res = run_cli(rep.args);
    EXPECT_EQ(res.code, 0) << res.err;
    rep.html = slurp(rep.path);
    return rep;
  }();
  return r;
}

TEST(HtmlReport, IsOneSelfContainedPage) {
  const std::string& html = report().html;
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  // Nothing loaded from anywhere: no scripts, no external stylesheets, images or fonts.
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "http://"), 0u);
  EXPECT_EQ(count(html, "https://"), 0u);
  EXPECT_EQ(count(html, "<link rel=\"stylesheet\""), 0u);
  EXPECT_EQ(count(html, "@import"), 0u);
  // The exact command, per workload: a summary, 8 bar charts, 2 box plots, a Gantt chart
  // and a process table per policy; names are escaped.
  EXPECT_NE(html.find("schedlab compare "), std::string::npos);
  EXPECT_NE(html.find("--seeds 1..8 --report"), std::string::npos);
  EXPECT_EQ(count(html, "<section id=\"w"), 2u);
  EXPECT_EQ(count(html, "<table class=\"summary\">"), 2u);
  EXPECT_EQ(count(html, "<svg class=\"bars\""), 2u * 8);
  EXPECT_EQ(count(html, "<svg class=\"boxes\""), 2u * 2);
  EXPECT_EQ(count(html, "<svg class=\"gantt\""), 2u * 4);
  EXPECT_EQ(count(html, "<details"), 2u * 4);
  EXPECT_NE(html.find("&lt;mail &amp; co&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<mail & co>"), std::string::npos);
  // Hover titles on slices: "editor on CPU 0: 0–2 (2 ticks), burst done".
  EXPECT_NE(html.find("<title>editor on CPU 0: 0\u20132 (2 ticks), burst done</title>"), std::string::npos);
}

TEST(HtmlReport, SameBytesWhateverTheJobs) {
  std::vector<std::string> args = report().args;
  const fs::path other = temp_dir() / "report-j1.html";
  args[args.size() - 3] = other.string();  // the --report path
  args.push_back("-j");
  args.push_back("1");
  ASSERT_EQ(run_cli(args).code, 0);
  std::string a = report().html, b = slurp(other);
  // Only the command line differs.
  a = std::regex_replace(a, std::regex("<pre class=\"command\">[^<]*</pre>"), "");
  b = std::regex_replace(b, std::regex("<pre class=\"command\">[^<]*</pre>"), "");
  EXPECT_TRUE(a == b);
}

TEST(HtmlReport, RendersInHeadlessChromium) {
  const std::string browser = find_chromium();
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed (Debian: apt-get install chromium)";
  const std::string url = "file://" + report().path.string();
  const fs::path dir = temp_dir();

  // The DOM Chromium built: the structure survived parsing.
  ASSERT_EQ(chromium(browser, "--dump-dom", url, dir / "dom.html", dir / "dom.log"), 0) << slurp(dir / "dom.log");
  const std::string dom = slurp(dir / "dom.html");
  EXPECT_NE(dom.find("<h1>Scheduling policies compared</h1>"), std::string::npos);
  EXPECT_EQ(count(dom, "<svg class=\"gantt\""), 8u);
  EXPECT_GT(count(dom, "<rect"), 500u);
  EXPECT_EQ(console_lines(slurp(dir / "dom.log")), std::vector<std::string>{});

  // The screenshot: kept for people, checked to be neither blank nor one flat colour.
  const fs::path artifacts = fs::path(SCHEDLAB_BINARY_DIR) / "test-artifacts";
  fs::create_directories(artifacts);
  const fs::path png = artifacts / "report.png";
  fs::remove(png);
  ASSERT_EQ(chromium(browser, "--screenshot=" + png.string(), url, dir / "shot.out", dir / "shot.log"), 0)
      << slurp(dir / "shot.log");
  EXPECT_EQ(console_lines(slurp(dir / "shot.log")), std::vector<std::string>{});
  ASSERT_TRUE(fs::exists(png));
#ifdef HAVE_STB_IMAGE
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &channels, 3);
  ASSERT_NE(pixels, nullptr) << stbi_failure_reason();
  EXPECT_EQ(w, 1280);
  EXPECT_EQ(h, 2000);
  std::set<std::uint32_t> colours;
  std::size_t inked = 0;  // pixels clearly darker than the page background
  for (int i = 0; i < w * h; ++i) {
    const unsigned char* p = pixels + 3 * i;
    colours.insert(static_cast<std::uint32_t>(p[0]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[2]);
    inked += p[0] + p[1] + p[2] < 3 * 200;
  }
  stbi_image_free(pixels);
  EXPECT_GT(colours.size(), 200u) << "charts in several colours";
  EXPECT_GT(static_cast<double>(inked) / (w * h), 0.03) << "text and charts, not a blank page";
#else
  EXPECT_GT(fs::file_size(png), 50'000u) << "a blank 1280x2000 PNG is a few kB";
#endif
}

// The console check above is not vacuous: a page with a script error is caught.
TEST(HtmlReport, TheConsoleCheckCatchesErrors) {
  const std::string browser = find_chromium();
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed (Debian: apt-get install chromium)";
  const fs::path dir = temp_dir();
  std::ofstream(dir / "broken.html") << "<html><body><script>undefinedFunction();</script></body></html>";
  ASSERT_EQ(chromium(browser, "--dump-dom", "file://" + (dir / "broken.html").string(), dir / "b.out", dir / "b.log"), 0);
  EXPECT_EQ(console_lines(slurp(dir / "b.log")).size(), 1u);
}

}  // namespace
}  // namespace schedlab::test

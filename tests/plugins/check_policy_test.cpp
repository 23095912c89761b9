// schedlab check-policy (lab/src/policy_checker.cpp): each deliberate mistake of the `broken`
// test plugin is reported in the policy's own terms, correct policies get "no violations",
// and the two regressions: the queue checks' skip reason (bug=slice, bug=badcall) and
// bug=stale / bug=twice, which used to crash the checker (Context::task() in stopping()).
#include <gtest/gtest.h>

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

#include "plugin_test_support.hpp"

namespace schedlab::test {
namespace {

const std::string kBattery =
    "43 workloads on 1, 2, 4 CPUs: 128 runs, each run twice; invariant checker on; starvation limit 1000 ticks\n";

CliResult check(const std::string& plugin, const std::string& spec, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"check-policy", "--policy", spec};
  if (!plugin.empty()) args.insert(args.end(), {"--plugin", plugin});
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

CliResult check_broken(const std::string& bug, std::vector<std::string> extra = {}) {
  return check(kBrokenPlugin, "broken:bug=" + bug, std::move(extra));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The report's FAIL blocks: each "FAIL ..." line and the example lines under it.
std::vector<std::string> failures(const std::string& report) {
  std::vector<std::string> out;
  bool in_block = false;
  for (const std::string& line : lines_of(report)) {
    if (line.rfind("FAIL  ", 0) == 0) in_block = true;
    else if (line.rfind("        ", 0) != 0) in_block = false;
    if (in_block) out.push_back(line);
  }
  return out;
}

std::string all_ok_report(const std::string& title) {
  return "check-policy " + title + "\n" + kBattery +
         "\n"
         "ok    exception         a callback threw\n"
         "ok    bad-call          the kernel rejected a call the policy made\n"
         "ok    not-ready         picked a task that is not ready\n"
         "ok    affinity          picked a task for a CPU it may not use\n"
         "ok    bad-slice         gave a slice of 0 ticks or less\n"
         "ok    enqueued-twice    its queues hold a task twice\n"
         "ok    stale-entry       its queues hold a task that is not ready\n"
         "ok    lost-task         its queues miss a ready task\n"
         "ok    has-ready         has_ready() disagreed with the tasks enqueued and not picked\n"
         "ok    idle              returned nothing while tasks were ready and CPUs idle\n"
         "ok    starved           starved a task\n"
         "ok    no-progress       a run did not finish\n"
         "ok    nondeterministic  two runs with the same seed differ\n"
         "ok    kernel            the kernel stopped a run\n"
         "\n"
         "no violations\n";
}

const std::string kCoro = "        course/coroutines-blocking-io.yaml, ";

// ---- correct policies ---------------------------------------------------------------------

TEST(CheckPolicy, CorrectPoliciesHaveNoViolations) {
  CliResult r = check_broken("none");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, all_ok_report("broken:bug=none (plugin " + kBrokenPlugin + ")"));
  EXPECT_EQ(r.err, "");
  for (const char* builtin : {"fcfs", "rr"}) {
    r = check("", builtin);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out, all_ok_report(std::string(builtin) == "rr" ? "rr:quantum=4" : "fcfs"));
  }
}

TEST(CheckPolicy, FgbgStarvesOnlyByDesign) {
  CliResult r = check(kFgbgPlugin, "fgbg");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(failures(r.out),
            (std::vector<std::string>{
                "FAIL  starved           starved a task: in 1 of 128 runs (1 time)",
                "        scenario:starvation, 1 CPU, t=1600: task 2 (batch) waited 1599 ticks ready (since t=1) before "
                "pick_next chose it (limit 1000)"}));
  EXPECT_EQ(lines_of(r.out).front(), "check-policy fgbg:quantum=4,background=3 (plugin " + kFgbgPlugin + ")");
  EXPECT_EQ(lines_of(r.out).back(), "1 kind of violation");

  r = check(kFgbgPlugin, "fgbg", {"--starvation", "0"});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "no violations");
  EXPECT_EQ(r.out.find("starved"), std::string::npos) << "the check is off: not listed";
  EXPECT_NE(r.out.find("; no starvation limit\n"), std::string::npos) << r.out;
}

TEST(CheckPolicy, PolicyWithoutDescribeSkipsTheQueueChecks) {
  // every-nth (good plugin) implements no describe(): the three queue checks are skipped.
  const CliResult r = check(kGoodPlugin, "every-nth");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("skip  enqueued-twice    its queues hold a task twice (describe() lists no queues)\n"
                       "skip  stale-entry       its queues hold a task that is not ready (describe() lists no queues)\n"
                       "skip  lost-task         its queues miss a ready task (describe() lists no queues)\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "no violations");
}

// ---- the broken plugin: each mistake in the policy's own terms -----------------------------

struct Expected {
  const char* bug;
  std::vector<std::string> failures;
  const char* verdict;
};

TEST(CheckPolicy, CatchesEachMistakeOfTheBrokenPlugin) {
  const std::vector<Expected> cases = {
      {"lazy",
       {"FAIL  has-ready         has_ready() disagreed with the tasks enqueued and not picked: in 128 of 128 runs "
        "(14148 times)",
        kCoro + "1 CPU, t=0: has_ready() returned false while 1 task (crawler) enqueued and not picked",
        kCoro + "2 CPUs, t=0: has_ready() returned false while 1 task (crawler) enqueued and not picked",
        kCoro + "4 CPUs, t=0: has_ready() returned false while 1 task (crawler) enqueued and not picked",
        "FAIL  idle              returned nothing while tasks were ready and CPUs idle: in 128 of 128 runs (5308 "
        "times)",
        kCoro + "1 CPU, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: has_ready() returned false",
        kCoro + "2 CPUs, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: has_ready() returned false",
        kCoro + "4 CPUs, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: has_ready() returned false"},
       "2 kinds of violation"},
      {"affinity",
       {"FAIL  affinity          picked a task for a CPU it may not use: in 2 of 128 runs (2 times)",
        "        scenario:affinity, 2 CPUs, t=6: pick_next(1) returned task 3 (pinned0b), whose affinity excludes CPU 1",
        "        scenario:affinity, 4 CPUs, t=1: pick_next(3) returned task 3 (pinned0b), whose affinity excludes CPU "
        "3"},
       "1 kind of violation"},
      {"slice",
       {"FAIL  bad-slice         gave a slice of 0 ticks or less: in 128 of 128 runs (128 times)",
        kCoro + "1 CPU, t=0: pick_next(0) returned task 0 (crawler) with a slice of 0 ticks",
        kCoro + "2 CPUs, t=0: pick_next(0) returned task 0 (crawler) with a slice of 0 ticks",
        kCoro + "4 CPUs, t=0: pick_next(0) returned task 0 (crawler) with a slice of 0 ticks"},
       "1 kind of violation"},
      {"badcall",
       {"FAIL  bad-call          the kernel rejected a call the policy made: in 128 of 128 runs (128 times)",
        kCoro + "1 CPU, t=0: in running(): policy set a timer in the past (-1 < now 0)",
        kCoro + "2 CPUs, t=0: in running(): policy set a timer in the past (-1 < now 0)",
        kCoro + "4 CPUs, t=0: in running(): policy set a timer in the past (-1 < now 0)"},
       "1 kind of violation"},
      {"throw",
       {"FAIL  exception         a callback threw: in 103 of 128 runs (103 times)",
        kCoro + "1 CPU, t=11: pick_next() threw std::out_of_range: no task at slot 7",
        kCoro + "2 CPUs, t=11: pick_next() threw std::out_of_range: no task at slot 7",
        kCoro + "4 CPUs, t=11: pick_next() threw std::out_of_range: no task at slot 7"},
       "1 kind of violation"},
      {"foreign",
       {"FAIL  exception         a callback threw: in 103 of 128 runs (103 times)",
        kCoro + "1 CPU, t=11: pick_next() threw int", kCoro + "2 CPUs, t=11: pick_next() threw int",
        kCoro + "4 CPUs, t=11: pick_next() threw int"},
       "1 kind of violation"},
      {"idle",
       {"FAIL  idle              returned nothing while tasks were ready and CPUs idle: in 128 of 128 runs (171 "
        "times)",
        kCoro + "1 CPU, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: pick_next(0) returned nothing",
        kCoro + "2 CPUs, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: pick_next(0) returned nothing",
        kCoro + "4 CPUs, t=0: CPU 0 stayed idle while 1 task (crawler) was ready: pick_next(0) returned nothing"},
       "1 kind of violation"},
      {"lifo",
       {"FAIL  starved           starved a task: in 2 of 128 runs (33 times)",
        "        course/fork-bomb.yaml, 1 CPU, t=1550: task 29 (bomb) waited 1535 ticks ready (since t=15) before "
        "pick_next chose it (limit 1000)",
        "        course/fork-bomb.yaml, 2 CPUs, t=1225: task 20 (bomb) waited 1219 ticks ready (since t=6) before "
        "pick_next chose it (limit 1000)",
        "FAIL  no-progress       a run did not finish: in 2 of 128 runs (2 times)",
        "        course/fork-bomb.yaml, 1 CPU, t=13048: the run did not finish within 100000 kernel events (stopped at "
        "t=13048); fcfs finishes it",
        "        course/fork-bomb.yaml, 2 CPUs, t=6586: the run did not finish within 100000 kernel events (stopped at "
        "t=6586); fcfs finishes it"},
       "2 kinds of violation"},
      {"nondet",
       {"FAIL  nondeterministic  two runs with the same seed differ: in 67 of 128 runs (67 times)",
        "        course/counter-locked.yaml, 1 CPU: the traces first differ at '0 state 0 ready->running dispatch' "
        "(first run) / '0 state 4 ready->running dispatch' (second run)",
        "        course/counter-unlocked.yaml, 1 CPU: the traces first differ at '0 state 0 ready->running dispatch' "
        "(first run) / '0 state 4 ready->running dispatch' (second run)",
        "        course/counter-unlocked.yaml, 2 CPUs: the traces first differ at '0 state 0 ready->running dispatch' "
        "(first run) / '0 state 4 ready->running dispatch' (second run)"},
       "1 kind of violation"},
  };
  for (const Expected& c : cases) {
    SCOPED_TRACE(c.bug);
    const CliResult r = check_broken(c.bug);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(failures(r.out), c.failures) << r.out;
    EXPECT_EQ(lines_of(r.out).front(), "check-policy broken:bug=" + std::string(c.bug) + " (plugin " + kBrokenPlugin + ")");
    EXPECT_EQ(lines_of(r.out).back(), c.verdict);
  }
}

TEST(CheckPolicy, ExamplesOptionBoundsTheListedRuns) {
  const CliResult r = check_broken("slice", {"--examples", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(failures(r.out), (std::vector<std::string>{
                                 "FAIL  bad-slice         gave a slice of 0 ticks or less: in 128 of 128 runs (128 times)",
                                 kCoro + "1 CPU, t=0: pick_next(0) returned task 0 (crawler) with a slice of 0 ticks"}));
}

TEST(CheckPolicy, OwnWorkloadAndCpuList) {
  const std::string fgbg = source_path("tests/plugins/fgbg.yaml");
  const CliResult r = check_broken("idle", {"--workload", fgbg, "--cpus", "1,2"});
  EXPECT_EQ(r.code, 1);
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[1], "1 workload on 1, 2 CPUs: 2 runs, each run twice; invariant checker on; starvation limit 1000 "
                      "ticks");
  // fgbg.yaml: batch arrives at 0, editor at 2, and pick_next returns nothing before t=3:
  // instants 0 and 2 end with a CPU idle and tasks ready, on 1 and on 2 CPUs: 4 times.
  EXPECT_EQ(failures(r.out),
            (std::vector<std::string>{
                "FAIL  idle              returned nothing while tasks were ready and CPUs idle: in 2 of 2 runs (4 "
                "times)",
                "        " + fgbg + ", 1 CPU, t=0: CPU 0 stayed idle while 1 task (batch) was ready: pick_next(0) "
                                    "returned nothing",
                "        " + fgbg + ", 2 CPUs, t=0: CPU 0 stayed idle while 1 task (batch) was ready: pick_next(0) "
                                    "returned nothing"}));
}

TEST(CheckPolicy, BadInputIsExitCode2) {
  CliResult r = check_broken("none", {"--cpus", "0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "schedlab check-policy: error: --cpus expects a list of CPU counts from 1 to 4096 like 1,2,4, got '0' (see "
            "'schedlab check-policy --help')\n");
  r = run_cli({"check-policy", "--plugin", kBrokenPlugin});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab check-policy: error: no policy given (--policy SPEC) (see 'schedlab check-policy --help')\n");
  r = check_broken("none", {"--starvation", "-1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab check-policy: error: --starvation must be >= 0 (see 'schedlab check-policy --help')\n");
}

// ---- regression (a): the queue checks' skip reason -----------------------------------------

// bug=slice and bug=badcall stop every run at t=0, before the end of its first instant, so
// the queue checks never ran; the report used to say "(describe() lists no queues)" although
// broken implements describe().
TEST(CheckPolicy, QueueChecksSkippedBecauseEveryRunStoppedEarlyNotForWantOfDescribe) {
  for (const char* bug : {"slice", "badcall"}) {
    SCOPED_TRACE(bug);
    const CliResult r = check_broken(bug);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out.find("describe() lists no queues"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("skip  enqueued-twice    its queues hold a task twice (every run stopped before the end of "
                         "its first instant)\n"
                         "skip  stale-entry       its queues hold a task that is not ready (every run stopped before "
                         "the end of its first instant)\n"
                         "skip  lost-task         its queues miss a ready task (every run stopped before the end of "
                         "its first instant)\n"),
              std::string::npos)
        << r.out;
  }
}

// ---- regression (b): stale and twice are violations, not a crash ---------------------------

// The probe names the stale entry at the end of an instant that the task's stopping()
// closes: Context::task() on a task inside its own stopping() used to crash (exit 139).
TEST(CheckPolicy, StaleQueueEntryIsReportedNotACrash) {
  const CliResult r = check_broken("stale");
  ASSERT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(
      failures(r.out),
      (std::vector<std::string>{
          "FAIL  not-ready         picked a task that is not ready: in 128 of 128 runs (128 times)",
          kCoro + "1 CPU, t=1: pick_next(0) returned task 0 (crawler), which is blocked",
          kCoro + "2 CPUs, t=0: pick_next(1) returned task 0 (crawler), which is running on CPU 0 (picked at t=0: a "
                  "stale queue entry?)",
          kCoro + "4 CPUs, t=0: pick_next(1) returned task 0 (crawler), which is running on CPU 0 (picked at t=0: a "
                  "stale queue entry?)",
          "FAIL  stale-entry       its queues hold a task that is not ready: in 42 of 128 runs (230 times)",
          kCoro + "1 CPU, t=0: describe() lists task 0 (crawler), which is running on CPU 0 (picked at t=0: a stale "
                  "queue entry?)",
          "        course/coroutines-gevent.yaml, 1 CPU, t=0: describe() lists task 0 (crawler), which is running on "
          "CPU 0 (picked at t=0: a stale queue entry?)",
          "        course/coroutines-greenlet.yaml, 1 CPU, t=0: describe() lists task 0 (pingpong), which is running "
          "on CPU 0 (picked at t=0: a stale queue entry?)",
          "FAIL  has-ready         has_ready() disagreed with the tasks enqueued and not picked: in 43 of 128 runs (57 "
          "times)",
          kCoro + "1 CPU, t=0: has_ready() returned true with no task enqueued",
          kCoro + "2 CPUs, t=0: has_ready() returned true with no task enqueued",
          kCoro + "4 CPUs, t=0: has_ready() returned true with no task enqueued"}))
      << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "3 kinds of violation");
}

TEST(CheckPolicy, TaskQueuedTwiceIsReportedNotACrash) {
  const CliResult r = check_broken("twice");
  ASSERT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(
      failures(r.out),
      (std::vector<std::string>{
          "FAIL  not-ready         picked a task that is not ready: in 111 of 128 runs (111 times)",
          "        course/coroutines-gevent.yaml, 1 CPU, t=4: pick_next(0) returned task 0 (crawler), which is blocked",
          "        course/coroutines-gevent.yaml, 2 CPUs, t=2: pick_next(1) returned task 0 (crawler), which is running "
          "on CPU 0 (picked at t=2: a stale queue entry?)",
          "        course/coroutines-gevent.yaml, 4 CPUs, t=2: pick_next(1) returned task 0 (crawler), which is running "
          "on CPU 0 (picked at t=2: a stale queue entry?)",
          "FAIL  enqueued-twice    its queues hold a task twice: in 48 of 128 runs (2340 times)",
          "        course/coroutines-greenlet.yaml, 1 CPU, t=4: describe() lists task 0 (pingpong) twice (queue 'fifo')",
          "        course/counter-unlocked.yaml, 1 CPU, t=2: describe() lists task 0 (t1) twice (queue 'fifo')",
          "        course/counter-unlocked.yaml, 2 CPUs, t=2: describe() lists task 0 (t1) twice (queue 'fifo')",
          "FAIL  stale-entry       its queues hold a task that is not ready: in 54 of 128 runs (565 times)",
          "        course/coroutines-gevent.yaml, 1 CPU, t=2: describe() lists task 0 (crawler), which is running on "
          "CPU 0 (picked at t=2: a stale queue entry?)",
          "        course/coroutines-greenlet.yaml, 1 CPU, t=2: describe() lists task 0 (pingpong), which is running "
          "on CPU 0 (picked at t=2: a stale queue entry?)",
          "        course/counter-locked.yaml, 1 CPU, t=2: describe() lists task 0 (t1), which is running on CPU 0 "
          "(picked at t=2: a stale queue entry?)",
          "FAIL  has-ready         has_ready() disagreed with the tasks enqueued and not picked: in 46 of 128 runs "
          "(130 times)",
          "        course/coroutines-gevent.yaml, 1 CPU, t=2: has_ready() returned true with no task enqueued",
          "        course/coroutines-gevent.yaml, 2 CPUs, t=2: has_ready() returned true with no task enqueued",
          "        course/coroutines-gevent.yaml, 4 CPUs, t=2: has_ready() returned true with no task enqueued"}))
      << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "4 kinds of violation");
}

// The root cause of (b), in isolation: a policy asking Context::task() about the task it
// is being told about in stopping(). Two tasks on one CPU, rr-like with quantum 2.
class AsksInStopping final : public Policy {
 public:
  AsksInStopping(Context& ctx, std::vector<std::string>& log) : Policy(ctx), log_(log) {}
  void enqueue(TaskId t, EnqueueReason) override { queue_.push_back(t); }
  void dequeue(TaskId t) override { queue_.erase(std::find(queue_.begin(), queue_.end(), t)); }
  bool has_ready() const override { return !queue_.empty(); }
  std::optional<Dispatch> pick_next(CpuId) override {
    const TaskId t = queue_.front();
    queue_.erase(queue_.begin());
    return Dispatch{t, 2};
  }
  void stopping(TaskId t, CpuId cpu, Ticks ran, StopReason why) override {
    const TaskInfo info = ctx().task(t);
    log_.push_back(fmt::format("{} {} cpu{} ran={} {} state={} cpu_time={} left={}", ctx().now(), info.name, cpu, ran,
                               to_string(why), to_string(info.state), info.cpu_time, info.burst_remaining));
  }

 private:
  std::vector<std::string>& log_;
  std::vector<TaskId> queue_;
};

TEST(CheckPolicy, ContextTaskInsideStoppingDescribesTheStoppingTask) {
  std::vector<std::string> log;
  PolicyRegistry registry;
  registry.add(PolicyInfo{"asks", "test", {}, [&log](Context& ctx, const PolicyParams&) {
                            return std::make_unique<AsksInStopping>(ctx, log);
                          }});
  const char* yaml = R"(
processes:
  - {name: A, burst: 3}
  - {name: B, burst: 2}
)";
  // A 0-2 (quantum), B 2-4 (done), A 4-5 (done). Inside stopping() the task is still
  // Running, its cpu_time counts the slice that just ended and burst_remaining what is left.
  const Outcome o = run_with(registry, yaml, "asks");
  EXPECT_EQ(o.gantt(), (std::vector<std::string>{"A@0:0-2", "B@0:2-4", "A@0:4-5"}));
  EXPECT_EQ(log, (std::vector<std::string>{
                     "2 A cpu0 ran=2 quantum_expired state=running cpu_time=2 left=1",
                     "4 B cpu0 ran=2 exited state=running cpu_time=2 left=0",
                     "5 A cpu0 ran=1 exited state=running cpu_time=3 left=0",
                 }));
}

}  // namespace
}  // namespace schedlab::test

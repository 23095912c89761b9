// `schedlab run --trace FILE.json`: the Chrome Trace Event file is well formed and agrees
// exactly with the run's own metrics.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unistd.h>

#include <schedlab/run_result.hpp>

#include <schedlab/report/chrome_trace.hpp>

#include "test_support.hpp"

namespace schedlab::test {
namespace {

using nlohmann::json;

std::string temp_path(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("schedlab-trace-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

const char* kTwoCpus = R"(name: two-cpus
cpus: 2
processes:
  - {name: A, arrival: 0, program: [{cpu: 6}, {io: 4}, {cpu: 3}]}
  - {name: B, arrival: 1, burst: 9}
  - {name: C, arrival: 2, program: [{cpu: 2}, {io: 6}, {cpu: 2}, {io: 3}, {cpu: 1}]}
  - {name: D, arrival: 4, burst: 4}
  - {name: E, arrival: 7, burst: 12}
)";

struct Checked {
  json run;                                   // the run's --format json
  std::map<std::int64_t, std::int64_t> busy;  // per CPU track: sum of X durations
  std::map<std::string, std::map<std::string, std::int64_t>> state_ticks;  // process -> span name -> ticks
  std::map<std::string, int> instants;       // instant name -> count
  std::size_t flows_in = 0, flows_out = 0;
  std::size_t x_events = 0;
};

// Validates the structure and returns the sums the tests compare with the metrics.
Checked check_trace(const std::string& workload, const std::string& policy) {
  const std::string trace = temp_path(policy.substr(0, policy.find(':')) + "-trace.json");
  const CliResult r = run_cli({"run", workload, "--policy", policy, "--format", "json", "--trace", trace});
  EXPECT_EQ(r.code, 0) << r.err;
  Checked c;
  c.run = json::parse(r.out);
  const json doc = read_json(trace);
  EXPECT_EQ(doc["otherData"]["policy"], c.run["policy"]);

  std::set<std::int64_t> named_pids;
  std::set<std::pair<std::int64_t, std::int64_t>> named_threads, used_threads;
  std::set<std::int64_t> used_pids;
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::pair<std::int64_t, std::int64_t>>> cpu_spans;
  std::map<std::int64_t, std::int64_t> flow_out_ts;
  std::vector<std::pair<std::int64_t, std::int64_t>> flow_in;  // id, ts
  std::map<std::int64_t, std::string> process_names;
  for (const json& e : doc["traceEvents"]) {
    const std::string ph = e.at("ph");
    const std::int64_t pid = e.at("pid"), tid = e.at("tid");
    if (ph == "M") {
      if (e["name"] == "process_name") {
        named_pids.insert(pid);
        process_names[pid] = e["args"]["name"];
      }
      if (e["name"] == "thread_name") named_threads.insert({pid, tid});
      continue;
    }
    used_pids.insert(pid);
    used_threads.insert({pid, tid});
    EXPECT_TRUE(e.at("ts").is_number_integer()) << e;
    EXPECT_GE(e.at("ts").get<std::int64_t>(), 0) << e;
    if (ph == "X") {
      ++c.x_events;
      EXPECT_TRUE(e.at("dur").is_number_integer()) << e;
      const std::int64_t ts = e["ts"], dur = e["dur"];
      EXPECT_GT(dur, 0) << "zero-length spans are left out: " << e;
      if (pid == report::kCpuTracksPid) {
        cpu_spans[{pid, tid}].push_back({ts, ts + dur});
        c.busy[tid - report::kCpuTracksPid - 1] += dur;
      } else {
        c.state_ticks[process_names.at(pid)][e["name"]] += dur;
      }
      if (e.contains("flow_out")) {
        ++c.flows_out;
        flow_out_ts[e["bind_id"]] = ts + dur;
      }
      if (e.contains("flow_in")) {
        ++c.flows_in;
        flow_in.push_back({e["bind_id"], ts});
      }
    } else if (ph == "i") {
      EXPECT_EQ(e["s"], "t");
      ++c.instants[e["name"]];
    } else if (ph == "C") {
      EXPECT_GE(e["args"]["tasks"].get<std::int64_t>(), 0);
    } else {
      ADD_FAILURE() << "unexpected event " << e;
    }
  }
  for (std::int64_t pid : used_pids) EXPECT_TRUE(named_pids.count(pid)) << "pid " << pid << " has no name";
  for (const auto& t : used_threads) EXPECT_TRUE(named_threads.count(t)) << "tid " << t.second << " has no name";
  for (auto& [track, spans] : cpu_spans) {
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
      EXPECT_LE(spans[i - 1].second, spans[i].first) << "overlap on CPU track " << track.second;
  }
  for (const auto& [id, ts] : flow_in) {
    EXPECT_TRUE(flow_out_ts.count(id)) << "flow " << id << " has no start";
    if (flow_out_ts.count(id)) {
      EXPECT_LE(flow_out_ts[id], ts) << "a task runs only after it woke";
    }
  }
  return c;
}

TEST(ChromeTrace, TwoCpusWithIoMatchesTheMetrics) {
  const Checked c = check_trace(write_file("two-cpus.yaml", kTwoCpus), "rr:quantum=2");
  // Per CPU: busy ticks equal the run's cpu_busy.
  ASSERT_EQ(c.busy.size(), 2u);
  for (const auto& [cpu, ticks] : c.busy) EXPECT_EQ(ticks, c.run["cpu_busy"][cpu].get<std::int64_t>()) << cpu;
  // Per process: Running, Ready and Blocked spans add up to cpu_time, waiting, blocked_time.
  for (const json& p : c.run["processes"]) {
    const auto& ticks = c.state_ticks.at(p["name"]);
    auto get = [&](const char* k) { return ticks.count(k) ? ticks.at(k) : 0; };
    EXPECT_EQ(get("Running"), p["cpu_time"].get<std::int64_t>()) << p["name"];
    EXPECT_EQ(get("Ready"), p["waiting"].get<std::int64_t>()) << p["name"];
    EXPECT_EQ(get("Blocked (io)"), p["blocked_time"].get<std::int64_t>()) << p["name"];
  }
  EXPECT_EQ(c.instants.at("exit"), 5);
  // Three I/O waits (A once, C twice), each a flow from its Blocked span to the next slice.
  EXPECT_EQ(c.flows_out, 3u);
  EXPECT_EQ(c.flows_in, 3u);
}

TEST(ChromeTrace, PreemptionsAreInstantsAndGeneratedRunsValidate) {
  const std::string w = temp_path("gen-300.yaml");
  ASSERT_EQ(run_cli({"gen", "-n", "300", "--cpus", "2", "--io-share", "0.4", "--seed", "5", "-o", w}).code, 0);
  const Checked c = check_trace(w, "srtf");
  std::int64_t busy = 0;
  for (const auto& [cpu, ticks] : c.busy) busy += ticks;
  std::int64_t cpu_time = 0;
  for (const json& p : c.run["processes"]) cpu_time += p["cpu_time"].get<std::int64_t>();
  EXPECT_EQ(busy, cpu_time);
  EXPECT_EQ(c.instants.at("exit"), 300);
  EXPECT_GT(c.instants.at("preempted"), 0);
  EXPECT_EQ(c.flows_in, c.flows_out);  // every wait ends and the task runs again
}

TEST(ChromeTrace, ARunStoppedEarlyClosesItsSpans) {
  const std::string trace = temp_path("until.json");
  const CliResult r = run_cli({"run", write_file("until.yaml", kTwoCpus), "--policy", "fcfs", "--until", "5",
                               "--trace", trace});
  EXPECT_EQ(r.code, 0) << r.err;
  const json doc = read_json(trace);
  std::int64_t last_end = 0;
  for (const json& e : doc["traceEvents"])
    if (e["ph"] == "X") last_end = std::max(last_end, e["ts"].get<std::int64_t>() + e["dur"].get<std::int64_t>());
  EXPECT_EQ(last_end, 5);
}

// A file that cannot be created is a write error (exit 1, like a full disk), one line.
TEST(ChromeTrace, UnwritableFileIsAWriteError) {
  const CliResult r = run_cli({"run", write_file("x.yaml", kTwoCpus), "--trace", "/nonexistent-dir/t.json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "schedlab run: error: cannot write '/nonexistent-dir/t.json': No such file or directory\n");
}

}  // namespace
}  // namespace schedlab::test

namespace schedlab::test {
namespace {

// A lock hand-off, fed to the writer directly: holder (CPU 0) releases the lock at t=5
// to waiter, which blocked on it at t=2 and runs again on CPU 1 from t=5. The arrow goes
// from holder's slice to waiter's next slice; the Granted wake-up draws no second arrow.
TEST(ChromeTrace, LockHandoffDrawsAnArrowBetweenCpuSlices) {
  std::ostringstream os;
  {
    report::ChromeTraceWriter w(os, "handoff", "fcfs");
    w.on_task_created(TaskRecord{0, 2, 1, "holder", 0, false});
    w.on_task_created(TaskRecord{1, 3, 1, "waiter", 0, false});
    using S = TaskState;
    auto move = [&](Ticks t, TaskId id, S from, S to, Cause c) { w.on_transition(TransitionRecord{t, id, from, to, c}); };
    move(0, 0, S::New, S::Ready, Cause::Arrival);
    move(0, 1, S::New, S::Ready, Cause::Arrival);
    move(0, 0, S::Ready, S::Running, Cause::Dispatch);
    w.on_dispatch(0, 0, 0);
    move(0, 1, S::Ready, S::Running, Cause::Dispatch);
    w.on_dispatch(0, 1, 1);
    w.on_slice(SliceRecord{1, 1, 0, 2, StopReason::Blocked});
    move(2, 1, S::Running, S::Blocked, Cause::Lock);
    w.on_instant(InstantRecord{5, InstantKind::Handoff, 0, 1, 0, "lock L"});
    move(5, 1, S::Blocked, S::Ready, Cause::Granted);
    move(5, 1, S::Ready, S::Running, Cause::Dispatch);
    w.on_dispatch(5, 1, 1);
    w.on_slice(SliceRecord{0, 0, 0, 7, StopReason::Exited});
    move(7, 0, S::Running, S::Terminated, Cause::Exited);
    w.on_slice(SliceRecord{1, 1, 5, 8, StopReason::Exited});
    move(8, 1, S::Running, S::Terminated, Cause::Exited);
    RunResult end;
    end.end_time = 8;
    w.on_finish(end);
  }
  const json doc = json::parse(os.str());
  std::vector<json> starts, finishes;
  std::size_t v2_flows = 0;
  for (const json& e : doc["traceEvents"]) {
    if (e["ph"] == "s") starts.push_back(e);
    if (e["ph"] == "f") finishes.push_back(e);
    v2_flows += e.contains("bind_id");
    if (e["ph"] == "i") {
      EXPECT_EQ(e["name"], "handoff");
      EXPECT_EQ(e["args"]["to"], 3);
      EXPECT_EQ(e["args"]["object"], "lock L");
    }
    if (e["ph"] == "X" && e["pid"] == 3 && e["ts"] == 2) {
      EXPECT_EQ(e["name"], "Blocked (lock)");
    }
  }
  ASSERT_EQ(starts.size(), 1u);
  ASSERT_EQ(finishes.size(), 1u);
  EXPECT_EQ(v2_flows, 0u);
  EXPECT_EQ(starts[0]["id"], finishes[0]["id"]);
  EXPECT_EQ(starts[0]["cat"], finishes[0]["cat"]);
  EXPECT_EQ(starts[0]["name"], finishes[0]["name"]);
  EXPECT_EQ(starts[0]["tid"], report::kCpuTracksPid + 1);  // holder's slice on CPU 0, [0, 7)
  EXPECT_EQ(starts[0]["ts"], 5);
  EXPECT_EQ(finishes[0]["tid"], report::kCpuTracksPid + 2);  // waiter's slice on CPU 1, from 5
  EXPECT_EQ(finishes[0]["ts"], 5);
  EXPECT_EQ(finishes[0]["bp"], "e");
}

}  // namespace
}  // namespace schedlab::test

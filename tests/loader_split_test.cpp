// Big workload files are read by two parsers at once (workload/src/workload_loader.cpp).
// These tests force the split on small files and check that it is invisible: the same
// workload, and the same errors at the same lines, as one parser reading everything.
#include <gtest/gtest.h>

#include <fstream>
#include <schedlab/errors.hpp>
#include <schedlab/workload_loader.hpp>
#include <string>

#include "workload_dump.hpp"

namespace schedlab {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

LoadLimits split_always() {
  LoadLimits l;
  l.split_threshold = 1;
  return l;
}
LoadLimits split_never() {
  LoadLimits l;
  l.split_threshold = UINTMAX_MAX;
  return l;
}

std::string many_processes(int n, const std::string& tail = "") {
  std::string text = "name: split\ncpus: 2\nprocesses:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - {name: p" + std::to_string(i) + ", arrival: " + std::to_string(i) + ", program: [{cpu: " +
            std::to_string(1 + i % 7) + "}";
    if (i % 3 == 0) text += ", {io: 4}, {repeat: {times: 2, program: [{cpu: 1}, {io: 1}]}}";
    text += "]";
    if (i % 5 == 0) text += ", affinity: [" + std::to_string(i % 2) + "]";
    text += "}\n";
  }
  return text + tail;
}

void expect_same(const Workload& a, const Workload& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.cpus, b.cpus);
  ASSERT_EQ(a.processes.size(), b.processes.size());
  ASSERT_EQ(a.steps.size(), b.steps.size());
  ASSERT_EQ(a.affinities, b.affinities);
  for (std::size_t i = 0; i < a.processes.size(); ++i) {
    const ProcessSpec& p = a.processes[i];
    const ProcessSpec& q = b.processes[i];
    EXPECT_EQ(p.name, q.name);
    EXPECT_EQ(p.arrival, q.arrival);
    EXPECT_EQ(p.affinity, q.affinity);
    EXPECT_EQ(p.pos.line, q.pos.line) << p.name;
    // Compare programs by content (indices may be laid out the same way or not).
    const ProgramRef pa = a.programs[p.program], pb = b.programs[q.program];
    ASSERT_EQ(pa.size, pb.size);
    for (std::uint32_t k = 0; k < pa.size; ++k) {
      const Step sa = a.steps[pa.begin + k], sb = b.steps[pb.begin + k];
      EXPECT_EQ(sa.op, sb.op);
      EXPECT_EQ(sa.value, sb.value);
      if (sa.op == Op::Repeat) {
        EXPECT_EQ(a.programs[sa.ref].size, b.programs[sb.ref].size);
      }
    }
  }
}

std::string error_of(const std::string& path, const LoadLimits& limits) {
  try {
    load_workload_file(path, limits);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "no error";
}

TEST(LoaderSplit, SameWorkloadAsOneParser) {
  const std::string path = write_temp("split_same.yaml", many_processes(400, "# trailing comment\n"));
  expect_same(load_workload_file(path, split_always()), load_workload_file(path, split_never()));
}

TEST(LoaderSplit, RootKeysAfterTheListAreKept) {
  std::string text = "processes:\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "cpus: 4\nname: late\n";
  const std::string path = write_temp("split_late_keys.yaml", text);
  const Workload w = load_workload_file(path, split_always());
  EXPECT_EQ(w.cpus, 4u);
  EXPECT_EQ(w.name, "late");
  expect_same(w, load_workload_file(path, split_never()));
}

TEST(LoaderSplit, KeyRepeatedAcrossHalvesIsAnError) {
  std::string text = "cpus: 2\nprocesses:\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "cpus: 4\n";
  const std::string path = write_temp("split_repeat_key.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
  EXPECT_EQ(error_of(path, split_always()), path + ":303:1: error: key 'cpus' given twice in the workload");
}

TEST(LoaderSplit, DuplicateNameAcrossHalvesNamesTheRightLines) {
  std::string text = many_processes(400);
  text += "  - {name: p3, burst: 1}\n";  // line 404 repeats line 7's name
  const std::string path = write_temp("split_dup.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
  EXPECT_EQ(error_of(path, split_always()), path + ":404:12: error: duplicate process name 'p3' (first used at line 7)");
}

TEST(LoaderSplit, ErrorInSecondHalfHasItsTrueLine) {
  std::string text = many_processes(400);
  text += "  - {name: bad, burst: -1}\n";
  const std::string path = write_temp("split_err2.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), path + ":404:24: error: 'burst' must be > 0, got -1");
  EXPECT_EQ(error_of(path, split_always()), error_of(path, split_never()));
}

TEST(LoaderSplit, FirstErrorInFileOrderWins) {
  std::string text = "processes:\n  - {name: early, burst: x}\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "  - {name: late, burst: -1}\n";
  const std::string path = write_temp("split_err_order.yaml", text);
  EXPECT_EQ(error_of(path, split_always()), path + ":2:26: error: 'burst' expects a whole number of ticks, got 'x'");
}

TEST(LoaderSplit, TooManyProcessesNamesTheSameLine) {
  LoadLimits limits = split_always();
  limits.max_processes = 350;
  const std::string path = write_temp("split_too_many.yaml", many_processes(400));
  LoadLimits whole = limits;
  whole.split_threshold = UINTMAX_MAX;
  EXPECT_EQ(error_of(path, limits), path + ":354: error: too many processes (at most 350)");
  EXPECT_EQ(error_of(path, limits), error_of(path, whole));
}

TEST(LoaderSplit, MisleadingMiddleFallsBackToOneParser) {
  // A quoted multi-line name spans the middle of the file, and its continuation lines look
  // like process entries. The second parser's guess is wrong; the result must not change.
  std::string text = "processes:\n";
  for (int i = 0; i < 50; ++i) text += "  - {name: a" + std::to_string(i) + ", burst: 1}\n";
  text += "  - name: \"long\n";
  for (int i = 0; i < 200; ++i) text += "  - {name: fake" + std::to_string(i) + ", burst: 1}\n";
  text += "    end\"\n    burst: 2\n";
  for (int i = 0; i < 50; ++i) text += "  - {name: b" + std::to_string(i) + ", burst: 1}\n";
  const std::string path = write_temp("split_misleading.yaml", text);
  const Workload w = load_workload_file(path, split_always());
  EXPECT_EQ(w.processes.size(), 101u);
  expect_same(w, load_workload_file(path, split_never()));
}

// ---- files using the lifecycle, coroutine, memory, sync and IPC steps -------------------
//
// The two halves number their names (variables, locks, events, program names...) and side
// tables on their own; joining them must give exactly the workload one parser reads.

// Process i of a file whose processes use every kind of step, with names that first
// appear in either half and references that cross from one half to the other.
std::string rich_process(int i, int n) {
  const std::string id = std::to_string(i);
  const std::string other = "p" + std::to_string(n - 1 - i);  // in the other half
  std::string steps = "{cpu: " + std::to_string(1 + i % 4) + "}";
  switch (i % 8) {
    case 0:
      steps += ", {fork: {name: kid" + id + ", program: worker, daemon: true}}, {wait: kid" + id +
               "}, {kill: {target: " + other + ", signal: KILL}}, {wait: {target: " + other + ", timeout: 3}}";
      break;
    case 1:
      steps += ", {thread: {name: t" + id + ", program: [{load: n}, {add: 1}, {store: n}]}}, {join: {thread: t" + id +
               ", timeout: 9}}, {fail: \"error " + std::to_string(i % 3) + "\"}";
      break;
    case 2:
      steps += ", {coroutines: [{name: a, program: [{switch: b}, {await_io: 2}]}, {name: b, program: ping}]}";
      break;
    case 3:
      steps += ", {lock: L" + std::to_string(i % 5) + "}, {unlock: L" + std::to_string(i % 5) + "}, {rlock: R" +
               std::to_string(i % 3) + "}, {runlock: R" + std::to_string(i % 3) + "}, {lock: {name: H, protocol: inherit}}";
      break;
    case 4:
      steps += ", {acquire: {name: S, timeout: 2}}, {release: S}, {event_set: E" + std::to_string(i % 6) +
               "}, {event_wait: {name: E" + std::to_string(i % 7) + ", timeout: 1}}, {event_clear: E0}";
      break;
    case 5:
      steps += ", {put: {queue: Q, item: v2}}, {get: {queue: Q, into: v1, timeout: 0}}, {put: {queue: Q, item: "
               "register}}, {task_done: Q}, {join_queue: {name: Q, timeout: 5}}";
      break;
    case 6:
      steps += ", {repeat: {times: 3, program: [{load: n}, {if: {cond: \"register > " + id +
               "\", then: [{print: n}], else: [{store: v2}]}}, {break_if: \"v1 == " + id + "\"}]}}, {call: worker}";
      break;
    case 7: steps += ", {fault: div0}, {exit: 2}"; break;
  }
  return "  - {name: p" + id + ", arrival: " + id + ", daemon: " + (i % 9 == 0 ? "true" : "false") + ", program: [" +
         steps + "]}\n";
}

std::string rich_file(int n, const std::string& head, const std::string& tail) {
  std::string text = head + "processes:\n";
  for (int i = 0; i < n; ++i) text += rich_process(i, n);
  return text + tail;
}

const std::string kRichHead =
    "name: rich\nshared: {n: 10}\nlocks: [{name: L0, protocol: none}]\nsemaphores: [{name: S, count: 1}]\n"
    "costs: {fork: 2, thread_create: 1}\n";
const std::string kRichTail =
    "queues: [{name: Q, capacity: 2, order: lifo}]\nlimits: {max_processes: 99}\n"
    "programs:\n  worker: [{cpu: 1}, {call: leaf}]\n  leaf: [{io: 1}]\n  ping: [{switch: a}, {cpu: 1}]\n";

TEST(LoaderSplit, EveryKindOfStepGivesTheSameWorkload) {
  const std::string path = write_temp("split_rich.yaml", rich_file(400, kRichHead, kRichTail));
  const Workload split = load_workload_file(path, split_always());
  const Workload whole = load_workload_file(path, split_never());
  EXPECT_EQ(test::dump(split), test::dump(whole));
  // The merged tables, spot-checked: declarations from either half, names met in both
  // halves counted once.
  EXPECT_EQ(split.max_processes, 99u);
  EXPECT_EQ(split.fork_cost, 2);
  EXPECT_EQ(split.thread_cost, 1);
  EXPECT_EQ(split.queues.size(), 1u);
  EXPECT_EQ(split.queues[0].capacity, 2);
  EXPECT_EQ(split.semaphores.size(), 1u);
  EXPECT_EQ(split.locks.size(), 5u + 3u + 1u);  // L0..L4, R0..R2, H
  EXPECT_EQ(split.events.size(), 7u);
  EXPECT_EQ(split.variables.size(), 3u);  // n, v2, v1
  EXPECT_EQ(split.named_programs.size(), 3u);
  EXPECT_EQ(split.coroutine_groups.size(), 50u);
  EXPECT_EQ(split.spawns.size(), 100u);
}

TEST(LoaderSplit, DeclarationsBeforeTheListAreSharedWithTheSecondHalf) {
  // Everything declared up front, nothing after the list.
  const std::string path = write_temp("split_rich_head.yaml", rich_file(400, kRichHead + kRichTail, ""));
  EXPECT_EQ(test::dump(load_workload_file(path, split_always())), test::dump(load_workload_file(path, split_never())));
}

TEST(LoaderSplit, NameChecksSeeTheWholeFile) {
  // A variable read in the first half and written only in the second is fine, as is a kill
  // target defined in the other half.
  std::string text = "processes:\n  - {name: first, program: [{load: x}, {kill: last}]}\n";
  for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
  text += "  - {name: last, program: [{store: x}, {wait: first}]}\n";
  const std::string path = write_temp("split_names.yaml", text);
  EXPECT_EQ(test::dump(load_workload_file(path, split_always())), test::dump(load_workload_file(path, split_never())));
}

TEST(LoaderSplit, NameErrorsAcrossHalvesNameTheRightLines) {
  auto both_ways = [](const std::string& name, const std::string& first, const std::string& last,
                      const std::string& tail = "") {
    std::string text = "processes:\n  - {name: first, program: [" + first + "]}\n";
    for (int i = 0; i < 300; ++i) text += "  - {name: q" + std::to_string(i) + ", burst: 3}\n";
    text += "  - {name: last, program: [" + last + "]}\n" + tail;
    const std::string path = write_temp(name, text);
    const std::string split = error_of(path, split_always());
    EXPECT_EQ(split, error_of(path, split_never()));
    return split.substr(path.size());
  };
  EXPECT_EQ(both_ways("split_lock_kinds.yaml", "{lock: L}", "{rlock: L}"),
            ":303:36: error: lock 'L' is used both as a plain lock ('lock' at line 2) and as a re-entrant lock ('rlock' "
            "at line 303): a lock is one or the other");
  EXPECT_EQ(both_ways("split_protocols.yaml", "{lock: {name: L, protocol: none}}", "{lock: {name: L, protocol: inherit}}"),
            ":303:55: error: lock 'L' has conflicting protocols ('inherit' at line 303, 'none' at line 2)");
  EXPECT_EQ(both_ways("split_semaphore.yaml", "{cpu: 1}", "{acquire: S}", "semaphores: [{name: T, count: 0}]\n"),
            ":303:38: error: unknown semaphore 'S': declare it under 'semaphores:' with its count (declared: T)");
  EXPECT_EQ(both_ways("split_program.yaml", "{call: p}", "{call: nope}", "programs: {p: [{cpu: 1}]}\n"),
            ":303:35: error: unknown program 'nope' (programs: p)");
  EXPECT_EQ(both_ways("split_local.yaml", "{print: x}", "{print: x}"),
            ":2:37: error: variable 'x' is read but never written: a task's own variables start at 0; to share it with "
            "a value, declare it under 'shared:'");
  EXPECT_EQ(both_ways("split_join.yaml", "{thread: {name: t, program: [{cpu: 1}]}}", "{join: t}, {join: first}"),
            ":303:46: error: 'join' target 'first' is a process, not a thread: use 'wait: first'");
  EXPECT_EQ(both_ways("split_switch.yaml", "{cpu: 1}", "{coroutines: [{name: a, program: p}]}",
                      "programs: {p: [{switch: b}]}\n"),
            ":304:25: error: 'switch' target 'b' is not a coroutine of the group at line 303, where program 'p' runs "
            "(expected one of: a)");
}

}  // namespace
}  // namespace schedlab

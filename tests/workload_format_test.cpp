// The workload file format (docs/workload-format.md): what each construct loads into,
// exactly, and the one-line message of each error. Programs are compared as text
// (tests/workload_dump.hpp) so that an expectation reads like the YAML it came from.
#include <gtest/gtest.h>

#include <fstream>
#include <schedlab/errors.hpp>
#include <schedlab/workload_loader.hpp>
#include <string>
#include <utility>
#include <vector>

#include "workload_dump.hpp"

namespace schedlab {
namespace {

using test::dump;
using test::program_text;

Workload load(const std::string& yaml) { return load_workload_string(yaml, "test.yaml"); }

std::string error_of(const std::string& yaml) {
  try {
    load(yaml);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "no error";
}

// The program of the process named `name`.
std::string program_of(const Workload& w, const std::string& name) {
  for (const ProcessSpec& p : w.processes)
    if (p.name == name) return program_text(w, p.program);
  return "no process " + name;
}

// Each case: YAML text, then the exact message.
void expect_errors(const std::vector<std::pair<std::string, std::string>>& cases) {
  for (const auto& [yaml, message] : cases) EXPECT_EQ(error_of(yaml), message) << yaml;
}

// A one-process workload around a program written in flow style.
std::string with_program(const std::string& steps, const std::string& head = "") {
  return head + "processes:\n  - {name: A, program: [" + steps + "]}\n";
}

// ---- the base format (issue 2) -----------------------------------------------------------

TEST(WorkloadFormat, BaseExampleLoads) {
  const Workload w = load(R"(name: example
cpus: 2
processes:
  - name: A
    arrival: 0
    priority: 3
    program:
      - cpu: 10
      - io: 5
      - cpu: 2
  - name: B
    burst: 8
)");
  EXPECT_EQ(w.name, "example");
  EXPECT_EQ(w.cpus, 2u);
  ASSERT_EQ(w.processes.size(), 2u);
  EXPECT_EQ(w.processes[0].priority, 3);
  EXPECT_EQ(program_of(w, "A"), "cpu 10; io 5; cpu 2");
  EXPECT_EQ(program_of(w, "B"), "cpu 8");
  EXPECT_EQ(w.processes[1].pos.line, 11u);
  // The defaults of everything this issue added.
  EXPECT_EQ(w.max_processes, 10'000u);
  EXPECT_EQ(w.fork_cost, 0);
  EXPECT_EQ(w.thread_cost, 0);
  EXPECT_FALSE(w.processes[0].daemon);
  EXPECT_TRUE(w.variables.empty());
  EXPECT_TRUE(w.locks.empty());
  EXPECT_TRUE(w.strings.empty());
}

TEST(WorkloadFormat, BaseSteps) {
  const Workload w = load(with_program("{sleep: 3}, yield, {yield: }, {exit: -2}, {repeat: {times: 2, program: [{cpu: 1}]}}, "
                                       "{repeat: {times: forever, program: [{io: 1}]}}"));
  EXPECT_EQ(program_of(w, "A"), "sleep 3; yield; yield; exit -2; repeat 2 #P0; repeat -1 #P1");
}

TEST(WorkloadFormat, FirstRepeatInAFileIsKept) {
  // The reader once held a reference to the step buffer of one nesting level while a
  // nested program grew the list of buffers: the first repeat of a file was lost.
  const Workload w = load(with_program("{repeat: {times: 3, program: [{cpu: 2}, {io: 1}]}}, {cpu: 1}"));
  EXPECT_EQ(program_of(w, "A"), "repeat 3 #P0; cpu 1");
  EXPECT_EQ(program_text(w, 0), "cpu 2; io 1");
}

TEST(WorkloadFormat, BaseErrors) {
  expect_errors({
      {"", "test.yaml:1:1: error: the file is empty: expected a mapping with a 'processes' list"},
      {"name: x\n", "test.yaml:1:1: error: the workload has no 'processes' list"},
      {"processes: []\n", "test.yaml:1:12: error: 'processes' is empty: a workload needs at least one process"},
      {"processes:\n  - {name: A, burst: 1, colour: red}\n",
       "test.yaml:2:25: error: unknown key 'colour' in a process (expected one of: name, arrival, priority, tickets, nice, "
       "burst, program, affinity, daemon, period, deadline, jobs)"},
      {"processes:\n  - {name: A, burst: 1}\n  - {name: A, burst: 2}\n",
       "test.yaml:3:12: error: duplicate process name 'A' (first used at line 2)"},
      {"processes:\n  - {name: A, burst: -1}\n", "test.yaml:2:22: error: 'burst' must be > 0, got -1"},
      {"processes:\n  - {name: A, burst: 2.5}\n",
       "test.yaml:2:22: error: 'burst' expects a whole number of ticks, got '2.5'"},
      {"processes:\n  - {name: A, arrival: -3, burst: 1}\n", "test.yaml:2:24: error: 'arrival' must be >= 0, got -3"},
      {"processes:\n  - {name: A, program: []}\n",
       "test.yaml:2:24: error: 'program' is empty: a program needs at least one step"},
      {"processes:\n  - {name: A, burst: 1, program: [{cpu: 1}]}\n",
       "test.yaml:2:25: error: a process has either 'burst' or 'program', not both"},
      {"processes:\n  - {burst: 1}\n", "test.yaml:2:5: error: a process needs a 'name'"},
      {"processes:\n  - {name: A}\n", "test.yaml:2:5: error: process 'A' needs a 'program' or a 'burst'"},
      {"cpus: 0\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:7: error: 'cpus' must be > 0, got 0"},
      {with_program("{cpu: 1, io: 2}"),
       "test.yaml:2:34: error: a step has exactly one key; found 'io' after 'cpu' (put each step in its own list "
       "item)"},
      {with_program("{}"), "test.yaml:2:25: error: empty step: expected one key such as 'cpu: 5'"},
      {with_program("[cpu]"), "test.yaml:2:25: error: expected a step such as 'cpu: 5', got a list"},
      {with_program("cpu"), "test.yaml:2:25: error: step 'cpu' needs a value, e.g. 'cpu: 5'"},
      {with_program("{yield: 3}"), "test.yaml:2:33: error: 'yield' takes no value: write '- yield'"},
      {with_program("{frobnicate: 1}"),
       "test.yaml:2:26: error: unknown step 'frobnicate' (expected one of: cpu, io, sleep, yield, exit, repeat, fail, "
       "fault, fork, thread, kill, wait, join, coroutines, switch, await_io, load, add, store, print, lock, unlock, "
       "rlock, runlock, acquire, release, event_set, event_clear, event_wait, put, get, task_done, join_queue, if, "
       "break_if, call)"},
      {with_program("{exit: 300}"), "test.yaml:2:32: error: 'exit' is too large: 300 (at most 255)"},
      {"bogus: 1\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:1: error: unknown key 'bogus' in the workload (expected one of: name, cpus, processes, shared, "
       "locks, semaphores, events, queues, programs, limits, costs, horizon, on_miss)"},
  });
}

// ---- processes: ending, forking, killing, waiting ---------------------------------------

TEST(WorkloadFormat, EndingSteps) {
  const Workload w = load(with_program(
      "{exit: 3}, {fail: \"out of paper\"}, {fail: {message: disk full, code: 7}}, {fault: segv}, {fault: div0}, "
      "{fault: illegal}"));
  EXPECT_EQ(program_of(w, "A"), "exit 3; fail 'out of paper' 1; fail 'disk full' 7; fault 11; fault 8; fault 4");
  // Fail's message is a string the step refers to.
  const Step& fail = w.steps[w.programs[w.processes[0].program].begin + 1];
  EXPECT_EQ(fail.op, Op::Fail);
  EXPECT_EQ(w.strings[fail.ref], "out of paper");
  EXPECT_EQ(fail.value, 1);
}

TEST(WorkloadFormat, ForkKillWait) {
  const Workload w = load(R"(processes:
  - name: parent
    daemon: true
    program:
      - fork: {name: child, program: [{cpu: 2}, {exit: 3}]}
      - fork: {name: helper, daemon: true, program: [{sleep: 9}]}
      - kill: helper
      - kill: {target: child, signal: KILL}
      - kill: {target: other}
      - wait: child
      - wait: any
      - wait: children
      - wait: {target: other, timeout: 5}
      - wait: {target: any, timeout: 0}
  - name: other
    burst: 4
)");
  EXPECT_TRUE(w.processes[0].daemon);
  EXPECT_FALSE(w.processes[1].daemon);
  EXPECT_EQ(program_of(w, "parent"),
            "fork child #P0; fork helper #P1 daemon; kill helper 15; kill child 9; kill other 15; wait child -1; "
            "wait any -1; wait children -1; wait other 5; wait any 0");
  EXPECT_EQ(program_text(w, 0), "cpu 2; exit 3");
  ASSERT_EQ(w.spawns.size(), 2u);
  EXPECT_EQ(w.strings[w.spawns[0].name], "child");
  EXPECT_EQ(w.spawns[0].program, 0u);
  EXPECT_FALSE(w.spawns[0].daemon);
  EXPECT_TRUE(w.spawns[1].daemon);
  ASSERT_EQ(w.waits.size(), 5u);
  EXPECT_EQ(w.waits[0].target, WaitSpec::Target::Name);
  EXPECT_EQ(w.waits[1].target, WaitSpec::Target::Any);
  EXPECT_EQ(w.waits[2].target, WaitSpec::Target::Children);
  EXPECT_EQ(w.waits[3].timeout, 5);
  // Strings are shared: "child" and "other" appear once.
  EXPECT_EQ(w.strings, (std::vector<std::string>{"child", "helper", "other"}));
}

TEST(WorkloadFormat, ForksNestAndTargetsFromAnyLevel) {
  // A grandchild is killed by its grandparent; forks in forks make a tree.
  const Workload w = load(R"(processes:
  - name: root
    program:
      - fork: {name: mid, program: [{fork: {name: leaf, program: [{sleep: 50}]}}, {wait: leaf}]}
      - kill: leaf
      - wait: mid
)");
  EXPECT_EQ(program_of(w, "root"), "fork mid #P1; kill leaf 15; wait mid -1");
  EXPECT_EQ(program_text(w, 1), "fork leaf #P0; wait leaf -1");
}

TEST(WorkloadFormat, ThreadsAndJoin) {
  const Workload w = load(R"(costs: {fork: 3, thread_create: 1}
limits: {max_processes: 64}
processes:
  - name: P
    program:
      - thread: {name: worker, program: [{cpu: 5}]}
      - thread: {name: logger, program: [{sleep: 100}], daemon: true}
      - join: worker
      - join: {thread: logger, timeout: 10}
)");
  EXPECT_EQ(program_of(w, "P"), "thread worker #P0; thread logger #P1 daemon; join worker -1; join logger 10");
  EXPECT_EQ(w.fork_cost, 3);
  EXPECT_EQ(w.thread_cost, 1);
  EXPECT_EQ(w.max_processes, 64u);
}

TEST(WorkloadFormat, LifecycleErrors) {
  expect_errors({
      {with_program("{fail: {code: 2}}"), "test.yaml:2:32: error: 'fail' needs a 'message'"},
      {with_program("{fail: {message: x, code: 0}}"), "test.yaml:2:51: error: 'code' must be > 0, got 0"},
      {with_program("{fail: \"\"}"), "test.yaml:2:32: error: 'fail' must not be empty"},
      {with_program("{fault: boom}"), "test.yaml:2:33: error: 'fault' expects one of: segv, div0, illegal, got 'boom'"},
      {with_program("fault"), "test.yaml:2:25: error: step 'fault' needs a value, e.g. 'fault: segv'"},
      {with_program("{fork: {program: [{cpu: 1}]}}"), "test.yaml:2:32: error: 'fork' needs a 'name'"},
      {with_program("{thread: {name: t}}"), "test.yaml:2:34: error: 'thread' needs a 'program'"},
      {with_program("{fork: c}"), "test.yaml:2:32: error: 'fork' expects {name: ..., program: [...]}, got 'c'"},
      {with_program("{fork: {name: c, program: [{cpu: 1}], daemon: yes}}"),
       "test.yaml:2:71: error: 'daemon' expects true or false, got 'yes'"},
      {with_program("{fork: {name: c, program: [{cpu: 1}], deamon: true}}"),
       "test.yaml:2:63: error: unknown key 'deamon' in 'fork' (expected one of: name, program, daemon)"},
      {"processes:\n  - {name: A, burst: 1, daemon: 1}\n", "test.yaml:2:33: error: 'daemon' expects true or false, got '1'"},
      {with_program("{kill: nobody}"), "test.yaml:2:32: error: 'kill' target 'nobody' names no process and no fork in the file"},
      {with_program("{kill: {target: A, signal: HUP}}"),
       "test.yaml:2:52: error: 'signal' expects one of: TERM, KILL, got 'HUP'"},
      {with_program("{kill: {signal: KILL}}"), "test.yaml:2:32: error: 'kill' needs a 'target'"},
      {with_program("{wait: {target: nobody, timeout: 3}}"),
       "test.yaml:2:41: error: 'wait' target 'nobody' names no process and no fork in the file"},
      {with_program("{wait: {target: any, timeout: -3}}"), "test.yaml:2:55: error: 'timeout' must be >= 0, got -3"},
      {with_program("{wait: {timeout: 1}}"), "test.yaml:2:32: error: 'wait' needs a 'target'"},
      {with_program("{thread: {name: t, program: [{cpu: 1}]}}, {wait: t}"),
       "test.yaml:2:74: error: 'wait' target 't' is a thread, not a process: use 'join: t'"},
      {with_program("{join: A}"), "test.yaml:2:32: error: 'join' target 'A' is a process, not a thread: use 'wait: A'"},
      {with_program("{join: zz}"), "test.yaml:2:32: error: 'join' target 'zz' names no thread in the file"},
      {with_program("{join: {thread: zz, timeout: x}}"),
       "test.yaml:2:54: error: 'timeout' expects a whole number of ticks, got 'x'"},
      {"limits: {max_processes: 0}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:25: error: 'max_processes' must be > 0, got 0"},
      {"limits: {max_procs: 4}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:10: error: unknown key 'max_procs' in 'limits' (expected one of: max_processes)"},
      {"costs: {fork: -1}\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:15: error: 'fork' must be >= 0, got -1"},
      {"costs: {spawn: 1}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:9: error: unknown key 'spawn' in 'costs' (expected one of: fork, thread_create)"},
  });
}

// ---- coroutines -------------------------------------------------------------------------

TEST(WorkloadFormat, Coroutines) {
  const Workload w = load(R"(processes:
  - name: T
    program:
      - coroutines:
          - {name: ping, program: [{cpu: 1}, {switch: pong}, {cpu: 1}]}
          - {name: pong, program: [{cpu: 2}, {await_io: 4}, {switch: ping}]}
      - io: 1
)");
  EXPECT_EQ(program_of(w, "T"), "coroutines ping#P0 pong#P1; io 1");
  EXPECT_EQ(program_text(w, 0), "cpu 1; switch pong; cpu 1");
  EXPECT_EQ(program_text(w, 1), "cpu 2; await_io 4; switch ping");
  ASSERT_EQ(w.coroutine_groups.size(), 1u);
  ASSERT_EQ(w.coroutine_groups[0].members.size(), 2u);
  EXPECT_EQ(w.strings[w.coroutine_groups[0].members[1].name], "pong");
}

TEST(WorkloadFormat, CoroutinesInAForkedChildAreTheirOwnGroup) {
  // A coroutine may fork; the child's program is a task's again and may run coroutines.
  const Workload w = load(R"(processes:
  - name: T
    program:
      - coroutines:
          - name: a
            program:
              - fork: {name: kid, program: [{coroutines: [{name: b, program: [{await_io: 1}]}]}]}
              - await_io: 2
)");
  EXPECT_EQ(program_of(w, "T"), "coroutines a#P2");
  EXPECT_EQ(program_text(w, 2), "fork kid #P1; await_io 2");
  EXPECT_EQ(program_text(w, 1), "coroutines b#P0");
  EXPECT_EQ(w.coroutine_groups.size(), 2u);
}

TEST(WorkloadFormat, CoroutineErrors) {
  expect_errors({
      {with_program("{switch: x}"), "test.yaml:2:26: error: 'switch' is only allowed in the program of a coroutine"},
      {with_program("{await_io: 3}"), "test.yaml:2:26: error: 'await_io' is only allowed in the program of a coroutine"},
      {with_program("{coroutines: [{name: a, program: [{coroutines: [{name: b, program: [{cpu: 1}]}]}]}]}"),
       "test.yaml:2:60: error: 'coroutines' cannot be nested inside a coroutine (start them from a thread's own "
       "program)"},
      {with_program("{coroutines: [{name: a, program: [{switch: c}]}, {name: b, program: [{cpu: 1}]}]}"),
       "test.yaml:2:68: error: 'switch' target 'c' is not a coroutine of this group (expected one of: a, b)"},
      {with_program("{coroutines: [{name: a, program: [{await_io: 0}]}]}"),
       "test.yaml:2:70: error: 'await_io' must be > 0, got 0"},
      {with_program("{coroutines: [{name: a, program: [{cpu: 1}]}, {name: a, program: [{cpu: 1}]}]}"),
       "test.yaml:2:78: error: duplicate coroutine name 'a' (first used at line 2)"},
      {with_program("{coroutines: []}"), "test.yaml:2:26: error: 'coroutines' is empty: name at least one coroutine"},
      {with_program("{coroutines: [{program: [{cpu: 1}]}]}"), "test.yaml:2:39: error: a coroutine needs a 'name'"},
      {with_program("{coroutines: [{name: a, program: [{fork: {name: k, program: [{switch: a}]}}]}]}"),
       "test.yaml:2:87: error: 'switch' is only allowed in the program of a coroutine"},
  });
}

// ---- named programs ---------------------------------------------------------------------

TEST(WorkloadFormat, NamedPrograms) {
  const Workload w = load(R"(processes:
  - {name: A, program: worker}
  - name: B
    program:
      - call: step
      - thread: {name: t, program: worker}
      - fork: {name: bomb, program: bomb}
      - coroutines: [{name: ping, program: ping}, {name: pong, program: pong}]
programs:
  worker: [{cpu: 1}, {call: step}]
  step: [{io: 2}]
  bomb: [{fork: {name: bomb, program: bomb}}, {fork: {name: bomb, program: bomb}}]
  ping: [{switch: pong}, {call: hop}]
  pong: [{switch: ping}]
  hop: [{await_io: 1}]
)");
  ASSERT_EQ(w.named_programs.size(), 6u);
  EXPECT_EQ(w.named_programs[0].first, "worker");
  const auto program = [&](const char* name) {
    for (const auto& [n, p] : w.named_programs)
      if (n == name) return p;
    return UINT32_MAX;
  };
  // Uses before the definitions are patched to the named programs.
  EXPECT_EQ(w.processes[0].program, program("worker"));
  EXPECT_EQ(program_text(w, program("worker")), fmt::format("cpu 1; call #P{}", program("step")));
  EXPECT_EQ(program_of(w, "B"), fmt::format("call #P{}; thread t #P{}; fork bomb #P{}; coroutines ping#P{} pong#P{}",
                                            program("step"), program("worker"), program("bomb"), program("ping"),
                                            program("pong")));
  // A fork bomb: the program forks itself (recursion through fork is allowed).
  EXPECT_EQ(program_text(w, program("bomb")),
            fmt::format("fork bomb #P{0}; fork bomb #P{0}", program("bomb")));
  EXPECT_EQ(program_text(w, program("ping")), fmt::format("switch pong; call #P{}", program("hop")));
}

TEST(WorkloadFormat, NamedProgramErrors) {
  expect_errors({
      {"programs: {a: [{cpu: 1}]}\nprocesses:\n  - {name: A, program: b}\n",
       "test.yaml:3:24: error: unknown program 'b' (programs: a)"},
      {with_program("{call: b}"), "test.yaml:2:32: error: unknown program 'b': no programs are declared under 'programs:'"},
      {"programs: {a: [{cpu: 1}]}\nprocesses:\n  - {name: A, program: [{fork: {name: c, program: z}}]}\n",
       "test.yaml:3:51: error: unknown program 'z' (programs: a)"},
      {"programs: {a: [{call: b}], b: [{call: c}], c: [{call: a}]}\nprocesses:\n  - {name: A, program: a}\n",
       "test.yaml:1:23: error: program 'a' calls itself: a -> b -> c -> a"},
      {"programs: {a: [{call: a}]}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:23: error: program 'a' calls itself: a -> a"},
      {"programs: {x: [{call: a}], a: [{cpu: 1}, {call: b}], b: [{call: a}]}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:49: error: program 'a' calls itself: a -> b -> a"},
      {"programs: {a: []}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:15: error: 'a' is empty: a program needs at least one step"},
      {"programs: {a: [{cpu: 1}], a: [{cpu: 2}]}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:27: error: 'a' is given twice in 'programs'"},
      {"programs: [a]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:11: error: 'programs' expects a mapping of names to lists of steps, got a list"},
      // Where a named program runs decides what it may contain.
      {"programs: {p: [{switch: x}]}\nprocesses:\n  - {name: A, program: p}\n",
       "test.yaml:1:25: error: 'switch' is only allowed in the program of a coroutine, but program 'p' runs as a "
       "task's program (used at line 3)"},
      {"programs: {p: [{await_io: 2}]}\nprocesses:\n  - {name: A, program: [{call: p}]}\n",
       "test.yaml:1:17: error: 'await_io' is only allowed in the program of a coroutine, but program 'p' runs as a "
       "task's program (used at line 3)"},
      {"programs: {p: [{coroutines: [{name: x, program: [{cpu: 1}]}]}]}\nprocesses:\n"
       "  - {name: A, program: [{coroutines: [{name: y, program: p}]}]}\n",
       "test.yaml:1:17: error: 'coroutines' cannot be nested inside a coroutine, but program 'p' runs as a coroutine "
       "(used at line 3)"},
      {"programs: {p: [{call: q}], q: [{switch: z}]}\nprocesses:\n  - {name: A, program: [{coroutines: [{name: y, "
       "program: p}]}]}\n",
       "test.yaml:1:41: error: 'switch' target 'z' is not a coroutine of the group at line 3, where program 'q' runs "
       "(expected one of: y)"},
      // break_if leaves a repeat of its own program: not through a call or a fork.
      {with_program("{break_if: \"x > 1\"}"),
       "test.yaml:2:26: error: 'break_if' must be inside a 'repeat' of the same program (it leaves the innermost "
       "repeat)"},
      {with_program("{repeat: {times: 2, program: [{fork: {name: c, program: [{break_if: \"1 > 1\"}]}}]}}"),
       "test.yaml:2:83: error: 'break_if' must be inside a 'repeat' of the same program (it leaves the innermost "
       "repeat)"},
      {"programs: {p: [{break_if: \"1 > 1\"}]}\nprocesses:\n  - {name: A, program: [{repeat: {times: 2, program: "
       "[{call: p}]}}]}\n",
       "test.yaml:1:17: error: 'break_if' must be inside a 'repeat' of the same program (it leaves the innermost "
       "repeat)"},
  });
}

// ---- shared memory ----------------------------------------------------------------------

TEST(WorkloadFormat, SharedAndLocalVariables) {
  const Workload w = load(R"(shared: {tickets: 1, n: -500}
processes:
  - name: A
    program: [{load: n}, {add: -3}, {store: n}, {print: n}, {store: mine}, {load: mine}, {print: tickets}]
  - name: B
    program: [{load: mine}, {add: 9223372036854775807}, {store: other}]
)");
  EXPECT_EQ(program_of(w, "A"), "load n; add -3; store n; print n; store mine; load mine; print tickets");
  EXPECT_EQ(program_of(w, "B"), "load mine; add 9223372036854775807; store other");
  ASSERT_EQ(w.variables.size(), 4u);
  EXPECT_EQ(w.variables[0].name, "tickets");
  EXPECT_TRUE(w.variables[0].shared);
  EXPECT_EQ(w.variables[0].initial, 1);
  EXPECT_EQ(w.variables[1].initial, -500);
  EXPECT_EQ(w.variables[2].name, "mine");  // local: each task has its own, from 0
  EXPECT_FALSE(w.variables[2].shared);
  EXPECT_EQ(w.variables[3].name, "other");
}

TEST(WorkloadFormat, SharedMayFollowTheProcesses) {
  const Workload w = load("processes:\n  - {name: A, program: [{load: n}, {print: n}]}\nshared: {n: 7}\n");
  ASSERT_EQ(w.variables.size(), 1u);
  EXPECT_TRUE(w.variables[0].shared);
  EXPECT_EQ(w.variables[0].initial, 7);
}

TEST(WorkloadFormat, MemoryErrors) {
  expect_errors({
      {with_program("{load: n}"),
       "test.yaml:2:32: error: variable 'n' is read but never written: a task's own variables start at 0; to share "
       "it with a value, declare it under 'shared:'"},
      {with_program("{print: total}, {if: {cond: \"total > 0\", then: [{cpu: 1}]}}"),
       "test.yaml:2:33: error: variable 'total' is read but never written: a task's own variables start at 0; to "
       "share it with a value, declare it under 'shared:'"},
      {with_program("{load: 3x}"),
       "test.yaml:2:32: error: 'load' expects a variable name (letters, digits and '_', not starting with a digit), "
       "got '3x'"},
      {with_program("{store: register}"),
       "test.yaml:2:33: error: 'register' is not a variable name in 'store': it stands for the task's register in "
       "conditions and 'put' items"},
      {with_program("{add: x}"), "test.yaml:2:31: error: 'add' expects a whole number, got 'x'"},
      {with_program("{add: 99999999999999999999}"),
       "test.yaml:2:31: error: 'add' is too large: 99999999999999999999 (at most 9223372036854775807)"},
      {"shared: {register: 1}\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:10: error: 'register' is not a variable name in 'shared': it stands for the task's register in "
       "conditions and 'put' items"},
      {"shared: {a: 1, a: 2}\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:16: error: 'a' is given twice in 'shared'"},
      {"shared: {a: x}\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:13: error: 'a' expects a whole number, got 'x'"},
      {"shared: [a]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:9: error: 'shared' expects a mapping of variable names to initial values, got a list"},
  });
}

// ---- locks, semaphores, events ----------------------------------------------------------

TEST(WorkloadFormat, Locks) {
  const Workload w = load(R"(locks: [L1, {name: L2, protocol: inherit}, {name: R, reentrant: true}, {name: P, protocol: none}]
processes:
  - name: A
    program:
      - lock: L1
      - lock: {name: L2, protocol: inherit}
      - rlock: R
      - rlock: R
      - runlock: R
      - runlock: R
      - unlock: L2
      - unlock: L1
      - lock: {name: M, protocol: inherit}
      - unlock: M
      - rlock: N
      - runlock: N
)");
  EXPECT_EQ(program_of(w, "A"),
            "lock L1; lock L2; rlock R; rlock R; runlock R; runlock R; unlock L2; unlock L1; lock M; unlock M; "
            "rlock N; runlock N");
  // Declared locks first, then the ones created on first use; the kind and protocol
  // follow from declarations and steps.
  ASSERT_EQ(w.locks.size(), 6u);
  const auto decl = [&](std::size_t i) {
    return fmt::format("{} reentrant={} inherit={}", w.locks[i].name, w.locks[i].reentrant, w.locks[i].inherit);
  };
  EXPECT_EQ(decl(0), "L1 reentrant=false inherit=false");
  EXPECT_EQ(decl(1), "L2 reentrant=false inherit=true");
  EXPECT_EQ(decl(2), "R reentrant=true inherit=false");
  EXPECT_EQ(decl(3), "P reentrant=false inherit=false");
  EXPECT_EQ(decl(4), "M reentrant=false inherit=true");
  EXPECT_EQ(decl(5), "N reentrant=true inherit=false");
  // A step's ref is the lock's index.
  EXPECT_EQ(w.steps[w.programs[w.processes[0].program].begin + 8].ref, 4u);
}

TEST(WorkloadFormat, SemaphoresAndEvents) {
  const Workload w = load(R"(semaphores: [{name: S, count: 2}, {count: 0, name: Z}]
events: [E, {name: F}]
processes:
  - name: A
    program:
      - acquire: S
      - acquire: {name: Z, timeout: 4}
      - release: S
      - event_set: E
      - event_clear: G
      - event_wait: F
      - event_wait: {name: E, timeout: 0}
)");
  EXPECT_EQ(program_of(w, "A"),
            "acquire S -1; acquire Z 4; release S 0; event_set E 0; event_clear G 0; event_wait F -1; "
            "event_wait E 0");
  ASSERT_EQ(w.semaphores.size(), 2u);
  EXPECT_EQ(w.semaphores[0].count, 2);
  EXPECT_EQ(w.semaphores[1].name, "Z");
  EXPECT_EQ(w.semaphores[1].count, 0);
  ASSERT_EQ(w.events.size(), 3u);  // G: created on first use
  EXPECT_EQ(w.events[2].name, "G");
}

TEST(WorkloadFormat, SyncErrors) {
  expect_errors({
      {with_program("{lock: L}, {rlock: L}"),
       "test.yaml:2:44: error: lock 'L' is used both as a plain lock ('lock' at line 2) and as a re-entrant lock "
       "('rlock' at line 2): a lock is one or the other"},
      {with_program("{unlock: L}", "locks: [{name: L, reentrant: true}]\n"),
       "test.yaml:3:34: error: lock 'L' is used both as a plain lock ('unlock' at line 3) and as a re-entrant lock "
       "('reentrant: true' at line 1): a lock is one or the other"},
      {with_program("{runlock: L}", "locks: [{name: L, reentrant: false}]\n"),
       "test.yaml:3:35: error: lock 'L' is used both as a plain lock ('reentrant: false' at line 1) and as a "
       "re-entrant lock ('runlock' at line 3): a lock is one or the other"},
      {with_program("{lock: {name: L, protocol: inherit}}", "locks: [{name: L, protocol: none}]\n"),
       "test.yaml:3:52: error: lock 'L' has conflicting protocols ('inherit' at line 3, 'none' at line 1)"},
      {with_program("{lock: {name: L, protocol: inherit}}, {lock: {name: L, protocol: none}}"),
       "test.yaml:2:90: error: lock 'L' has conflicting protocols ('inherit' at line 2, 'none' at line 2)"},
      {"locks: [L, L]\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:12: error: lock 'L' is declared twice (first at line 1)"},
      {"locks: [{protocol: inherit}]\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:9: error: a lock needs a 'name'"},
      {"locks: [{name: L, protocol: ceiling}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:29: error: 'protocol' expects one of: none, inherit, got 'ceiling'"},
      {"locks: [{name: L, reentrant: maybe}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:30: error: 'reentrant' expects true or false, got 'maybe'"},
      {with_program("{unlock: {name: L}}"), "test.yaml:2:34: error: 'unlock' expects a lock name, got a mapping"},
      {with_program("{acquire: S}"), "test.yaml:2:35: error: unknown semaphore 'S': declare it under 'semaphores:' with its count"},
      {with_program("{release: S}", "semaphores: [{name: T, count: 1}]\n"),
       "test.yaml:3:35: error: unknown semaphore 'S': declare it under 'semaphores:' with its count (declared: T)"},
      {"semaphores: [S]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:14: error: a semaphore is declared as {name: S, count: N}, got 'S'"},
      {"semaphores: [{name: S}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:14: error: semaphore 'S' needs a 'count' (its initial value)"},
      {"semaphores: [{name: S, count: -1}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:31: error: 'count' must be >= 0, got -1"},
      {"semaphores: [{name: S, count: 1}, {name: S, count: 2}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:42: error: semaphore 'S' is declared twice (first at line 1)"},
      {with_program("{acquire: {name: S, timeout: -1}}", "semaphores: [{name: S, count: 1}]\n"),
       "test.yaml:3:54: error: 'timeout' must be >= 0, got -1"},
      {"events: [E, E]\nprocesses:\n  - {name: A, burst: 1}\n", "test.yaml:1:13: error: event 'E' is declared twice (first at line 1)"},
      {with_program("{event_wait: {timeout: 3}}"), "test.yaml:2:38: error: 'event_wait' needs a 'name'"},
      {with_program("{event_set: {name: E, timeout: 3}}"), "test.yaml:2:37: error: 'event_set' expects a name, got a mapping"},
  });
}

// ---- queues -----------------------------------------------------------------------------

TEST(WorkloadFormat, Queues) {
  const Workload w = load(R"(shared: {n: 3}
queues: [{name: Q, capacity: 3, order: fifo}, {name: L, order: lifo}, {name: P, capacity: 1, order: priority}, J]
processes:
  - name: A
    program:
      - put: {queue: Q, item: 5}
      - put: {queue: Q, item: -5, timeout: 0}
      - put: {queue: L, item: n}
      - put: {queue: P, item: register, timeout: 7}
      - get: Q
      - get: {queue: L, timeout: 2, into: got}
      - get: {queue: P, into: register}
      - put: {queue: J, item: got}
      - task_done: J
      - join_queue: J
      - join_queue: {name: J, timeout: 10}
)");
  EXPECT_EQ(program_of(w, "A"),
            "put Q 5 -1; put Q -5 0; put L $n -1; put P register 7; get Q -1 register; get L 2 $got; "
            "get P -1 register; put J $got -1; task_done J 0; join_queue J -1; join_queue J 10");
  ASSERT_EQ(w.queues.size(), 4u);
  EXPECT_EQ(w.queues[0].capacity, 3);
  EXPECT_EQ(w.queues[0].order, QueueOrder::Fifo);
  EXPECT_EQ(w.queues[1].capacity, 0);  // unbounded
  EXPECT_EQ(w.queues[1].order, QueueOrder::Lifo);
  EXPECT_EQ(w.queues[2].order, QueueOrder::Priority);
  EXPECT_EQ(w.queues[3].name, "J");
  ASSERT_EQ(w.puts.size(), 5u);
  EXPECT_EQ(w.puts[2].item.kind, Operand::Kind::Variable);
  EXPECT_EQ(w.variables[w.puts[2].item.variable].name, "n");
  ASSERT_EQ(w.gets.size(), 3u);
  EXPECT_EQ(w.gets[1].into.kind, Operand::Kind::Variable);
  EXPECT_EQ(w.gets[2].into.kind, Operand::Kind::Register);
}

TEST(WorkloadFormat, QueueErrors) {
  expect_errors({
      {with_program("{put: {queue: Q, item: 1}}"), "test.yaml:2:39: error: unknown queue 'Q': declare it under 'queues:'"},
      {with_program("{task_done: R}", "queues: [Q]\n"), "test.yaml:3:37: error: unknown queue 'R': declare it under 'queues:' (declared: Q)"},
      {"queues: [{name: Q, order: random}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:27: error: 'order' expects one of: fifo, lifo, priority, got 'random'"},
      {"queues: [{name: Q, capacity: -1}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:30: error: 'capacity' must be >= 0, got -1"},
      {"queues: [Q, {name: Q}]\nprocesses:\n  - {name: A, burst: 1}\n",
       "test.yaml:1:20: error: queue 'Q' is declared twice (first at line 1)"},
      {with_program("{put: {queue: Q}}", "queues: [Q]\n"), "test.yaml:3:31: error: 'put' needs an 'item'"},
      {with_program("{put: {item: 1}}", "queues: [Q]\n"), "test.yaml:3:31: error: 'put' needs a 'queue'"},
      {with_program("{put: Q}", "queues: [Q]\n"), "test.yaml:3:31: error: expected 'put' (a mapping), got 'Q'"},
      {with_program("{put: {queue: Q, item: \"7\"}}", "queues: [Q]\n"),
       "test.yaml:3:48: error: 'item' expects a whole number, a variable name or 'register', got '7'"},
      {with_program("{put: {queue: Q, item: a-b}}", "queues: [Q]\n"),
       "test.yaml:3:48: error: 'item' expects a whole number, a variable name or 'register', got 'a-b'"},
      {with_program("{put: {queue: Q, item: ghost}}", "queues: [Q]\n"),
       "test.yaml:3:48: error: variable 'ghost' is read but never written: a task's own variables start at 0; to "
       "share it with a value, declare it under 'shared:'"},
      {with_program("{get: {queue: Q, timeout: -1}}", "queues: [Q]\n"), "test.yaml:3:51: error: 'timeout' must be >= 0, got -1"},
      {with_program("{get: {timeout: 1}}", "queues: [Q]\n"), "test.yaml:3:31: error: 'get' needs a 'queue'"},
      {with_program("{get: {queue: Q, into: 5}}", "queues: [Q]\n"),
       "test.yaml:3:48: error: 'into' expects a variable name (letters, digits and '_', not starting with a digit), "
       "got '5'"},
      {with_program("{task_done: {name: Q}}", "queues: [Q]\n"), "test.yaml:3:37: error: 'task_done' expects a name, got a mapping"},
  });
}

// ---- control flow -----------------------------------------------------------------------

TEST(WorkloadFormat, IfAndBreakIf) {
  const Workload w = load(R"(shared: {seats: 2}
processes:
  - name: A
    program:
      - repeat:
          times: forever
          program:
            - load: seats
            - if: {cond: "register > 0", then: [{add: -1}, {store: seats}], else: [{exit: 1}]}
            - break_if: seats<=0
            - if: {cond: "-3 != +4", then: [{yield: }]}
            - break_if: "seats == register"
            - break_if: "count >= 10"
            - load: count
            - add: 1
            - store: count
)");
  EXPECT_EQ(program_of(w, "A"), "repeat -1 #P3");
  EXPECT_EQ(program_text(w, 3),
            "load seats; if (register > 0) #P0 else #P1; break_if ($seats <= 0); if (-3 != 4) #P2; "
            "break_if ($seats == register); break_if ($count >= 10); load count; add 1; store count");
  EXPECT_EQ(program_text(w, 0), "add -1; store seats");
  EXPECT_EQ(program_text(w, 1), "exit 1");
  ASSERT_EQ(w.ifs.size(), 2u);
  EXPECT_EQ(w.ifs[1].else_program, UINT32_MAX);
  ASSERT_EQ(w.conditions.size(), 5u);
  EXPECT_EQ(w.conditions[1].op, Compare::Le);
}

TEST(WorkloadFormat, BreakIfInsideAnIfInsideARepeat) {
  const Workload w = load(with_program(
      "{repeat: {times: 3, program: [{if: {cond: \"register == 0\", then: [{break_if: \"1 < 2\"}]}}]}}"));
  EXPECT_EQ(program_of(w, "A"), "repeat 3 #P1");
  EXPECT_EQ(program_text(w, 0), "break_if (1 < 2)");
}

TEST(WorkloadFormat, ConditionErrors) {
  const std::string expects =
      "'cond' expects a condition 'A OP B' (OP one of ==, !=, <, <=, >, >=; A and B whole numbers, variables or "
      "'register'), got ";
  expect_errors({
      {with_program("{if: {cond: \"x = 1\", then: [{cpu: 1}]}}"), "test.yaml:2:37: error: " + expects + "'x = 1'"},
      {with_program("{if: {cond: \"x < \", then: [{cpu: 1}]}}"), "test.yaml:2:37: error: " + expects + "'x < '"},
      {with_program("{if: {cond: [1], then: [{cpu: 1}]}}"),
       "test.yaml:2:37: error: 'cond' expects a condition such as 'n < 10', got a list"},
      {with_program("{if: {cond: \"a b < 2\", then: [{cpu: 1}]}}"),
       "test.yaml:2:37: error: 'cond' expects a whole number, a variable name or 'register', got 'a b'"},
      {with_program("{if: {cond: \"1 < 2\"}}"), "test.yaml:2:30: error: 'if' needs a 'then' program"},
      {with_program("{if: {then: [{cpu: 1}]}}"), "test.yaml:2:30: error: 'if' needs a 'cond'"},
      {with_program("{if: {cond: \"1 < 2\", then: []}}"), "test.yaml:2:52: error: 'then' is empty: a program needs at least one step"},
      {with_program("{if: {cond: \"1 < 2\", then: [{cpu: 1}], otherwise: []}}"),
       "test.yaml:2:64: error: unknown key 'otherwise' in 'if' (expected one of: cond, then, else)"},
      {with_program("{repeat: {times: 1, program: [{break_if: \"n > 0\"}]}}"),
       "test.yaml:2:66: error: variable 'n' is read but never written: a task's own variables start at 0; to share "
       "it with a value, declare it under 'shared:'"},
  });
}

// ---- limits -----------------------------------------------------------------------------

TEST(WorkloadFormat, NestingBeyondTheDepthLimitIsAnError) {
  LoadLimits limits;
  limits.max_depth = 3;
  const std::string ok = with_program("{repeat: {times: 1, program: [{repeat: {times: 1, program: [{cpu: 1}]}}]}}");
  EXPECT_NO_THROW(load_workload_string(ok, "test.yaml", limits));
  const std::string deep = with_program(
      "{fork: {name: c, program: [{thread: {name: t, program: [{coroutines: [{name: x, program: [{cpu: 1}]}]}]}}]}}");
  try {
    load_workload_string(deep, "test.yaml", limits);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.formatted(), "test.yaml:2:114: error: programs nested too deeply (at most 3 levels)");
  }
}

TEST(WorkloadFormat, FirstErrorInTheFileIsReported) {
  // Names checked at the end: of several errors, the earliest line wins.
  EXPECT_EQ(error_of("processes:\n  - {name: A, program: [{acquire: S}]}\n  - {name: B, program: [{kill: nobody}]}\n"),
            "test.yaml:2:35: error: unknown semaphore 'S': declare it under 'semaphores:' with its count");
  EXPECT_EQ(error_of("processes:\n  - {name: A, program: [{kill: nobody}]}\n  - {name: B, program: [{acquire: S}]}\n"),
            "test.yaml:2:32: error: 'kill' target 'nobody' names no process and no fork in the file");
}

// ---- the documentation ------------------------------------------------------------------

TEST(WorkloadFormat, EveryExampleInTheDocsLoads) {
  // Every ```yaml block of docs/workload-format.md is a complete file that loads.
  const std::string path = std::string(SCHEDLAB_SOURCE_DIR) + "/docs/workload-format.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line, block;
  int blocks = 0, block_line = 0, line_number = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (!inside && line == "```yaml") {
      inside = true;
      block.clear();
      block_line = line_number;
    } else if (inside && line == "```") {
      inside = false;
      ++blocks;
      const std::string name = "workload-format.md:" + std::to_string(block_line);
      try {
        const Workload w = load_workload_string(block, name);
        EXPECT_FALSE(w.processes.empty()) << name;
      } catch (const InputError& e) {
        ADD_FAILURE() << e.formatted();
      }
    } else if (inside) {
      block += line + "\n";
    }
  }
  EXPECT_FALSE(inside) << "an unterminated ```yaml block";
  EXPECT_GE(blocks, 15);
}

}  // namespace
}  // namespace schedlab

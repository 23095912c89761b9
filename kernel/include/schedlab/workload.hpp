// The in-memory form of a workload file (see docs/workload-format.md).
//
// Kept compact because a workload may hold 10^6 processes: every program of every
// process lives in one shared step arena, and a step is 16 bytes. Anything a step needs
// beyond one number (names, timeouts, nested programs, conditions) sits in side tables
// it indexes with `ref`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/types.hpp>

namespace schedlab {

// One instruction of a scripted program. The workload schema is a contract: later
// additions keep the meaning of existing operations.
enum class Op : std::uint8_t {
  // CPU, devices, the scheduler
  Cpu,     // value = ticks of CPU
  Io,      // value = ticks blocked on an I/O device
  Sleep,   // value = ticks blocked on a timer
  Yield,   // give up the CPU, stay Ready
  // control flow (zero time)
  Repeat,   // value = iterations (-1 = forever), ref = body program
  Call,     // ref = program (a named program, run inline)
  If,       // ref = Workload::ifs
  BreakIf,  // ref = Workload::conditions: leave the innermost repeat when true
  // ending
  Exit,   // value = exit code: ends the whole process
  Fail,   // value = exit code, ref = Workload::strings (message): an error exit
  Fault,  // value = signal (SIGSEGV, SIGFPE, SIGILL): the kernel kills the process
  // processes and threads
  Fork,    // ref = Workload::spawns
  Thread,  // ref = Workload::spawns
  Kill,    // ref = Workload::strings (target name), value = signal
  Wait,    // ref = Workload::waits
  Join,    // ref = Workload::strings (thread name), value = timeout (-1 none)
  // coroutines inside a thread
  Coroutines,  // ref = Workload::coroutine_groups
  Switch,      // ref = Workload::strings (coroutine name)
  AwaitIo,     // value = ticks: this coroutine waits, others of the thread may run
  // memory (each takes one tick of CPU)
  Load,   // ref = variable: register <- variable
  Add,    // value = K: register <- register + K
  Store,  // ref = variable: variable <- register
  Print,  // ref = variable: write its value to the run's output
  // synchronisation and IPC (ref = object index of the kind)
  Lock,
  Unlock,
  RLock,
  RUnlock,
  Acquire,  // value = timeout (-1 none)
  Release,
  EventSet,
  EventClear,
  EventWait,  // value = timeout (-1 none)
  Put,        // ref = Workload::puts
  Get,        // ref = Workload::gets
  TaskDone,
  JoinQueue,  // value = timeout (-1 none)
};

struct Step {
  Op op = Op::Cpu;
  std::uint8_t flags = 0;
  std::uint16_t reserved = 0;
  std::uint32_t ref = 0;   // index into a side table, meaning depends on op
  std::int64_t value = 0;  // ticks, count, code... meaning depends on op
};
static_assert(sizeof(Step) == 16, "a step must stay small: workloads hold millions");

// A program is a contiguous run of steps in Workload::steps.
struct ProgramRef {
  std::uint32_t begin = 0;
  std::uint32_t size = 0;
};

struct SourcePos {
  std::uint32_t line = 0;  // 1-based; 0 = unknown
  std::uint32_t column = 0;
};

struct ProcessSpec {
  std::string name;
  Ticks arrival = 0;
  int priority = 0;
  int tickets = 100;
  int nice = 0;
  std::uint32_t program = 0;   // index into Workload::programs
  std::uint32_t affinity = 0;  // index into Workload::affinities; 0 = any CPU
  bool daemon = false;         // a top-level daemon is killed once every other process has ended
  SourcePos pos;               // where the process's name is, for messages
};

// A value a step reads: a literal, a variable, or the task's register.
struct Operand {
  enum class Kind : std::uint8_t { Literal, Variable, Register };
  Kind kind = Kind::Literal;
  std::uint32_t variable = 0;  // index into Workload::variables
  std::int64_t value = 0;      // the literal
};

enum class Compare : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

struct Condition {  // "lhs OP rhs"
  Operand lhs;
  Compare op = Compare::Eq;
  Operand rhs;
};

struct IfSpec {
  std::uint32_t condition = 0;     // index into Workload::conditions
  std::uint32_t then_program = 0;  // index into Workload::programs
  std::uint32_t else_program = UINT32_MAX;  // UINT32_MAX: none
};

struct SpawnSpec {  // fork and thread steps
  std::uint32_t name = 0;     // index into Workload::strings
  std::uint32_t program = 0;  // index into Workload::programs
  bool daemon = false;
};

struct WaitSpec {
  enum class Target : std::uint8_t { Name, Any, Children };
  Target target = Target::Any;
  std::uint32_t name = 0;  // index into Workload::strings, for Target::Name
  Ticks timeout = -1;      // -1: none
};

struct PutSpec {
  std::uint32_t queue = 0;
  Operand item;
  Ticks timeout = -1;
};

struct GetSpec {
  std::uint32_t queue = 0;
  Ticks timeout = -1;
  Operand into;  // a variable or the register
};

struct CoroutineGroup {
  struct Member {
    std::uint32_t name = 0;     // index into Workload::strings
    std::uint32_t program = 0;  // index into Workload::programs
  };
  std::vector<Member> members;
};

struct VariableDecl {
  std::string name;
  bool shared = false;  // declared under `shared:`; otherwise local to each task
  std::int64_t initial = 0;
};

struct LockDecl {
  std::string name;
  bool reentrant = false;
  bool inherit = false;  // priority inheritance
};

struct SemaphoreDecl {
  std::string name;
  std::int64_t count = 0;
};

struct EventDecl {
  std::string name;
};

enum class QueueOrder : std::uint8_t { Fifo, Lifo, Priority };

struct QueueDecl {
  std::string name;
  std::int64_t capacity = 0;  // 0: unbounded
  QueueOrder order = QueueOrder::Fifo;
};

// What happens to a job of a periodic task still unfinished at its absolute deadline.
enum class OnMiss : std::uint8_t {
  Continue,  // it runs on (late) and counts as missed when it completes after its deadline
  Abort,     // it is removed at its deadline: missed and aborted
};

// A periodic task (docs/workload-format.md, "Real-time tasks"): the process at index
// `process` releases a job every `period` ticks from its `arrival`; each job runs the
// process's program once and must finish within `deadline` ticks of its release. Kept
// beside the process table (not in ProcessSpec) so ordinary workloads pay nothing.
struct RealtimeSpec {
  std::uint32_t process = 0;  // index into Workload::processes
  Ticks period = 0;           // > 0
  Ticks deadline = 0;         // relative deadline, > 0 (default: the period)
  std::int64_t jobs = -1;     // number of jobs; -1: until the workload's horizon
  Ticks work = -1;            // each job's CPU ticks when known (a `burst:`), else -1
  // A sporadic task (`min_interarrival: P`): `period` is P, the least separation of two
  // releases; each gap is P plus a seeded draw, uniform over 0..jitter.
  bool sporadic = false;
  Ticks jitter = 0;
  SourcePos period_pos;       // where `period` is, for messages
  SourcePos deadline_pos;     // where `deadline` is (line 0: not given)
  SourcePos work_pos;         // where `burst` is (line 0: a program)
};

struct Workload {
  std::string source;  // file path, for messages ("<memory>" when built in code)
  std::string name;
  std::uint32_t cpus = 1;
  std::vector<ProcessSpec> processes;  // in listing order
  std::vector<ProgramRef> programs;
  std::vector<Step> steps;
  // CPU sets, each a sorted list of CPU ids; entry 0 is "any CPU" and stays empty.
  std::vector<std::vector<CpuId>> affinities{{}};

  // Side tables of the steps.
  std::vector<std::string> strings;
  std::vector<SpawnSpec> spawns;
  std::vector<WaitSpec> waits;
  std::vector<PutSpec> puts;
  std::vector<GetSpec> gets;
  std::vector<Condition> conditions;
  std::vector<IfSpec> ifs;
  std::vector<CoroutineGroup> coroutine_groups;
  std::vector<VariableDecl> variables;
  std::vector<std::pair<std::string, std::uint32_t>> named_programs;  // name -> program

  // Kernel objects the programs use.
  std::vector<LockDecl> locks;
  std::vector<SemaphoreDecl> semaphores;
  std::vector<EventDecl> events;
  std::vector<QueueDecl> queues;

  // Limits and costs.
  std::size_t max_processes = 10'000;  // live processes at once; a fork beyond fails
  Ticks fork_cost = 0;                 // CPU ticks a fork takes
  Ticks thread_cost = 0;               // CPU ticks starting a thread takes

  // Real-time tasks: the periodic ones among the processes, in listing order.
  std::vector<RealtimeSpec> realtime;
  Ticks horizon = -1;                 // no job is released at or after it; -1: none
  OnMiss on_miss = OnMiss::Continue;  // what happens to a job at its deadline

  // Convenience for tests and generators: append a program and return its index.
  std::uint32_t add_program(const std::vector<Step>& program) { return add_program(program.data(), program.size()); }
  std::uint32_t add_program(const Step* steps, std::size_t count);
  // Append a process with the given program steps; returns its index.
  std::size_t add_process(std::string name, Ticks arrival, const std::vector<Step>& program,
                          int priority = 0);
};

// Small helpers to build programs in code: cpu(5), io(3), ...
inline Step cpu_step(Ticks t) { return Step{Op::Cpu, 0, 0, 0, t}; }
inline Step io_step(Ticks t) { return Step{Op::Io, 0, 0, 0, t}; }
inline Step sleep_step(Ticks t) { return Step{Op::Sleep, 0, 0, 0, t}; }
inline Step exit_step(std::int64_t code) { return Step{Op::Exit, 0, 0, 0, code}; }
inline Step yield_step() { return Step{Op::Yield, 0, 0, 0, 0}; }

}  // namespace schedlab

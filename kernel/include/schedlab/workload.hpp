// The in-memory form of a workload file (see docs/workload-format.md).
//
// Kept compact because a workload may hold 10^6 processes: every program of every
// process lives in one shared step arena, and a step is 16 bytes. Anything a step needs
// beyond one number (names, timeouts, nested programs) sits in side tables it indexes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <schedlab/types.hpp>

namespace schedlab {

// One instruction of a scripted program. Later issues add operations; existing ones keep
// their meaning (the workload schema is a contract).
enum class Op : std::uint8_t {
  Cpu,     // value = ticks of CPU
  Io,      // value = ticks blocked on an I/O device
  Sleep,   // value = ticks blocked on a timer
  Yield,   // give up the CPU, stay Ready
  Exit,    // value = exit code
  Repeat,  // value = iterations (-1 = forever), ref = body program
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
  SourcePos pos;               // where the process entry starts, for messages
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

// A workload as text, for tests that compare loaded workloads exactly: every step with
// its side-table entry spelled out, and names instead of string indices (so two loads
// that number their strings differently still compare equal).
#pragma once

#include <fmt/format.h>

#include <string>

#include <schedlab/workload.hpp>

namespace schedlab::test {

inline const char* op_name(Op op) {
  switch (op) {
    case Op::Cpu: return "cpu";
    case Op::Io: return "io";
    case Op::Sleep: return "sleep";
    case Op::Yield: return "yield";
    case Op::Repeat: return "repeat";
    case Op::Call: return "call";
    case Op::If: return "if";
    case Op::BreakIf: return "break_if";
    case Op::Exit: return "exit";
    case Op::Fail: return "fail";
    case Op::Fault: return "fault";
    case Op::Fork: return "fork";
    case Op::Thread: return "thread";
    case Op::Kill: return "kill";
    case Op::Wait: return "wait";
    case Op::Join: return "join";
    case Op::Coroutines: return "coroutines";
    case Op::Switch: return "switch";
    case Op::AwaitIo: return "await_io";
    case Op::Load: return "load";
    case Op::Add: return "add";
    case Op::Store: return "store";
    case Op::Print: return "print";
    case Op::Lock: return "lock";
    case Op::Unlock: return "unlock";
    case Op::RLock: return "rlock";
    case Op::RUnlock: return "runlock";
    case Op::Acquire: return "acquire";
    case Op::Release: return "release";
    case Op::EventSet: return "event_set";
    case Op::EventClear: return "event_clear";
    case Op::EventWait: return "event_wait";
    case Op::Put: return "put";
    case Op::Get: return "get";
    case Op::TaskDone: return "task_done";
    case Op::JoinQueue: return "join_queue";
  }
  return "?";
}

inline std::string operand_text(const Workload& w, const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::Literal: return std::to_string(o.value);
    case Operand::Kind::Register: return "register";
    case Operand::Kind::Variable: return "$" + w.variables[o.variable].name;
  }
  return "?";
}

inline std::string condition_text(const Workload& w, std::uint32_t c) {
  static constexpr const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
  const Condition& k = w.conditions[c];
  return operand_text(w, k.lhs) + " " + kOps[static_cast<int>(k.op)] + " " + operand_text(w, k.rhs);
}

// One step: "cpu 5", "kill B 15", "fork child#P3", "lock L", "put Q 7 timeout=-1"...
// Nested programs are written as #P<index>; dump_program() writes them out inline.
inline std::string step_text(const Workload& w, const Step& s) {
  const std::string op = op_name(s.op);
  switch (s.op) {
    case Op::Cpu:
    case Op::Io:
    case Op::Sleep:
    case Op::Exit:
    case Op::Fault:
    case Op::AwaitIo:
    case Op::Add: return fmt::format("{} {}", op, s.value);
    case Op::Yield: return op;
    case Op::Repeat: return fmt::format("repeat {} #P{}", s.value, s.ref);
    case Op::Call: return fmt::format("call #P{}", s.ref);
    case Op::If: {
      const IfSpec& i = w.ifs[s.ref];
      return fmt::format("if ({}) #P{}{}", condition_text(w, i.condition), i.then_program,
                         i.else_program == UINT32_MAX ? std::string() : fmt::format(" else #P{}", i.else_program));
    }
    case Op::BreakIf: return fmt::format("break_if ({})", condition_text(w, s.ref));
    case Op::Fail: return fmt::format("fail '{}' {}", w.strings[s.ref], s.value);
    case Op::Fork:
    case Op::Thread: {
      const SpawnSpec& p = w.spawns[s.ref];
      return fmt::format("{} {} #P{}{}", op, w.strings[p.name], p.program, p.daemon ? " daemon" : "");
    }
    case Op::Kill: return fmt::format("kill {} {}", w.strings[s.ref], s.value);
    case Op::Wait: {
      const WaitSpec& k = w.waits[s.ref];
      const std::string target = k.target == WaitSpec::Target::Any        ? "any"
                                 : k.target == WaitSpec::Target::Children ? "children"
                                                                          : w.strings[k.name];
      return fmt::format("wait {} {}", target, k.timeout);
    }
    case Op::Join: return fmt::format("join {} {}", w.strings[s.ref], s.value);
    case Op::Coroutines: {
      std::string out = "coroutines";
      for (const auto& m : w.coroutine_groups[s.ref].members) out += fmt::format(" {}#P{}", w.strings[m.name], m.program);
      return out;
    }
    case Op::Switch: return fmt::format("switch {}", w.strings[s.ref]);
    case Op::Load:
    case Op::Store:
    case Op::Print: return fmt::format("{} {}", op, w.variables[s.ref].name);
    case Op::Lock:
    case Op::Unlock:
    case Op::RLock:
    case Op::RUnlock: return fmt::format("{} {}", op, w.locks[s.ref].name);
    case Op::Acquire:
    case Op::Release: return fmt::format("{} {} {}", op, w.semaphores[s.ref].name, s.value);
    case Op::EventSet:
    case Op::EventClear:
    case Op::EventWait: return fmt::format("{} {} {}", op, w.events[s.ref].name, s.value);
    case Op::Put: {
      const PutSpec& p = w.puts[s.ref];
      return fmt::format("put {} {} {}", w.queues[p.queue].name, operand_text(w, p.item), p.timeout);
    }
    case Op::Get: {
      const GetSpec& g = w.gets[s.ref];
      return fmt::format("get {} {} {}", w.queues[g.queue].name, g.timeout, operand_text(w, g.into));
    }
    case Op::TaskDone:
    case Op::JoinQueue: return fmt::format("{} {} {}", op, w.queues[s.ref].name, s.value);
  }
  return "?";
}

// "cpu 5; io 3" (nested programs as #P<index>).
inline std::string program_text(const Workload& w, std::uint32_t p) {
  std::string out;
  const ProgramRef r = w.programs[p];
  for (std::uint32_t i = 0; i < r.size; ++i) out += (i == 0 ? "" : "; ") + step_text(w, w.steps[r.begin + i]);
  return out;
}

// Everything, one item a line.
inline std::string dump(const Workload& w) {
  std::string out = fmt::format("name={} cpus={} max_processes={} fork_cost={} thread_cost={}\n", w.name, w.cpus,
                                w.max_processes, w.fork_cost, w.thread_cost);
  for (const ProcessSpec& p : w.processes)
    out += fmt::format("process {} arrival={} priority={} tickets={} nice={} affinity={} daemon={} line={} #P{}\n",
                       p.name, p.arrival, p.priority, p.tickets, p.nice, p.affinity, p.daemon, p.pos.line, p.program);
  for (std::uint32_t p = 0; p < w.programs.size(); ++p) out += fmt::format("#P{}: {}\n", p, program_text(w, p));
  for (const auto& [name, p] : w.named_programs) out += fmt::format("program {} #P{}\n", name, p);
  for (const VariableDecl& v : w.variables)
    out += fmt::format("variable {}{}\n", v.name, v.shared ? fmt::format(" shared={}", v.initial) : std::string());
  for (const LockDecl& l : w.locks) out += fmt::format("lock {} reentrant={} inherit={}\n", l.name, l.reentrant, l.inherit);
  for (const SemaphoreDecl& s : w.semaphores) out += fmt::format("semaphore {} {}\n", s.name, s.count);
  for (const EventDecl& e : w.events) out += fmt::format("event {}\n", e.name);
  for (const QueueDecl& q : w.queues)
    out += fmt::format("queue {} capacity={} order={}\n", q.name, q.capacity, static_cast<int>(q.order));
  for (std::size_t a = 0; a < w.affinities.size(); ++a) out += fmt::format("affinity {}: {}\n", a, fmt::join(w.affinities[a], ","));
  return out;
}

}  // namespace schedlab::test

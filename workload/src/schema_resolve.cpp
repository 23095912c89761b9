// The second pass: what needs the whole file. Named programs (unknown names, cycles of
// calls, steps that depend on where a program runs), kill/wait/join targets, locks used
// both ways, semaphores and queues never declared, variables read but never written.
// Of several errors the first in the file is reported; then the references to named
// programs are patched.
#include <fmt/format.h>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "workload_schema.hpp"

namespace schedlab::detail {

namespace {

// Keeps the first of the errors offered, in file order.
class FirstError {
 public:
  template <typename Make>
  void offer(SourcePos at, Make&& make) {
    if (have_ && !before(at, at_)) return;
    at_ = at;
    message_ = make();
    have_ = true;
  }
  void raise(const std::string& source) const {
    if (have_) throw InputError(source, at_.line, at_.column, message_);
  }

 private:
  bool have_ = false;
  SourcePos at_;
  std::string message_;
};

// "a, b, c" (the first ten, then "...").
template <typename Names>
std::string list_of(const Names& names) {
  std::string out;
  std::size_t count = 0;
  for (const auto& n : names) {
    if (count == 10) return out + ", ...";
    out += count++ == 0 ? "" : ", ";
    out += n;
  }
  return out;
}

SourcePos later(SourcePos a, SourcePos b) { return before(a, b) ? b : a; }

using Use = SchemaNotes::ProgramUse;

// Per program name, the index into Workload::named_programs (UINT32_MAX: no such
// program, an error at each use).
std::vector<std::uint32_t> resolve_program_names(const Workload& w, const SchemaNotes& n, FirstError& error) {
  std::unordered_map<std::string_view, std::uint32_t> index;
  for (std::uint32_t i = 0; i < w.named_programs.size(); ++i) index.emplace(w.named_programs[i].first, i);
  std::vector<std::uint32_t> resolved(n.program_names.size(), UINT32_MAX);
  for (std::uint32_t id = 0; id < n.program_names.size(); ++id)
    if (const auto it = index.find(n.program_names[id]); it != index.end()) resolved[id] = it->second;
  auto unknown = [&](std::uint32_t name, SourcePos at) {
    if (resolved[name] != UINT32_MAX) return;
    error.offer(at, [&] {
      std::vector<std::string_view> known;
      for (const auto& [program, unused] : w.named_programs) known.push_back(program);
      return known.empty() ? fmt::format("unknown program '{}': no programs are declared under 'programs:'",
                                         n.program_names[name])
                           : fmt::format("unknown program '{}' (programs: {})", n.program_names[name], list_of(known));
    });
  };
  for (const Use& use : n.program_uses) unknown(use.name, use.pos);
  for (const SchemaNotes::Named& named : n.named)
    for (const NameUse& call : named.calls) unknown(call.name, call.pos);
  return resolved;
}

// Cycles of calls: depth-first over named programs, an explicit stack of (program, next
// call to follow).
void check_call_cycles(const Workload& w, const SchemaNotes& n, const std::vector<std::uint32_t>& resolved,
                       FirstError& error) {
  std::vector<std::uint8_t> state(w.named_programs.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;
  for (std::uint32_t root = 0; root < w.named_programs.size(); ++root) {
    if (state[root] != 0) continue;
    stack.emplace_back(root, 0);
    state[root] = 1;
    while (!stack.empty()) {
      auto& [p, next] = stack.back();
      const auto& calls = n.named[p].calls;
      if (next == calls.size()) {
        state[p] = 2;
        stack.pop_back();
        continue;
      }
      const std::uint32_t callee = resolved[calls[next++].name];
      if (callee == UINT32_MAX || state[callee] == 2) continue;
      if (state[callee] == 0) {
        state[callee] = 1;
        stack.emplace_back(callee, 0);
        continue;
      }
      // A cycle: from callee's frame up to here.
      std::size_t from = 0;
      while (stack[from].first != callee) ++from;
      const SourcePos at = n.named[callee].calls[stack[from].second - 1].pos;
      error.offer(at, [&] {
        std::string path;
        for (std::size_t i = from; i < stack.size(); ++i) path += w.named_programs[stack[i].first].first + " -> ";
        return fmt::format("program '{}' calls itself: {}{}", w.named_programs[callee].first, path,
                           w.named_programs[callee].first);
      });
    }
  }
}

std::vector<std::string_view> member_names(const Workload& w, std::uint32_t group) {
  std::vector<std::string_view> names;
  for (const auto& m : w.coroutine_groups[group].members) names.push_back(w.strings[m.name]);
  return names;
}

bool in_group(const Workload& w, std::uint32_t group, std::uint32_t name) {
  for (const auto& m : w.coroutine_groups[group].members)
    if (w.strings[m.name] == w.strings[name]) return true;
  return false;
}

// A named program reached in `context` (through the use at `origin`): the steps that
// cannot run there.
void check_context(const Workload& w, const SchemaNotes& n, std::uint32_t program, std::uint32_t context,
                   SourcePos origin, FirstError& error) {
  const SchemaNotes::Named& info = n.named[program];
  const std::string& name = w.named_programs[program].first;
  if (context == kTaskContext) {
    for (const NameUse& s : info.switches)
      error.offer(s.pos, [&] {
        return fmt::format("'switch' is only allowed in the program of a coroutine, but program '{}' runs as a "
                           "task's program (used at line {})",
                           name, origin.line);
      });
    if (info.await_io.line != 0)
      error.offer(info.await_io, [&] {
        return fmt::format("'await_io' is only allowed in the program of a coroutine, but program '{}' runs as a "
                           "task's program (used at line {})",
                           name, origin.line);
      });
    return;
  }
  const std::uint32_t group = context - 1;
  if (info.coroutines.line != 0)
    error.offer(info.coroutines, [&] {
      return fmt::format("'coroutines' cannot be nested inside a coroutine, but program '{}' runs as a coroutine "
                         "(used at line {})",
                         name, origin.line);
    });
  for (const NameUse& s : info.switches)
    if (!in_group(w, group, s.name))
      error.offer(s.pos, [&] {
        return fmt::format("'switch' target '{}' is not a coroutine of the group at line {}, where program '{}' "
                           "runs (expected one of: {})",
                           w.strings[s.name], n.group_pos[group].line, name, list_of(member_names(w, group)));
      });
}

// Where each named program runs: the contexts of its uses, passed on through calls; and
// the switches of coroutines written inline, whose group is known.
void check_contexts(const Workload& w, const SchemaNotes& n, const std::vector<std::uint32_t>& resolved,
                    FirstError& error) {
  struct Visit {
    std::uint32_t program, context;
    SourcePos origin;  // the use that brought it here
  };
  std::unordered_set<std::uint64_t> seen;
  std::vector<Visit> work;
  for (const Use& use : n.program_uses)
    if (resolved[use.name] != UINT32_MAX) work.push_back(Visit{resolved[use.name], use.context, use.pos});
  while (!work.empty()) {
    const Visit v = work.back();
    work.pop_back();
    if (!seen.insert((std::uint64_t{v.program} << 32) | v.context).second) continue;
    check_context(w, n, v.program, v.context, v.origin, error);
    for (const NameUse& call : n.named[v.program].calls)
      if (resolved[call.name] != UINT32_MAX) work.push_back(Visit{resolved[call.name], v.context, v.origin});
  }
  for (const SchemaNotes::Switch& s : n.switches)
    if (!in_group(w, s.group, s.target.name))
      error.offer(s.target.pos, [&] {
        return fmt::format("'switch' target '{}' is not a coroutine of this group (expected one of: {})",
                           w.strings[s.target.name], list_of(member_names(w, s.group)));
      });
}

// kill and wait name processes (of the file, or forked); join names threads.
void check_targets(const Workload& w, const SchemaNotes& n, const NameIndex& names, FirstError& error) {
  if (n.kill_targets.empty() && n.wait_targets.empty() && n.join_targets.empty()) return;
  std::unordered_set<std::string_view> forks, threads;
  for (std::uint32_t s : n.fork_names) forks.insert(w.strings[s]);
  for (std::uint32_t s : n.thread_names) threads.insert(w.strings[s]);
  auto is_process = [&](std::string_view name) { return forks.count(name) != 0 || names.find(name) >= 0; };
  for (const auto* targets : {&n.kill_targets, &n.wait_targets}) {
    const std::string_view step = targets == &n.kill_targets ? "kill" : "wait";
    for (const NameUse& t : *targets) {
      const std::string& name = w.strings[t.name];
      if (is_process(name)) continue;
      error.offer(t.pos, [&] {
        if (threads.count(name) != 0 && step == "wait")
          return fmt::format("'wait' target '{}' is a thread, not a process: use 'join: {}'", name, name);
        return fmt::format("'{}' target '{}' names no process and no fork in the file", step, name);
      });
    }
  }
  for (const NameUse& t : n.join_targets) {
    const std::string& name = w.strings[t.name];
    if (threads.count(name) != 0) continue;
    error.offer(t.pos, [&] {
      if (is_process(name)) return fmt::format("'join' target '{}' is a process, not a thread: use 'wait: {}'", name, name);
      return fmt::format("'join' target '{}' names no thread in the file", name);
    });
  }
}

void check_locks(Workload& w, const SchemaNotes& n, FirstError& error) {
  for (std::uint32_t i = 0; i < w.locks.size(); ++i) {
    const SchemaNotes::Lock& l = n.locks[i];
    const std::string& name = w.locks[i].name;
    SourcePos plain = l.plain, reentrant = l.reentrant;
    keep_first(plain, l.declared_plain);
    keep_first(reentrant, l.declared_reentrant);
    if (plain.line != 0 && reentrant.line != 0) {
      // Say what made it each kind: the declaration or the first step.
      auto how = [](SourcePos declared, SourcePos step, const char* declaration, const char* step_name) {
        return declared.line != 0 && (step.line == 0 || before(declared, step)) ? declaration : step_name;
      };
      const std::string plain_how =
          how(l.declared_plain, l.plain, "'reentrant: false'", l.plain_unlock ? "'unlock'" : "'lock'");
      const std::string reentrant_how =
          how(l.declared_reentrant, l.reentrant, "'reentrant: true'", l.reentrant_unlock ? "'runlock'" : "'rlock'");
      error.offer(later(plain, reentrant), [&] {
        return fmt::format("lock '{}' is used both as a plain lock ({} at line {}) and as a re-entrant lock ({} at "
                           "line {}): a lock is one or the other",
                           name, plain_how, plain.line, reentrant_how, reentrant.line);
      });
    }
    if (l.inherit.line != 0 && l.none.line != 0)
      error.offer(later(l.inherit, l.none), [&] {
        return fmt::format("lock '{}' has conflicting protocols ('inherit' at line {}, 'none' at line {})", name,
                           l.inherit.line, l.none.line);
      });
    w.locks[i].reentrant = reentrant.line != 0;
    w.locks[i].inherit = l.inherit.line != 0;
  }
}

template <typename Decl>
void check_declared(const std::vector<Decl>& decls, const std::vector<SchemaNotes::Declared>& notes,
                    std::string_view kind, std::string_view key, std::string_view hint, FirstError& error) {
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (notes[i].declared.line != 0) continue;
    error.offer(notes[i].used, [&] {
      std::vector<std::string_view> declared;
      for (std::size_t j = 0; j < decls.size(); ++j)
        if (notes[j].declared.line != 0) declared.push_back(decls[j].name);
      return fmt::format("unknown {} '{}': declare it under '{}:'{}{}", kind, decls[i].name, key, hint,
                         declared.empty() ? "" : fmt::format(" (declared: {})", list_of(declared)));
    });
  }
}

}  // namespace

// Periodic tasks, once the root keys (`horizon`, `on_miss`) are known wherever they stand.
void check_realtime(const Workload& w, FirstError& error) {
  for (const RealtimeSpec& rt : w.realtime) {
    const ProcessSpec& p = w.processes[rt.process];
    if (rt.jobs < 0 && w.horizon < 0)
      error.offer(rt.period_pos, [&] {
        return fmt::format("process '{}' is periodic but has no 'jobs' and the workload no 'horizon': it would "
                           "release jobs for ever (give 'jobs: N' or a top-level 'horizon: T')",
                           p.name);
      });
    if (w.horizon >= 0 && p.arrival >= w.horizon)
      error.offer(rt.period_pos, [&] {
        return fmt::format("process '{}' is periodic with its first release at {}, not before the horizon ({}): it "
                           "would have no job",
                           p.name, p.arrival, w.horizon);
      });
    if (w.on_miss == OnMiss::Abort && rt.work > rt.deadline)
      error.offer(rt.work_pos, [&] {
        return fmt::format("process '{}': its burst ({}) is longer than its deadline ({}) and 'on_miss' is abort: "
                           "every job would be aborted",
                           p.name, rt.work, rt.deadline);
      });
  }
}

void resolve_workload(Workload& w, SchemaNotes& n, const NameIndex& names, const std::string& source) {
  FirstError error;
  // Named programs: unknown names, cycles of calls, and steps that depend on where a
  // program runs (switch and await_io in coroutines only, no coroutines in a coroutine).
  const std::vector<std::uint32_t> resolved = resolve_program_names(w, n, error);
  check_call_cycles(w, n, resolved, error);
  check_contexts(w, n, resolved, error);
  check_targets(w, n, names, error);
  check_locks(w, n, error);
  check_declared(w.semaphores, n.semaphores, "semaphore", "semaphores", " with its count", error);
  check_declared(w.queues, n.queues, "queue", "queues", "", error);
  check_realtime(w, error);
  for (std::uint32_t v = 0; v < w.variables.size(); ++v) {
    const SchemaNotes::Variable& use = n.variables[v];
    if (w.variables[v].shared || use.written || use.read.line == 0) continue;
    error.offer(use.read, [&] {
      return fmt::format("variable '{}' is read but never written: a task's own variables start at 0; to share it "
                         "with a value, declare it under 'shared:'",
                         w.variables[v].name);
    });
  }
  error.raise(source);

  // Patch the references to named programs.
  for (const Use& use : n.program_uses) {
    const std::uint32_t program = w.named_programs[resolved[use.name]].second;
    switch (use.where) {
      case Use::Where::Process: w.processes[use.index].program = program; break;
      case Use::Where::Spawn: w.spawns[use.index].program = program; break;
      case Use::Where::Member: w.coroutine_groups[use.index].members[use.member].program = program; break;
      case Use::Where::Call: break;  // below
    }
  }
  if (n.has_calls)
    for (Step& s : w.steps)
      if (s.op == Op::Call) s.ref = w.named_programs[resolved[s.ref]].second;
}

}  // namespace schedlab::detail

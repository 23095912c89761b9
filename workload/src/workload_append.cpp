// Appending the second part of a split read to the first. Each part numbered its tables
// from 0; the second part's indices are shifted past the first's (positional tables) or
// mapped by name onto the first's (named tables), then its notes get the same treatment.
// Runs once per split load over every step and process of the second part: the per-step
// renumbering is a switch in this file, inlined into its loop.
#include "workload_append.hpp"

#include <string_view>
#include <unordered_map>

namespace schedlab::detail {

namespace {

// Where the second part's positional tables start in the first's: the first's sizes.
struct Offsets {
  std::uint32_t programs, steps, strings, spawns, waits, puts, gets, conditions, ifs, groups, processes;
};

Offsets offsets_of(const Workload& a) {
  auto size = [](const auto& table) { return static_cast<std::uint32_t>(table.size()); };
  return Offsets{size(a.programs), size(a.steps), size(a.strings),    size(a.spawns),
                 size(a.waits),    size(a.puts),  size(a.gets),       size(a.conditions),
                 size(a.ifs),      size(a.coroutine_groups),          size(a.processes)};
}

// The first part's index of each of the second part's named things, per table.
struct NameMaps {
  std::vector<std::uint32_t> variables, locks, semaphores, queues, events, program_names;
};

// Names of one kind in `a` (objects, variables...), to map `b`'s onto.
template <typename Table, typename NameOf>
std::unordered_map<std::string_view, std::uint32_t> names_of(const Table& table, NameOf&& name_of) {
  std::unordered_map<std::string_view, std::uint32_t> map;
  for (std::uint32_t i = 0; i < table.size(); ++i) map.emplace(name_of(table[i]), i);
  return map;
}

// Map every entry of `from` to the entry of `to` with the same name, appending those `to`
// lacks (with `add`); returns the map, indexed by `from`'s indices.
template <typename Table, typename NameOf, typename Add>
std::vector<std::uint32_t> merge_by_name(const Table& to, const Table& from, NameOf&& name_of, Add&& add) {
  auto known = names_of(to, name_of);
  std::vector<std::uint32_t> map(from.size());
  for (std::uint32_t i = 0; i < from.size(); ++i) {
    const auto it = known.find(name_of(from[i]));
    map[i] = it != known.end() ? it->second : add(i);
  }
  return map;
}

constexpr auto by_name = [](const auto& x) -> std::string_view { return x.name; };

// Append `from[i]` to `to` (and an empty note to `to_notes`); returns its new index.
template <typename Table, typename Notes>
std::uint32_t append_entry(Table& to, Notes& to_notes, const Table& from, std::uint32_t i) {
  to.push_back(from[i]);
  to_notes.emplace_back();
  return static_cast<std::uint32_t>(to.size() - 1);
}

// A variable is shared if either part declared it so under `shared:`.
std::vector<std::uint32_t> merge_variables(Workload& a, SchemaNotes& an, const Workload& b, const SchemaNotes& bn) {
  const std::vector<std::uint32_t> map = merge_by_name(
      a.variables, b.variables, by_name, [&](std::uint32_t i) { return append_entry(a.variables, an.variables, b.variables, i); });
  for (std::uint32_t i = 0; i < b.variables.size(); ++i) {
    VariableDecl& v = a.variables[map[i]];
    SchemaNotes::Variable& note = an.variables[map[i]];
    const SchemaNotes::Variable& other = bn.variables[i];
    if (b.variables[i].shared) {
      v.shared = true;
      v.initial = b.variables[i].initial;
    }
    keep_first(note.declared, other.declared);
    keep_first(note.read, other.read);
    note.written = note.written || other.written;
  }
  return map;
}

std::vector<std::uint32_t> merge_locks(Workload& a, SchemaNotes& an, const Workload& b, const SchemaNotes& bn) {
  const std::vector<std::uint32_t> map = merge_by_name(
      a.locks, b.locks, by_name, [&](std::uint32_t i) { return append_entry(a.locks, an.locks, b.locks, i); });
  for (std::uint32_t i = 0; i < b.locks.size(); ++i) {
    SchemaNotes::Lock& l = an.locks[map[i]];
    const SchemaNotes::Lock& o = bn.locks[i];
    if (l.plain.line == 0) l.plain_unlock = o.plain_unlock;  // a's uses come first in the file
    if (l.reentrant.line == 0) l.reentrant_unlock = o.reentrant_unlock;
    keep_first(l.plain, o.plain);
    keep_first(l.reentrant, o.reentrant);
    keep_first(l.declared_plain, o.declared_plain);
    keep_first(l.declared_reentrant, o.declared_reentrant);
    keep_first(l.inherit, o.inherit);
    keep_first(l.none, o.none);
  }
  return map;
}

// Semaphores and queues: the part that declares one gives its count or capacity.
template <typename Decl>
std::vector<std::uint32_t> merge_declared(std::vector<Decl>& to, const std::vector<Decl>& from,
                                          std::vector<SchemaNotes::Declared>& to_notes,
                                          const std::vector<SchemaNotes::Declared>& from_notes) {
  const std::vector<std::uint32_t> map =
      merge_by_name(to, from, by_name, [&](std::uint32_t i) { return append_entry(to, to_notes, from, i); });
  for (std::uint32_t i = 0; i < from.size(); ++i) {
    if (from_notes[i].declared.line != 0) to[map[i]] = from[i];  // its count or capacity
    keep_first(to_notes[map[i]].declared, from_notes[i].declared);
    keep_first(to_notes[map[i]].used, from_notes[i].used);
  }
  return map;
}

NameMaps merge_names(Workload& a, SchemaNotes& an, const Workload& b, const SchemaNotes& bn) {
  NameMaps maps;
  maps.variables = merge_variables(a, an, b, bn);
  maps.locks = merge_locks(a, an, b, bn);
  maps.semaphores = merge_declared(a.semaphores, b.semaphores, an.semaphores, bn.semaphores);
  maps.queues = merge_declared(a.queues, b.queues, an.queues, bn.queues);
  maps.events = merge_by_name(a.events, b.events, by_name, [&](std::uint32_t i) {
    a.events.push_back(b.events[i]);
    return static_cast<std::uint32_t>(a.events.size() - 1);
  });
  maps.program_names = merge_by_name(
      an.program_names, bn.program_names, [](const std::string& s) -> std::string_view { return s; },
      [&](std::uint32_t i) {
        an.program_names.push_back(bn.program_names[i]);
        return static_cast<std::uint32_t>(an.program_names.size() - 1);
      });
  return maps;
}

// One of the second part's steps, in the first part's numbering.
Step renumber(Step s, const Offsets& at, const NameMaps& names) {
  switch (s.op) {
    case Op::Cpu:
    case Op::Io:
    case Op::Sleep:
    case Op::Yield:
    case Op::Exit:
    case Op::Fault:
    case Op::AwaitIo:
    case Op::Add: break;
    case Op::Repeat: s.ref += at.programs; break;
    case Op::Call: s.ref = names.program_names[s.ref]; break;  // resolved later
    case Op::If: s.ref += at.ifs; break;
    case Op::BreakIf: s.ref += at.conditions; break;
    case Op::Fail:
    case Op::Kill:
    case Op::Join:
    case Op::Switch: s.ref += at.strings; break;
    case Op::Fork:
    case Op::Thread: s.ref += at.spawns; break;
    case Op::Wait: s.ref += at.waits; break;
    case Op::Coroutines: s.ref += at.groups; break;
    case Op::Load:
    case Op::Store:
    case Op::Print: s.ref = names.variables[s.ref]; break;
    case Op::Lock:
    case Op::Unlock:
    case Op::RLock:
    case Op::RUnlock: s.ref = names.locks[s.ref]; break;
    case Op::Acquire:
    case Op::Release: s.ref = names.semaphores[s.ref]; break;
    case Op::EventSet:
    case Op::EventClear:
    case Op::EventWait: s.ref = names.events[s.ref]; break;
    case Op::Put: s.ref += at.puts; break;
    case Op::Get: s.ref += at.gets; break;
    case Op::TaskDone:
    case Op::JoinQueue: s.ref = names.queues[s.ref]; break;
  }
  return s;
}

Operand renumber(Operand o, const NameMaps& names) {
  if (o.kind == Operand::Kind::Variable) o.variable = names.variables[o.variable];
  return o;
}

// The step arena and the programs over it. The second part's arena is freed as soon as
// it is copied: at 10^6 processes it is the biggest table.
void append_programs(Workload& a, Workload& b, const Offsets& at, const NameMaps& names) {
  for (const Step& s : b.steps) a.steps.push_back(renumber(s, at, names));
  Workload().steps.swap(b.steps);
  for (ProgramRef p : b.programs) a.programs.push_back(ProgramRef{p.begin + at.steps, p.size});
  Workload().programs.swap(b.programs);
}

// The tables steps refer to: strings, spawns, waits, puts, gets, conditions, ifs,
// coroutine groups, and the named programs.
void append_side_tables(Workload& a, Workload& b, const Offsets& at, const NameMaps& names) {
  for (std::string& s : b.strings) a.strings.push_back(std::move(s));
  for (SpawnSpec s : b.spawns) a.spawns.push_back(SpawnSpec{s.name + at.strings, s.program + at.programs, s.daemon});
  for (WaitSpec s : b.waits) {
    if (s.target == WaitSpec::Target::Name) s.name += at.strings;
    a.waits.push_back(s);
  }
  for (const PutSpec& s : b.puts) a.puts.push_back(PutSpec{names.queues[s.queue], renumber(s.item, names), s.timeout});
  for (const GetSpec& s : b.gets) a.gets.push_back(GetSpec{names.queues[s.queue], s.timeout, renumber(s.into, names)});
  for (const Condition& c : b.conditions)
    a.conditions.push_back(Condition{renumber(c.lhs, names), c.op, renumber(c.rhs, names)});
  for (IfSpec s : b.ifs) {
    s.condition += at.conditions;
    s.then_program += at.programs;
    if (s.else_program != UINT32_MAX) s.else_program += at.programs;
    a.ifs.push_back(s);
  }
  for (CoroutineGroup& g : b.coroutine_groups) {
    for (CoroutineGroup::Member& m : g.members) {
      m.name += at.strings;
      m.program += at.programs;
    }
    a.coroutine_groups.push_back(std::move(g));
  }
  for (auto& [name, program] : b.named_programs) a.named_programs.emplace_back(std::move(name), program + at.programs);
}

// Processes, with their affinity sets matched by value (set 0 is "any CPU" in both).
void append_processes(Workload& a, Workload& b, const Offsets& at) {
  std::vector<std::uint32_t> affinity_map(b.affinities.size(), 0);
  for (std::uint32_t i = 1; i < b.affinities.size(); ++i) {
    std::uint32_t found = 0;
    for (std::uint32_t j = 1; j < a.affinities.size() && found == 0; ++j)
      if (a.affinities[j] == b.affinities[i]) found = j;
    if (found == 0) {
      a.affinities.push_back(b.affinities[i]);
      found = static_cast<std::uint32_t>(a.affinities.size() - 1);
    }
    affinity_map[i] = found;
  }
  for (ProcessSpec& p : b.processes) {
    p.program += at.programs;
    p.affinity = affinity_map[p.affinity];
    a.processes.push_back(std::move(p));
  }
  Workload().processes.swap(b.processes);
  for (RealtimeSpec& rt : b.realtime) {
    rt.process += at.processes;
    a.realtime.push_back(rt);
  }
}

// The notes: the same renumbering as the tables they describe.
void append_notes(SchemaNotes& an, SchemaNotes& bn, const Offsets& at, const NameMaps& names) {
  auto context = [&](std::uint32_t c) { return c == kTaskContext ? c : c + at.groups; };
  for (SchemaNotes::ProgramUse u : bn.program_uses) {
    switch (u.where) {
      case SchemaNotes::ProgramUse::Where::Process: u.index += at.processes; break;
      case SchemaNotes::ProgramUse::Where::Spawn: u.index += at.spawns; break;
      case SchemaNotes::ProgramUse::Where::Member: u.index += at.groups; break;
      case SchemaNotes::ProgramUse::Where::Call: break;
    }
    u.name = names.program_names[u.name];
    u.context = context(u.context);
    an.program_uses.push_back(u);
  }
  an.has_calls = an.has_calls || bn.has_calls;
  for (SchemaNotes::Named& named : bn.named) {
    for (NameUse& c : named.calls) c.name = names.program_names[c.name];
    for (NameUse& s : named.switches) s.name += at.strings;
    an.named.push_back(std::move(named));
  }
  for (SourcePos p : bn.group_pos) an.group_pos.push_back(p);
  for (SchemaNotes::Switch s : bn.switches)
    an.switches.push_back(SchemaNotes::Switch{s.group + at.groups, NameUse{s.target.name + at.strings, s.target.pos}});
  auto shift = [&](std::vector<NameUse>& to, const std::vector<NameUse>& from) {
    for (NameUse u : from) to.push_back(NameUse{u.name + at.strings, u.pos});
  };
  shift(an.kill_targets, bn.kill_targets);
  shift(an.wait_targets, bn.wait_targets);
  shift(an.join_targets, bn.join_targets);
  for (std::uint32_t s : bn.fork_names) an.fork_names.push_back(s + at.strings);
  for (std::uint32_t s : bn.thread_names) an.thread_names.push_back(s + at.strings);
}

}  // namespace

void append_workload(Workload& a, SchemaNotes& an, Workload&& b, SchemaNotes&& bn) {
  const Offsets at = offsets_of(a);
  const NameMaps names = merge_names(a, an, b, bn);
  append_programs(a, b, at, names);
  append_side_tables(a, b, at, names);
  append_processes(a, b, at);
  append_notes(an, bn, at, names);
}

}  // namespace schedlab::detail

// Reading the workload schema from a YAML event cursor into a Workload.
//
// Reading is two passes. read_workload() streams the file into the Workload; names it
// cannot check yet (named programs defined further down, kill/wait/join targets, locks
// used both ways, locals never written...) go into SchemaNotes. resolve_workload() then
// checks them and patches the references, once the whole file is read: after the two
// halves of a split read are joined (workload_loader.cpp), or at once otherwise.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <schedlab/workload.hpp>
#include <schedlab/workload_loader.hpp>

#include "name_index.hpp"
#include "yaml_cursor.hpp"

namespace schedlab::detail {

// For reading the first part of a split file: stop at the process entry that starts at
// this position (line 0: read everything).
struct StopAt {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A name used at a place in the file. `name` indexes Workload::strings unless a comment
// says otherwise.
struct NameUse {
  std::uint32_t name = 0;
  SourcePos pos;
};

// True when `a` comes before `b` in the file.
inline bool before(SourcePos a, SourcePos b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }
// Keep in `slot` the first of the positions offered (line 0 is "none").
inline void keep_first(SourcePos& slot, SourcePos at) {
  if (at.line != 0 && (slot.line == 0 || before(at, slot))) slot = at;
}

// Execution contexts of programs: a task's own (process, fork, thread) or a coroutine of
// group g, written g + 1.
inline constexpr std::uint32_t kTaskContext = 0;

// What read_workload() leaves for resolve_workload(). Every index here is in the same
// Workload's numbering; appending a workload appends its notes (workload_append.cpp).
struct SchemaNotes {
  // Named programs referred to by name. Program names are numbered in `program_names`;
  // a Call step's ref holds that number until resolved.
  std::vector<std::string> program_names;
  struct ProgramUse {
    enum class Where : std::uint8_t { Process, Spawn, Member, Call };
    Where where = Where::Process;
    std::uint32_t index = 0;   // the process, spawn or coroutine group (not for Call)
    std::uint32_t member = 0;  // the coroutine in its group
    std::uint32_t name = 0;    // into program_names
    std::uint32_t context = kTaskContext;
    SourcePos pos;
  };
  std::vector<ProgramUse> program_uses;  // uses outside named programs
  bool has_calls = false;                // some step is a Call

  // What a named program does that depends on where it runs (parallel to
  // Workload::named_programs).
  struct Named {
    SourcePos pos;                 // its name
    std::vector<NameUse> calls;    // name: into program_names
    std::vector<NameUse> switches;
    SourcePos await_io;            // the first one (line 0: none)
    SourcePos coroutines;          // the first one
  };
  std::vector<Named> named;

  std::vector<SourcePos> group_pos;  // parallel to Workload::coroutine_groups
  struct Switch {
    std::uint32_t group = 0;
    NameUse target;
  };
  std::vector<Switch> switches;  // in coroutines written inline

  std::vector<NameUse> kill_targets, wait_targets, join_targets;
  std::vector<std::uint32_t> fork_names, thread_names;  // into Workload::strings

  // Parallel to Workload::variables.
  struct Variable {
    SourcePos declared;  // under `shared:`
    SourcePos read;      // the first read
    bool written = false;
  };
  std::vector<Variable> variables;

  // Parallel to Workload::locks: the first place each way of using a lock appears.
  struct Lock {
    SourcePos plain, reentrant;         // lock/unlock, rlock/runlock steps
    bool plain_unlock = false, reentrant_unlock = false;  // ...and which step it was
    SourcePos declared_plain, declared_reentrant;  // `reentrant:` in `locks:`
    SourcePos inherit, none;                       // protocol given (declaration or step)
  };
  std::vector<Lock> locks;

  // Parallel to Workload::semaphores and Workload::queues: must be declared.
  struct Declared {
    SourcePos declared, used;
  };
  std::vector<Declared> semaphores, queues;
};

struct SchemaResult {
  std::vector<std::pair<std::string, SourcePos>> root_keys;  // in file order
  bool stopped = false;       // the read ended at or after StopAt
  bool reached_stop = false;  // ... exactly at a process entry starting there
};

// Append everything `cursor` reads to `out` (whose processes `names` indexes), and what
// is left to check to `notes`. Throws InputError.
void read_workload(YamlCursor& cursor, const LoadLimits& limits, Workload& out, NameIndex& names, SchemaNotes& notes,
                   const StopAt& stop, SchemaResult* result = nullptr);

// Check what the notes hold against the whole workload and patch the references to named
// programs. Of several errors, the first in the file is reported (InputError naming
// `source`).
void resolve_workload(Workload& w, SchemaNotes& notes, const NameIndex& names, const std::string& source);

}  // namespace schedlab::detail

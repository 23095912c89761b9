// The reader of the workload schema (docs/workload-format.md), straight off libyaml's
// events: one class whose work is split by table across the schema_*.cpp files.
//
// Errors name the file, line and column of the offending node and say what was expected.
// Programs are written into the workload's step arena as they complete, innermost first,
// so a step can refer to its nested program by index.
//
// Names are numbered as they first appear (variables, locks, semaphores, events, queues,
// strings); what can only be checked once the whole file is known goes into SchemaNotes
// and is checked by resolve_workload() (schema_resolve.cpp).
//
// The scalar and shape readers every table uses are inline, in schema_primitives.hpp:
// they are the per-process, per-step work of reading a big file.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "workload_schema.hpp"

namespace schedlab::detail {

// Names to their numbers, found by string_view: looking a name up copies nothing.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};
using IdMap = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

// Every step, in the order of docs/workload-format.md; the common ones first (this is
// the per-step lookup of the hot path).
inline constexpr std::array<std::string_view, 36> kSteps{
    "cpu",       "io",         "sleep",     "yield",      "exit",     "repeat", "fail",    "fault",   "fork",
    "thread",    "kill",       "wait",      "join",       "coroutines", "switch", "await_io", "load",  "add",
    "store",     "print",      "lock",      "unlock",     "rlock",    "runlock", "acquire", "release", "event_set",
    "event_clear", "event_wait", "put",     "get",        "task_done", "join_queue", "if",  "break_if", "call"};
enum StepKey : std::size_t {  // the index of each step in kSteps
  kCpu, kIo, kSleep, kYield, kExit, kRepeat, kFail, kFault, kFork,
  kThread, kKill, kWait, kJoin, kCoroutines, kSwitch, kAwaitIo, kLoad, kAdd,
  kStore, kPrint, kLock, kUnlock, kRLock, kRUnlock, kAcquire, kRelease, kEventSet,
  kEventClear, kEventWait, kPut, kGet, kTaskDone, kJoinQueue, kIf, kBreakIf, kCall,
};

class SchemaReader {
 public:
  SchemaReader(YamlCursor& y, const LoadLimits& limits, Workload& out, NameIndex& names, SchemaNotes& notes,
               const StopAt& stop)
      : y_(y), limits_(limits), w_(out), names_(names), notes_(notes), stop_(stop) {}

  // Read the whole stream (or, for a split read, up to the stop). Throws InputError.
  void read();

  // Keys of the root mapping and where they were, for merging split reads.
  const std::vector<std::pair<std::string, SourcePos>>& root_keys() const { return root_keys_; }
  bool stopped() const { return stopped_; }
  // True when a split read ended exactly at the start of a process entry.
  bool reached_stop() const { return reached_stop_; }

 private:
  // Where the steps being read run: a task's own program, a coroutine of a group, or a
  // named program (which runs wherever it is used: kRelative).
  static constexpr std::uint32_t kRelative = UINT32_MAX;
  struct Scope {
    std::uint32_t context = kTaskContext;
    std::uint32_t named = UINT32_MAX;  // the named program being read (context kRelative)
    std::uint32_t loops = 0;           // repeats around the step, within this program
  };

  // ---- scalars and shapes (schema_primitives.hpp) -------------------------------------

  inline std::int64_t read_int(std::string_view key, std::int64_t min, std::int64_t max, std::string_view what);
  inline Ticks read_ticks(std::string_view key, Ticks min);
  inline Ticks read_timeout();
  inline std::string read_string(std::string_view key);
  // The current scalar as a non-empty name (valid until next()).
  inline std::string_view name_text(std::string_view key);
  inline bool read_bool(std::string_view key);
  // One of `words` (plain text); returns its index.
  template <std::size_t N>
  std::size_t read_word(std::string_view key, const std::array<std::string_view, N>& words);

  // Read a mapping whose keys come from `known`, calling on_key(key index, key, key
  // position) with the cursor on each value; the handler must consume the value. Unknown
  // and repeated keys are errors. (A template, not std::function: this is the hot path.)
  template <std::size_t N, typename OnKey>
  void read_mapping(std::string_view what, const std::array<std::string_view, N>& known, OnKey&& on_key);
  // A list, calling on_item() with the cursor on each item (which it must consume).
  template <typename OnItem>
  void read_list(std::string_view key, std::string_view what, OnItem&& on_item);
  // A mapping of names to values, calling on_entry(name, name position) with the cursor
  // on each value. A name given twice is an error.
  template <typename OnEntry>
  void read_table(std::string_view key, std::string_view what, OnEntry&& on_entry);
  // `STEP: NAME` or `STEP: {NAME_KEY: NAME, timeout: T}` (`with_timeout`). Calls
  // on_name(name, position) and returns the timeout (-1: none).
  template <typename OnName>
  Ticks read_named(std::string_view step, std::string_view name_key, bool with_timeout, OnName&& on_name);

  // ---- the root mapping (schema_root.cpp) ---------------------------------------------

  void read_root();
  void read_limits();
  void read_costs();

  // ---- processes (schema_processes.cpp) -----------------------------------------------

  void read_processes();
  void read_process();
  void add_realtime(const ProcessSpec& p, RealtimeSpec& rt);
  std::uint32_t read_affinity();
  // The `program:` of a process, fork, thread or coroutine: a list of steps, or the name
  // of a named program (then 0 until resolve_workload() patches it). Here, next to
  // read_process(), its caller once per process.
  std::uint32_t read_body(std::size_t depth, std::string_view key, std::uint32_t context,
                          SchemaNotes::ProgramUse::Where where, std::uint32_t index, std::uint32_t member);

  // ---- workload-level declarations (schema_declarations.cpp) --------------------------

  void read_shared();
  void read_lock_decl();
  bool read_protocol(std::string_view key);  // true for inherit
  void read_semaphore_decl();
  void read_event_decl();
  void read_queue_decl();

  // ---- numbering names (schema_names.cpp) ---------------------------------------------

  std::uint32_t string_id(std::string_view s);
  std::uint32_t variable_id(std::string_view name);
  std::uint32_t lock_id(std::string_view name);
  std::uint32_t semaphore_id(std::string_view name, SourcePos used);
  std::uint32_t event_id(std::string_view name);
  std::uint32_t queue_id(std::string_view name, SourcePos used);
  std::uint32_t program_name_id(std::string_view name);

  // ---- variables, operands, conditions (schema_operands.cpp) --------------------------

  void check_variable_name(std::string_view key, std::string_view name, SourcePos at);
  // A variable named by the current scalar; notes whether the step writes it.
  std::uint32_t read_variable(std::string_view key, bool write);
  // A value a step reads: an integer, `register`, or a variable.
  Operand operand(std::string_view key, std::string_view text, bool plain, SourcePos at);
  // "A OP B" -> Workload::conditions.
  std::uint32_t read_condition(std::string_view key);

  // ---- programs and the step table (schema_programs.cpp) ------------------------------

  // A list of steps; returns the program's index. `depth` counts nested programs.
  std::uint32_t read_program(std::size_t depth, std::string_view key);
  // A program that starts a new scope (a task's, a coroutine's, a named program).
  std::uint32_t read_scope(std::size_t depth, std::string_view key, Scope scope) {
    const Scope saved = scope_;
    scope_ = scope;
    const std::uint32_t program = read_program(depth, key);
    scope_ = saved;
    return program;
  }
  void read_named_programs();
  void read_step(std::size_t depth);
  // The index of a step's key in kSteps (kSteps.size(): unknown).
  static std::size_t step_index(std::string_view k);
  // Why the step at the cursor (an item that started at `at`, or its key) is not one.
  [[noreturn, gnu::noinline]] void bad_step(SourcePos at);
  // How a step is written, for "needs a value" messages.
  static std::string_view example(std::string_view step);
  // Everything but cpu/io/sleep/yield/exit/repeat, which read_step reads itself.
  Step read_other_step(StepKey k, std::string_view key, SourcePos key_at, std::size_t depth);
  Step read_repeat(std::size_t depth);
  Step read_if(std::string_view key, std::size_t depth);
  Step read_break_if(std::string_view key, SourcePos key_at);
  Step read_call(std::string_view key);

  // ---- steps about tasks: processes, threads, coroutines (schema_task_steps.cpp) ------

  Step read_fail(std::string_view key);
  Step read_fault(std::string_view key);
  Step read_spawn(Op op, std::string_view key, std::size_t depth);
  Step read_kill(std::string_view key);
  Step read_wait(std::string_view key);
  Step read_join(std::string_view key);
  Step read_coroutines(std::string_view key, SourcePos key_at, std::size_t depth);
  Step read_switch(std::string_view key, SourcePos key_at);
  Step read_await_io(std::string_view key, SourcePos key_at);
  // Context rules for steps that only make sense in coroutines.
  void coroutine_only(std::string_view key, SourcePos key_at);

  // ---- steps that synchronise tasks (schema_sync_steps.cpp) ---------------------------

  Step read_lock_step(Op op, std::string_view key);
  Step read_semaphore_step(Op op, std::string_view key);  // acquire, release
  Step read_event_step(Op op, std::string_view key);      // event_set, event_clear, event_wait
  Step read_queue_step(Op op, std::string_view key);      // task_done, join_queue
  Step read_put(std::string_view key);
  Step read_get(std::string_view key);

  YamlCursor& y_;
  const LoadLimits& limits_;
  Workload& w_;
  NameIndex& names_;
  SchemaNotes& notes_;
  StopAt stop_;
  bool stopped_ = false;
  bool reached_stop_ = false;
  Scope scope_;
  std::vector<std::pair<std::string, SourcePos>> root_keys_;
  std::deque<std::vector<Step>> buffers_;  // a deque: a nested read_program must not move the outer buffers
  IdMap string_ids_, variable_ids_, lock_ids_, semaphore_ids_, event_ids_, queue_ids_, program_name_ids_;
  std::vector<SourcePos> lock_declared_, event_declared_;
};

}  // namespace schedlab::detail

// The workload schema (docs/workload-format.md), read straight off libyaml's events.
//
// Errors name the file, line and column of the offending node and say what was expected.
// Programs are written into the workload's step arena as they complete, innermost first,
// so a step can refer to its nested program by index.
//
// Names are numbered as they first appear (variables, locks, semaphores, events, queues,
// strings); what can only be checked once the whole file is known goes into SchemaNotes
// and is checked by resolve_workload() at the end of this file.
#include "workload_schema.hpp"

#include <schedlab/syscalls.hpp>

#include <algorithm>
#include <array>
#include <deque>
#include <charconv>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace schedlab::detail {

namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};
using IdMap = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

// Find `name` in `ids`, or give it the next number; true when it is new.
std::pair<std::uint32_t, bool> intern(IdMap& ids, std::string_view name, std::size_t next) {
  if (const auto it = ids.find(name); it != ids.end()) return {it->second, false};
  const auto id = static_cast<std::uint32_t>(next);
  ids.emplace(std::string(name), id);
  return {id, true};
}

bool before(SourcePos a, SourcePos b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }
// Keep the first of the positions offered (line 0 is "none").
void first(SourcePos& slot, SourcePos at) {
  if (at.line != 0 && (slot.line == 0 || before(at, slot))) slot = at;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool parse_integer(std::string_view text, std::int64_t& v) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Every step, in the order of docs/workload-format.md; the common ones first (this is
// the per-step lookup of the hot path).
constexpr std::array<std::string_view, 36> kSteps{
    "cpu",       "io",         "sleep",     "yield",      "exit",     "repeat", "fail",    "fault",   "fork",
    "thread",    "kill",       "wait",      "join",       "coroutines", "switch", "await_io", "load",  "add",
    "store",     "print",      "lock",      "unlock",     "rlock",    "runlock", "acquire", "release", "event_set",
    "event_clear", "event_wait", "put",     "get",        "task_done", "join_queue", "if",  "break_if", "call"};
enum StepKey : std::size_t {
  kCpu, kIo, kSleep, kYield, kExit, kRepeat, kFail, kFault, kFork,
  kThread, kKill, kWait, kJoin, kCoroutines, kSwitch, kAwaitIo, kLoad, kAdd,
  kStore, kPrint, kLock, kUnlock, kRLock, kRUnlock, kAcquire, kRelease, kEventSet,
  kEventClear, kEventWait, kPut, kGet, kTaskDone, kJoinQueue, kIf, kBreakIf, kCall,
};

}  // namespace

class SchemaReader {
 public:
  SchemaReader(YamlCursor& y, const LoadLimits& limits, Workload& out, NameIndex& names, SchemaNotes& notes,
               const StopAt& stop)
      : y_(y), limits_(limits), w_(out), names_(names), notes_(notes), stop_(stop) {}

  // Keys of the root mapping and where they were, for merging split reads.
  const std::vector<std::pair<std::string, SourcePos>>& root_keys() const { return root_keys_; }
  bool stopped() const { return stopped_; }
  // True when a split read ended exactly at the start of a process entry.
  bool reached_stop() const { return reached_stop_; }

  void read() {
    y_.expect(YAML_STREAM_START_EVENT, "a YAML stream");
    if (y_.type() == YAML_STREAM_END_EVENT)
      y_.fail(SourcePos{1, 1}, "the file is empty: expected a mapping with a 'processes' list");
    y_.expect(YAML_DOCUMENT_START_EVENT, "a YAML document");
    if (y_.type() != YAML_MAPPING_START_EVENT)
      y_.fail(fmt::format("expected a mapping with a 'processes' list, got {}", describe(y_)));
    read_root();
    if (stopped_) return;
    y_.expect(YAML_DOCUMENT_END_EVENT, "the end of the document");
    if (y_.type() != YAML_STREAM_END_EVENT) y_.fail("only one YAML document per workload file");
  }

 private:
  // Where the steps being read run: a task's own program, a coroutine of a group, or a
  // named program (which runs wherever it is used: kRelative).
  static constexpr std::uint32_t kRelative = UINT32_MAX;
  struct Scope {
    std::uint32_t context = kTaskContext;
    std::uint32_t named = UINT32_MAX;  // the named program being read (context kRelative)
    std::uint32_t loops = 0;           // repeats around the step, within this program
  };

  // ---- scalars --------------------------------------------------------------------------

  std::int64_t read_int(std::string_view key, std::int64_t min, std::int64_t max, std::string_view what) {
    const SourcePos at = y_.pos();
    std::string_view text = y_.scalar();
    std::int64_t v = 0;
    bool ok = y_.is_scalar() && y_.plain() && !text.empty();
    if (ok) {
      std::string_view digits = text;
      if (digits.front() == '+') digits.remove_prefix(1);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec == std::errc::result_out_of_range) {
        y_.fail(at, fmt::format("'{}' is too large: {} (at most {})", key, text, max));
      }
      ok = ec == std::errc() && ptr == digits.data() + digits.size();
    }
    if (!ok) y_.fail(at, fmt::format("'{}' expects {}, got {}", key, what, describe(y_)));
    if (v < min) {
      y_.fail(at, min == 0 ? fmt::format("'{}' must be >= 0, got {}", key, v)
                           : min == 1 ? fmt::format("'{}' must be > 0, got {}", key, v)
                                      : fmt::format("'{}' must be >= {}, got {}", key, min, v));
    }
    if (v > max) y_.fail(at, fmt::format("'{}' is too large: {} (at most {})", key, v, max));
    y_.next();
    return v;
  }

  Ticks read_ticks(std::string_view key, Ticks min) {
    return read_int(key, min, limits_.max_ticks, "a whole number of ticks");
  }
  Ticks read_timeout() { return read_ticks("timeout", 0); }

  std::string read_string(std::string_view key) {
    if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a text, got {}", key, describe(y_)));
    std::string s(y_.scalar());
    if (s.empty()) y_.fail(fmt::format("'{}' must not be empty", key));
    y_.next();
    return s;
  }

  // The current scalar as a non-empty name (valid until next()).
  std::string_view name_text(std::string_view key) {
    if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a text, got {}", key, describe(y_)));
    if (y_.scalar().empty()) y_.fail(fmt::format("'{}' must not be empty", key));
    return y_.scalar();
  }

  bool read_bool(std::string_view key) {
    const std::string_view s = y_.is_scalar() && y_.plain() ? y_.scalar() : std::string_view();
    if (s != "true" && s != "false") y_.fail(fmt::format("'{}' expects true or false, got {}", key, describe(y_)));
    const bool value = s == "true";  // (before next(): the text is the event's)
    y_.next();
    return value;
  }

  // One of `words` (plain text); returns its index.
  template <std::size_t N>
  std::size_t read_word(std::string_view key, const std::array<std::string_view, N>& words) {
    const std::string_view s = y_.is_scalar() && y_.plain() ? y_.scalar() : std::string_view();
    std::size_t i = 0;
    while (i < N && words[i] != s) ++i;
    if (i == N || s.empty())
      y_.fail(fmt::format("'{}' expects one of: {}, got {}", key, fmt::join(words, ", "), describe(y_)));
    y_.next();
    return i;
  }

  // ---- structure ------------------------------------------------------------------------

  // Read a mapping whose keys come from `known`, calling on_key(key index, key, key
  // position) with the cursor on each value; the handler must consume the value. Unknown
  // and repeated keys are errors. (A template, not std::function: this is the hot path.)
  template <std::size_t N, typename OnKey>
  void read_mapping(std::string_view what, const std::array<std::string_view, N>& known, OnKey&& on_key) {
    static_assert(N <= 64);
    if (y_.type() != YAML_MAPPING_START_EVENT) y_.fail(fmt::format("expected {} (a mapping), got {}", what, describe(y_)));
    y_.next();
    std::uint64_t seen = 0;
    while (y_.type() != YAML_MAPPING_END_EVENT) {
      const SourcePos at = y_.pos();
      if (!y_.is_scalar()) y_.fail(fmt::format("expected a key, got {}", describe(y_)));
      const std::string_view key = y_.scalar();
      std::size_t index = 0;
      while (index < N && known[index] != key) ++index;
      if (index == N)
        y_.fail(at, fmt::format("unknown key {} in {} (expected one of: {})", describe(y_), what,
                                fmt::join(known, ", ")));  // describe(): quoted, long keys cut
      if (seen & (std::uint64_t{1} << index)) y_.fail(at, fmt::format("key '{}' given twice in {}", key, what));
      seen |= std::uint64_t{1} << index;
      y_.next();
      on_key(index, known[index], at);
      if (stopped_) return;  // a split read reached its end inside this mapping
    }
    y_.next();
  }

  // A list, calling on_item() with the cursor on each item (which it must consume).
  template <typename OnItem>
  void read_list(std::string_view key, std::string_view what, OnItem&& on_item) {
    if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'{}' expects a list of {}, got {}", key, what, describe(y_)));
    y_.next();
    while (y_.type() != YAML_SEQUENCE_END_EVENT) on_item();
    y_.next();
  }

  // A mapping of names to values, calling on_entry(name, name position) with the cursor
  // on each value. A name given twice is an error.
  template <typename OnEntry>
  void read_table(std::string_view key, std::string_view what, OnEntry&& on_entry) {
    if (y_.type() != YAML_MAPPING_START_EVENT)
      y_.fail(fmt::format("'{}' expects a mapping of {}, got {}", key, what, describe(y_)));
    y_.next();
    std::unordered_set<std::string> seen;
    while (y_.type() != YAML_MAPPING_END_EVENT) {
      const SourcePos at = y_.pos();
      std::string name = read_string(key);
      if (!seen.insert(name).second) y_.fail(at, fmt::format("'{}' is given twice in '{}'", name, key));
      on_entry(name, at);
    }
    y_.next();
  }

  void read_root() {
    const SourcePos root = y_.pos();
    bool have_processes = false;
    static constexpr std::array<std::string_view, 11> kKeys{"name",       "cpus",   "processes", "shared",
                                                            "locks",      "semaphores", "events", "queues",
                                                            "programs",   "limits", "costs"};
    read_mapping("the workload", kKeys, [&](std::size_t index, std::string_view key, SourcePos at) {
      root_keys_.emplace_back(std::string(key), at);
      switch (index) {
        case 0: w_.name = read_string(key); break;
        case 1: w_.cpus = static_cast<std::uint32_t>(read_int(key, 1, limits_.max_cpus, "a whole number of CPUs")); break;
        case 2:
          read_processes();
          have_processes = true;
          break;
        case 3: read_shared(); break;
        case 4: read_list(key, "locks", [&] { read_lock_decl(); }); break;
        case 5: read_list(key, "semaphores", [&] { read_semaphore_decl(); }); break;
        case 6: read_list(key, "events", [&] { read_event_decl(); }); break;
        case 7: read_list(key, "queues", [&] { read_queue_decl(); }); break;
        case 8: read_named_programs(); break;
        case 9: read_limits(); break;
        case 10: read_costs(); break;
      }
    });
    if (!have_processes && !stopped_) y_.fail(root, "the workload has no 'processes' list");
  }

  void read_processes() {
    const SourcePos at = y_.pos();
    if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'processes' expects a list, got {}", describe(y_)));
    y_.next();
    while (y_.type() != YAML_SEQUENCE_END_EVENT) {
      if (stop_.line != 0) {
        // A split read: the first half ends where the second half's text begins, which
        // must be the start of a process entry. Passing it means the guess was wrong.
        // (The stop is the entry's "- "; the entry's own event starts after it, on the
        // same line.)
        const SourcePos here = y_.pos();
        if (here.line > stop_.line || (here.line == stop_.line && here.column >= stop_.column)) {
          stopped_ = true;
          reached_stop_ = here.line == stop_.line;
          return;
        }
      }
      if (w_.processes.size() >= limits_.max_processes)
        y_.fail(SourcePos{y_.pos().line, 0}, fmt::format("too many processes (at most {})", limits_.max_processes));
      read_process();
    }
    y_.next();
    if (w_.processes.empty()) y_.fail(at, "'processes' is empty: a workload needs at least one process");
  }

  void read_process() {
    const SourcePos start = y_.pos();
    ProcessSpec p;
    SourcePos name_at{};
    bool have_name = false, have_program = false;
    static constexpr std::array<std::string_view, 9> kKeys{"name", "arrival", "priority", "tickets", "nice",
                                                           "burst", "program", "affinity", "daemon"};
    read_mapping("a process", kKeys, [&](std::size_t index, std::string_view key, SourcePos at) {
      switch (index) {
        case 0:
          name_at = y_.pos();
          p.name = read_string(key);
          have_name = true;
          break;
        case 1: p.arrival = read_ticks(key, 0); break;
        case 2: p.priority = static_cast<int>(read_int(key, -1'000'000, 1'000'000, "a whole number")); break;
        case 3: p.tickets = static_cast<int>(read_int(key, 1, 1'000'000, "a whole number of tickets")); break;
        case 4: p.nice = static_cast<int>(read_int(key, -20, 19, "a whole number from -20 to 19")); break;
        case 5:
        case 6:
          if (have_program) y_.fail(at, "a process has either 'burst' or 'program', not both");
          have_program = true;
          if (index == 5) {
            const Step step = cpu_step(read_ticks(key, 1));
            p.program = w_.add_program(&step, 1);
          } else {
            p.program = read_body(1, key, kTaskContext, SchemaNotes::ProgramUse::Where::Process,
                                  static_cast<std::uint32_t>(w_.processes.size()), 0);
          }
          break;
        case 7: p.affinity = read_affinity(); break;
        case 8: p.daemon = read_bool(key); break;
      }
    });
    if (!have_name) y_.fail(start, "a process needs a 'name'");
    if (!have_program) y_.fail(start, fmt::format("process '{}' needs a 'program' or a 'burst'", p.name));
    p.pos = name_at;
    w_.processes.push_back(std::move(p));
    const std::int64_t earlier = names_.insert(static_cast<std::uint32_t>(w_.processes.size() - 1));
    if (earlier >= 0) {  // (a split read checks names across its halves when they are joined)
      const ProcessSpec& first_one = w_.processes[static_cast<std::size_t>(earlier)];
      y_.fail(name_at, fmt::format("duplicate process name '{}' (first used at line {})", first_one.name, first_one.pos.line));
    }
  }

  std::uint32_t read_affinity() {
    const SourcePos at = y_.pos();
    if (y_.type() != YAML_SEQUENCE_START_EVENT)
      y_.fail(fmt::format("'affinity' expects a list of CPU numbers, got {}", describe(y_)));
    y_.next();
    std::vector<CpuId> set;
    while (y_.type() != YAML_SEQUENCE_END_EVENT)
      set.push_back(static_cast<CpuId>(read_int("affinity", 0, limits_.max_cpus - 1, "a CPU number")));
    y_.next();
    if (set.empty()) y_.fail(at, "'affinity' is empty: name at least one CPU");
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    for (std::uint32_t i = 1; i < w_.affinities.size(); ++i)
      if (w_.affinities[i] == set) return i;
    w_.affinities.push_back(std::move(set));
    return static_cast<std::uint32_t>(w_.affinities.size() - 1);
  }

  // ---- workload-level declarations ------------------------------------------------------

  void read_shared() {
    read_table("shared", "variable names to initial values", [&](const std::string& name, SourcePos at) {
      check_variable_name("shared", name, at);
      const std::uint32_t v = variable_id(name);
      notes_.variables[v].declared = at;
      w_.variables[v].shared = true;
      w_.variables[v].initial = read_int(name, std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max(), "a whole number");
    });
  }

  void read_lock_decl() {
    static constexpr std::array<std::string_view, 3> kKeys{"name", "protocol", "reentrant"};
    // Keys before `name` are applied once it is known: read them into locals first.
    const SourcePos at = y_.pos();
    std::uint32_t id = UINT32_MAX;
    SourcePos inherit{}, none{}, plain{}, reentrant{};
    auto declare = [&](std::string_view name, SourcePos name_at) {
      id = lock_id(name);
      if (lock_declared_.size() <= id) lock_declared_.resize(id + 1);
      if (lock_declared_[id].line != 0)
        y_.fail(name_at, fmt::format("lock '{}' is declared twice (first at line {})", name, lock_declared_[id].line));
      lock_declared_[id] = name_at;
    };
    if (y_.is_scalar()) {
      declare(name_text("locks"), at);
      y_.next();
      return;
    }
    read_mapping("a lock", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
      const SourcePos value_at = y_.pos();
      switch (index) {
        case 0:
          declare(name_text(key), value_at);
          y_.next();
          break;
        case 1:
          if (read_protocol(key)) inherit = value_at;
          else none = value_at;
          break;
        case 2:
          if (read_bool(key)) reentrant = value_at;
          else plain = value_at;
          break;
      }
    });
    if (id == UINT32_MAX) y_.fail(at, "a lock needs a 'name'");
    SchemaNotes::Lock& n = notes_.locks[id];
    first(n.inherit, inherit);
    first(n.none, none);
    first(n.declared_plain, plain);
    first(n.declared_reentrant, reentrant);
  }

  bool read_protocol(std::string_view key) {  // true for inherit
    static constexpr std::array<std::string_view, 2> kProtocols{"none", "inherit"};
    return read_word(key, kProtocols) == 1;
  }

  void read_semaphore_decl() {
    static constexpr std::array<std::string_view, 2> kKeys{"name", "count"};
    const SourcePos at = y_.pos();
    if (y_.type() != YAML_MAPPING_START_EVENT)
      y_.fail(fmt::format("a semaphore is declared as {{name: S, count: N}}, got {}", describe(y_)));
    std::uint32_t id = UINT32_MAX;
    std::int64_t count = -1;
    read_mapping("a semaphore", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
      if (index == 0) {
        const SourcePos name_at = y_.pos();
        const std::string_view name = name_text(key);
        id = semaphore_id(name, SourcePos{});
        SourcePos& declared = notes_.semaphores[id].declared;
        if (declared.line != 0)
          y_.fail(name_at, fmt::format("semaphore '{}' is declared twice (first at line {})", name, declared.line));
        declared = name_at;
        y_.next();
      } else {
        count = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number");
      }
    });
    if (id == UINT32_MAX) y_.fail(at, "a semaphore needs a 'name'");
    if (count < 0) y_.fail(at, fmt::format("semaphore '{}' needs a 'count' (its initial value)", w_.semaphores[id].name));
    w_.semaphores[id].count = count;
  }

  void read_event_decl() {
    static constexpr std::array<std::string_view, 1> kKeys{"name"};
    const SourcePos at = y_.pos();
    bool named = false;
    auto declare = [&](std::string_view name, SourcePos name_at) {
      const std::uint32_t id = event_id(name);
      if (event_declared_.size() <= id) event_declared_.resize(id + 1);
      if (event_declared_[id].line != 0)
        y_.fail(name_at, fmt::format("event '{}' is declared twice (first at line {})", name, event_declared_[id].line));
      event_declared_[id] = name_at;
      named = true;
    };
    if (y_.is_scalar()) {
      declare(name_text("events"), at);
      y_.next();
      return;
    }
    read_mapping("an event", kKeys, [&](std::size_t, std::string_view key, SourcePos) {
      declare(name_text(key), y_.pos());
      y_.next();
    });
    if (!named) y_.fail(at, "an event needs a 'name'");
  }

  void read_queue_decl() {
    static constexpr std::array<std::string_view, 3> kKeys{"name", "capacity", "order"};
    static constexpr std::array<std::string_view, 3> kOrders{"fifo", "lifo", "priority"};
    const SourcePos at = y_.pos();
    std::uint32_t id = UINT32_MAX;
    std::int64_t capacity = 0;
    QueueOrder order = QueueOrder::Fifo;
    auto declare = [&](std::string_view name, SourcePos name_at) {
      id = queue_id(name, SourcePos{});
      SourcePos& declared = notes_.queues[id].declared;
      if (declared.line != 0)
        y_.fail(name_at, fmt::format("queue '{}' is declared twice (first at line {})", name, declared.line));
      declared = name_at;
    };
    if (y_.is_scalar()) {
      declare(name_text("queues"), at);
      y_.next();
    } else {
      read_mapping("a queue", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
        switch (index) {
          case 0:
            declare(name_text(key), y_.pos());
            y_.next();
            break;
          case 1: capacity = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number (0: unbounded)"); break;
          case 2: order = static_cast<QueueOrder>(read_word(key, kOrders)); break;
        }
      });
      if (id == UINT32_MAX) y_.fail(at, "a queue needs a 'name'");
    }
    w_.queues[id].capacity = capacity;
    w_.queues[id].order = order;
  }

  void read_named_programs() {
    read_table("programs", "names to lists of steps", [&](const std::string& name, SourcePos at) {
      const auto n = static_cast<std::uint32_t>(notes_.named.size());
      notes_.named.emplace_back();
      notes_.named[n].pos = at;
      const std::uint32_t program = read_scope(1, name, Scope{kRelative, n, 0});
      w_.named_programs.emplace_back(name, program);
    });
  }

  void read_limits() {
    static constexpr std::array<std::string_view, 1> kKeys{"max_processes"};
    read_mapping("'limits'", kKeys, [&](std::size_t, std::string_view key, SourcePos) {
      w_.max_processes = static_cast<std::size_t>(read_int(key, 1, 1'000'000'000, "a whole number of processes"));
    });
  }

  void read_costs() {
    static constexpr std::array<std::string_view, 2> kKeys{"fork", "thread_create"};
    read_mapping("'costs'", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
      (index == 0 ? w_.fork_cost : w_.thread_cost) = read_ticks(key, 0);
    });
  }

  // ---- names ----------------------------------------------------------------------------

  std::uint32_t string_id(std::string_view s) {
    const auto [id, added] = intern(string_ids_, s, w_.strings.size());
    if (added) w_.strings.emplace_back(s);
    return id;
  }

  std::uint32_t variable_id(std::string_view name) {
    const auto [id, added] = intern(variable_ids_, name, w_.variables.size());
    if (added) {
      w_.variables.push_back(VariableDecl{std::string(name), false, 0});
      notes_.variables.emplace_back();
    }
    return id;
  }

  std::uint32_t lock_id(std::string_view name) {
    const auto [id, added] = intern(lock_ids_, name, w_.locks.size());
    if (added) {
      w_.locks.push_back(LockDecl{std::string(name), false, false});
      notes_.locks.emplace_back();
    }
    return id;
  }

  std::uint32_t semaphore_id(std::string_view name, SourcePos used) {
    const auto [id, added] = intern(semaphore_ids_, name, w_.semaphores.size());
    if (added) {
      w_.semaphores.push_back(SemaphoreDecl{std::string(name), 0});
      notes_.semaphores.emplace_back();
    }
    first(notes_.semaphores[id].used, used);
    return id;
  }

  std::uint32_t event_id(std::string_view name) {
    const auto [id, added] = intern(event_ids_, name, w_.events.size());
    if (added) w_.events.push_back(EventDecl{std::string(name)});
    return id;
  }

  std::uint32_t queue_id(std::string_view name, SourcePos used) {
    const auto [id, added] = intern(queue_ids_, name, w_.queues.size());
    if (added) {
      w_.queues.push_back(QueueDecl{std::string(name), 0, QueueOrder::Fifo});
      notes_.queues.emplace_back();
    }
    first(notes_.queues[id].used, used);
    return id;
  }

  std::uint32_t program_name_id(std::string_view name) {
    const auto [id, added] = intern(program_name_ids_, name, notes_.program_names.size());
    if (added) notes_.program_names.emplace_back(name);
    return id;
  }

  void check_variable_name(std::string_view key, std::string_view name, SourcePos at) {
    if (name == "register")
      y_.fail(at, fmt::format("'register' is not a variable name in '{}': it stands for the task's register "
                              "in conditions and 'put' items",
                              key));
    if (!is_identifier(name))
      y_.fail(at, fmt::format("'{}' expects a variable name (letters, digits and '_', not starting with a digit), "
                              "got '{}'",
                              key, name));
  }

  // A variable named by the current scalar; notes whether the step writes it.
  std::uint32_t read_variable(std::string_view key, bool write) {
    const SourcePos at = y_.pos();
    if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a variable name, got {}", key, describe(y_)));
    const std::string_view name = y_.scalar();
    check_variable_name(key, name, at);
    const std::uint32_t v = variable_id(name);
    if (write) notes_.variables[v].written = true;
    else first(notes_.variables[v].read, at);
    y_.next();
    return v;
  }

  // A value a step reads: an integer, `register`, or a variable.
  Operand operand(std::string_view key, std::string_view text, bool plain, SourcePos at) {
    Operand o;
    std::int64_t v = 0;
    if (plain && parse_integer(text, v)) {
      o.kind = Operand::Kind::Literal;
      o.value = v;
    } else if (text == "register") {
      o.kind = Operand::Kind::Register;
    } else if (is_identifier(text)) {
      o.kind = Operand::Kind::Variable;
      o.variable = variable_id(text);
      first(notes_.variables[o.variable].read, at);
    } else {
      y_.fail(at, fmt::format("'{}' expects a whole number, a variable name or 'register', got '{}'", key, text));
    }
    return o;
  }

  // "A OP B" -> Workload::conditions.
  std::uint32_t read_condition(std::string_view key) {
    const SourcePos at = y_.pos();
    if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a condition such as 'n < 10', got {}", key, describe(y_)));
    const std::string_view text = y_.scalar();
    static constexpr std::array<std::pair<std::string_view, Compare>, 6> kOps{
        {{"==", Compare::Eq}, {"!=", Compare::Ne}, {"<=", Compare::Le}, {">=", Compare::Ge}, {"<", Compare::Lt},
         {">", Compare::Gt}}};
    const std::size_t i = text.find_first_of("=!<>");
    const auto* op = i == std::string_view::npos
                         ? kOps.end()
                         : std::find_if(kOps.begin(), kOps.end(), [&](const auto& o) { return text.substr(i).starts_with(o.first); });
    const std::string_view lhs = op == kOps.end() ? std::string_view() : trim(text.substr(0, i));
    const std::string_view rhs = op == kOps.end() ? std::string_view() : trim(text.substr(i + op->first.size()));
    if (lhs.empty() || rhs.empty())
      y_.fail(at, fmt::format("'{}' expects a condition 'A OP B' (OP one of ==, !=, <, <=, >, >=; A and B whole "
                              "numbers, variables or 'register'), got {}",
                              key, describe(y_)));
    Condition c;
    c.lhs = operand(key, lhs, true, at);
    c.op = op->second;
    c.rhs = operand(key, rhs, true, at);
    y_.next();
    w_.conditions.push_back(c);
    return static_cast<std::uint32_t>(w_.conditions.size() - 1);
  }

  // ---- programs -------------------------------------------------------------------------

  // A list of steps; returns the program's index. `depth` counts nested programs.
  std::uint32_t read_program(std::size_t depth, std::string_view key) {
    const SourcePos at = y_.pos();
    if (depth > limits_.max_depth) y_.fail(fmt::format("programs nested too deeply (at most {} levels)", limits_.max_depth));
    if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'{}' expects a list of steps, got {}", key, describe(y_)));
    y_.next();
    // One reusable buffer per depth: no allocation per process once warmed up.
    if (buffers_.size() <= depth) buffers_.resize(depth + 1);
    buffers_[depth].clear();
    while (y_.type() != YAML_SEQUENCE_END_EVENT) read_step(depth);
    y_.next();
    if (buffers_[depth].empty()) y_.fail(at, fmt::format("'{}' is empty: a program needs at least one step", key));
    return w_.add_program(buffers_[depth].data(), buffers_[depth].size());
  }

  // A program that starts a new scope (a task's, a coroutine's, a named program).
  std::uint32_t read_scope(std::size_t depth, std::string_view key, Scope scope) {
    const Scope saved = scope_;
    scope_ = scope;
    const std::uint32_t program = read_program(depth, key);
    scope_ = saved;
    return program;
  }

  // The `program:` of a process, fork, thread or coroutine: a list of steps, or the name
  // of a named program (then 0 until resolve_workload() patches it).
  std::uint32_t read_body(std::size_t depth, std::string_view key, std::uint32_t context,
                          SchemaNotes::ProgramUse::Where where, std::uint32_t index, std::uint32_t member) {
    if (!y_.is_scalar()) return read_scope(depth, key, Scope{context, UINT32_MAX, 0});
    const SourcePos at = y_.pos();
    const std::uint32_t name = program_name_id(name_text(key));
    notes_.program_uses.push_back(SchemaNotes::ProgramUse{where, index, member, name, context, at});
    y_.next();
    return 0;
  }

  void read_step(std::size_t depth) {
    const SourcePos at = y_.pos();
    std::vector<Step>& out = buffers_[depth];
    if (y_.is_scalar()) {  // a step without argument: "- yield"
      if (y_.scalar() == "yield") {
        out.push_back(yield_step());
        y_.next();
        return;
      }
      bad_step(at);
    }
    if (y_.type() != YAML_MAPPING_START_EVENT) bad_step(at);
    y_.next();
    const SourcePos key_at = y_.pos();
    const std::size_t index = y_.is_scalar() ? step_index(y_.scalar()) : kSteps.size();
    if (index == kSteps.size()) bad_step(at);
    const std::string_view key = kSteps[index];  // (the event's text dies at next())
    y_.next();
    switch (static_cast<StepKey>(index)) {
      case kCpu: out.push_back(cpu_step(read_ticks(key, 1))); break;
      case kIo: out.push_back(io_step(read_ticks(key, 1))); break;
      case kSleep: out.push_back(sleep_step(read_ticks(key, 1))); break;
      case kYield:
        if (!y_.is_scalar() || !(y_.scalar().empty() || y_.scalar() == "~" || y_.scalar() == "null"))
          y_.fail("'yield' takes no value: write '- yield'");
        y_.next();
        out.push_back(yield_step());
        break;
      case kExit: out.push_back(exit_step(read_int(key, -255, 255, "an exit code from -255 to 255"))); break;
      case kRepeat: {
        const Step s = read_repeat(depth);
        buffers_[depth].push_back(s);
        break;
      }
      default: {
        // Reading these may read nested programs, which may grow buffers_: append after.
        const Step s = read_other_step(static_cast<StepKey>(index), key, key_at, depth);
        buffers_[depth].push_back(s);
        break;
      }
    }
    if (y_.type() != YAML_MAPPING_END_EVENT)
      y_.fail(fmt::format("a step has exactly one key; found '{}' after '{}' (put each step in its own list item)",
                          y_.is_scalar() ? std::string(y_.scalar()) : describe(y_), key));
    y_.next();
  }

  // The index of a step's key in kSteps (kSteps.size(): unknown). cpu and io are most
  // of the steps of big files.
  static std::size_t step_index(std::string_view k) {
    if (k.size() == 3 && k[0] == 'c' && k[1] == 'p' && k[2] == 'u') return kCpu;
    if (k.size() == 2 && k[0] == 'i' && k[1] == 'o') return kIo;
    std::size_t index = 0;
    while (index < kSteps.size() && kSteps[index] != k) ++index;
    return index;
  }

  // Why the step at the cursor (an item that started at `at`, or its key) is not one.
  [[noreturn, gnu::noinline]] void bad_step(SourcePos at) {
    if (y_.type() == YAML_MAPPING_END_EVENT) y_.fail(at, "empty step: expected one key such as 'cpu: 5'");
    if (!y_.is_scalar()) y_.fail(fmt::format("expected a step such as 'cpu: 5', got {}", describe(y_)));
    const std::string_view name = y_.scalar();
    if (name.empty() && y_.plain()) y_.fail(at, "empty step: expected one key such as 'cpu: 5'");  // `- ` alone
    if (step_index(name) != kSteps.size())
      y_.fail(fmt::format("step '{}' needs a value, e.g. '{}'", name, example(name)));
    y_.fail(fmt::format("unknown step {} (expected one of: {})", describe(y_), fmt::join(kSteps, ", ")));
  }

  // How a step is written, for "needs a value" messages (parallel to kSteps).
  static std::string_view example(std::string_view step) {
    static constexpr std::array<std::string_view, kSteps.size()> kExamples{
        "cpu: 5", "io: 5", "sleep: 5", "yield", "exit: 0", "repeat: {times: 3, program: [...]}",
        "fail: \"message\"", "fault: segv", "fork: {name: child, program: [...]}",
        "thread: {name: worker, program: [...]}", "kill: NAME", "wait: any", "join: THREAD",
        "coroutines: [{name: a, program: [...]}, ...]", "switch: COROUTINE", "await_io: 5", "load: VARIABLE",
        "add: 1", "store: VARIABLE", "print: VARIABLE", "lock: LOCK", "unlock: LOCK", "rlock: LOCK", "runlock: LOCK",
        "acquire: SEMAPHORE", "release: SEMAPHORE", "event_set: EVENT", "event_clear: EVENT", "event_wait: EVENT",
        "put: {queue: QUEUE, item: 1}", "get: QUEUE", "task_done: QUEUE", "join_queue: QUEUE",
        "if: {cond: \"n > 0\", then: [...]}", "break_if: \"n > 0\"", "call: PROGRAM"};
    return kExamples[static_cast<std::size_t>(std::find(kSteps.begin(), kSteps.end(), step) - kSteps.begin())];
  }

  Step read_repeat(std::size_t depth) {
    const SourcePos at = y_.pos();
    std::int64_t times = -2;
    std::uint32_t body = 0;
    bool have_body = false;
    static constexpr std::array<std::string_view, 2> kKeys{"times", "program"};
    read_mapping("'repeat'", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
      if (index == 0) {
        if (y_.is_scalar() && y_.plain() && y_.scalar() == "forever") {
          times = -1;
          y_.next();
        } else {
          times = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number or 'forever'");
        }
      } else {
        ++scope_.loops;
        body = read_program(depth + 1, "program");
        --scope_.loops;
        have_body = true;
      }
    });
    if (times == -2) y_.fail(at, "'repeat' needs 'times' (a number or 'forever')");
    if (!have_body) y_.fail(at, "'repeat' needs a 'program'");
    return Step{Op::Repeat, 0, 0, body, times};
  }

  // Everything but the steps of the original schema.
  Step read_other_step(StepKey k, std::string_view key, SourcePos key_at, std::size_t depth);

  Step read_fail(std::string_view key);
  Step read_spawn(Op op, std::string_view key, std::size_t depth);
  Step read_kill(std::string_view key);
  Step read_wait(std::string_view key);
  Step read_coroutines(std::string_view key, SourcePos key_at, std::size_t depth);
  Step read_lock_step(Op op, std::string_view key);
  Step read_put(std::string_view key);
  Step read_get(std::string_view key);
  Step read_if(std::string_view key, std::size_t depth);

  // `STEP: NAME` or `STEP: {NAME_KEY: NAME, timeout: T}` (`with_timeout`). Calls
  // on_name(name, position) and returns the timeout (-1: none).
  template <typename OnName>
  Ticks read_named(std::string_view step, std::string_view name_key, bool with_timeout, OnName&& on_name) {
    const SourcePos at = y_.pos();
    if (y_.is_scalar()) {
      on_name(name_text(step), at);
      y_.next();
      return -1;
    }
    if (!with_timeout) y_.fail(fmt::format("'{}' expects a name, got {}", step, describe(y_)));
    Ticks timeout = -1;
    bool named = false;
    const std::array<std::string_view, 2> keys{name_key, "timeout"};
    read_mapping(fmt::format("'{}'", step), keys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        on_name(name_text(k), y_.pos());
        y_.next();
        named = true;
      } else {
        timeout = read_timeout();
      }
    });
    if (!named) y_.fail(at, fmt::format("'{}' needs a '{}'", step, name_key));
    return timeout;
  }

  // Context rules for steps that only make sense in coroutines.
  void coroutine_only(std::string_view key, SourcePos key_at) {
    if (scope_.context == kTaskContext)
      y_.fail(key_at, fmt::format("'{}' is only allowed in the program of a coroutine", key));
  }

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

// ---- the steps beyond cpu/io/sleep/yield/exit/repeat ------------------------------------

Step SchemaReader::read_other_step(StepKey k, std::string_view key, SourcePos key_at, std::size_t depth) {
  switch (k) {
    case kCpu:
    case kIo:
    case kSleep:
    case kYield:
    case kExit:
    case kRepeat: break;  // read_step's own
    case kFail: return read_fail(key);
    case kFault: {
      static constexpr std::array<std::string_view, 3> kFaults{"segv", "div0", "illegal"};
      static constexpr std::array<std::int64_t, 3> kSignals{kSigSegv, kSigFpe, kSigIll};
      return Step{Op::Fault, 0, 0, 0, kSignals[read_word(key, kFaults)]};
    }
    case kFork: return read_spawn(Op::Fork, key, depth);
    case kThread: return read_spawn(Op::Thread, key, depth);
    case kKill: return read_kill(key);
    case kWait: return read_wait(key);
    case kJoin: {
      std::uint32_t name = 0;
      const Ticks timeout = read_named(key, "thread", true, [&](std::string_view n, SourcePos at) {
        name = string_id(n);
        notes_.join_targets.push_back(NameUse{name, at});
      });
      return Step{Op::Join, 0, 0, name, timeout};
    }
    case kCoroutines: return read_coroutines(key, key_at, depth);
    case kSwitch: {
      coroutine_only(key, key_at);
      const SourcePos at = y_.pos();
      const std::uint32_t name = string_id(name_text(key));
      y_.next();
      if (scope_.context == kRelative) notes_.named[scope_.named].switches.push_back(NameUse{name, at});
      else notes_.switches.push_back(SchemaNotes::Switch{scope_.context - 1, NameUse{name, at}});
      return Step{Op::Switch, 0, 0, name, 0};
    }
    case kAwaitIo: {
      coroutine_only(key, key_at);
      if (scope_.context == kRelative) first(notes_.named[scope_.named].await_io, key_at);
      return Step{Op::AwaitIo, 0, 0, 0, read_ticks(key, 1)};
    }
    case kLoad: return Step{Op::Load, 0, 0, read_variable(key, false), 0};
    case kStore: return Step{Op::Store, 0, 0, read_variable(key, true), 0};
    case kPrint: return Step{Op::Print, 0, 0, read_variable(key, false), 0};
    case kAdd:
      return Step{Op::Add, 0, 0, 0,
                  read_int(key, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                           "a whole number")};
    case kLock: return read_lock_step(Op::Lock, key);
    case kUnlock: return read_lock_step(Op::Unlock, key);
    case kRLock: return read_lock_step(Op::RLock, key);
    case kRUnlock: return read_lock_step(Op::RUnlock, key);
    case kAcquire:
    case kRelease: {
      std::uint32_t id = 0;
      const Ticks timeout = read_named(key, "name", k == kAcquire, [&](std::string_view n, SourcePos at) {
        id = semaphore_id(n, at);
      });
      return k == kAcquire ? Step{Op::Acquire, 0, 0, id, timeout} : Step{Op::Release, 0, 0, id, 0};
    }
    case kEventSet:
    case kEventClear:
    case kEventWait: {
      std::uint32_t id = 0;
      const Ticks timeout =
          read_named(key, "name", k == kEventWait, [&](std::string_view n, SourcePos) { id = event_id(n); });
      return Step{k == kEventSet ? Op::EventSet : k == kEventClear ? Op::EventClear : Op::EventWait, 0, 0, id,
                  k == kEventWait ? timeout : 0};
    }
    case kPut: return read_put(key);
    case kGet: return read_get(key);
    case kTaskDone:
    case kJoinQueue: {
      std::uint32_t id = 0;
      const Ticks timeout =
          read_named(key, "name", k == kJoinQueue, [&](std::string_view n, SourcePos at) { id = queue_id(n, at); });
      return k == kJoinQueue ? Step{Op::JoinQueue, 0, 0, id, timeout} : Step{Op::TaskDone, 0, 0, id, 0};
    }
    case kIf: return read_if(key, depth);
    case kBreakIf:
      if (scope_.loops == 0)
        y_.fail(key_at, "'break_if' must be inside a 'repeat' of the same program (it leaves the innermost repeat)");
      return Step{Op::BreakIf, 0, 0, read_condition(key), 0};
    case kCall: {
      const SourcePos at = y_.pos();
      const std::uint32_t name = program_name_id(name_text(key));
      y_.next();
      notes_.has_calls = true;
      if (scope_.context == kRelative) notes_.named[scope_.named].calls.push_back(NameUse{name, at});
      else
        notes_.program_uses.push_back(
            SchemaNotes::ProgramUse{SchemaNotes::ProgramUse::Where::Call, 0, 0, name, scope_.context, at});
      return Step{Op::Call, 0, 0, name, 0};  // ref: the name until resolve_workload()
    }
  }
  y_.fail(key_at, fmt::format("unknown step '{}'", key));
}

Step SchemaReader::read_fail(std::string_view key) {
  const SourcePos at = y_.pos();
  std::uint32_t message = UINT32_MAX;
  std::int64_t code = 1;
  if (y_.is_scalar()) {
    message = string_id(name_text(key));
    y_.next();
  } else {
    static constexpr std::array<std::string_view, 2> kKeys{"message", "code"};
    read_mapping("'fail'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        message = string_id(name_text(k));
        y_.next();
      } else {
        code = read_int(k, 1, 255, "an exit code from 1 to 255");
      }
    });
    if (message == UINT32_MAX) y_.fail(at, "'fail' needs a 'message'");
  }
  return Step{Op::Fail, 0, 0, message, code};
}

Step SchemaReader::read_spawn(Op op, std::string_view key, std::size_t depth) {
  const SourcePos at = y_.pos();
  const bool fork = op == Op::Fork;
  if (y_.type() != YAML_MAPPING_START_EVENT)
    y_.fail(fmt::format("'{}' expects {{name: ..., program: [...]}}, got {}", key, describe(y_)));
  const auto spawn = static_cast<std::uint32_t>(w_.spawns.size());
  w_.spawns.emplace_back();  // nested spawns come after this one
  SpawnSpec spec;
  bool named = false, have_program = false;
  static constexpr std::array<std::string_view, 3> kKeys{"name", "program", "daemon"};
  read_mapping(fmt::format("'{}'", key), kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    switch (index) {
      case 0:
        spec.name = string_id(name_text(k));
        y_.next();
        named = true;
        break;
      case 1:
        spec.program = read_body(depth + 1, k, kTaskContext, SchemaNotes::ProgramUse::Where::Spawn, spawn, 0);
        have_program = true;
        break;
      case 2: spec.daemon = read_bool(k); break;
    }
  });
  if (!named) y_.fail(at, fmt::format("'{}' needs a 'name'", key));
  if (!have_program) y_.fail(at, fmt::format("'{}' needs a 'program'", key));
  w_.spawns[spawn] = spec;
  (fork ? notes_.fork_names : notes_.thread_names).push_back(spec.name);
  return Step{op, 0, 0, spawn, 0};
}

Step SchemaReader::read_kill(std::string_view key) {
  const SourcePos at = y_.pos();
  std::int64_t signal = kSigTerm;
  std::uint32_t target = UINT32_MAX;
  if (y_.is_scalar()) {
    target = string_id(name_text(key));
    notes_.kill_targets.push_back(NameUse{target, at});
    y_.next();
  } else {
    static constexpr std::array<std::string_view, 2> kKeys{"target", "signal"};
    static constexpr std::array<std::string_view, 2> kSignals{"TERM", "KILL"};
    read_mapping("'kill'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        target = string_id(name_text(k));
        notes_.kill_targets.push_back(NameUse{target, y_.pos()});
        y_.next();
      } else {
        signal = read_word(k, kSignals) == 0 ? kSigTerm : kSigKill;
      }
    });
    if (target == UINT32_MAX) y_.fail(at, "'kill' needs a 'target'");
  }
  return Step{Op::Kill, 0, 0, target, signal};
}

Step SchemaReader::read_wait(std::string_view key) {
  WaitSpec spec;
  auto target = [&](std::string_view name, SourcePos at) {
    if (name == "any") {
      spec.target = WaitSpec::Target::Any;
    } else if (name == "children") {
      spec.target = WaitSpec::Target::Children;
    } else {
      spec.target = WaitSpec::Target::Name;
      spec.name = string_id(name);
      notes_.wait_targets.push_back(NameUse{spec.name, at});
    }
  };
  spec.timeout = read_named(key, "target", true, target);
  w_.waits.push_back(spec);
  return Step{Op::Wait, 0, 0, static_cast<std::uint32_t>(w_.waits.size() - 1), 0};
}

Step SchemaReader::read_coroutines(std::string_view key, SourcePos key_at, std::size_t depth) {
  if (scope_.context == kRelative) first(notes_.named[scope_.named].coroutines, key_at);
  else if (scope_.context != kTaskContext)
    y_.fail(key_at, "'coroutines' cannot be nested inside a coroutine (start them from a thread's own program)");
  const auto group = static_cast<std::uint32_t>(w_.coroutine_groups.size());
  w_.coroutine_groups.emplace_back();  // groups nested in its coroutines' forks come after
  notes_.group_pos.push_back(key_at);
  std::vector<CoroutineGroup::Member> members;
  std::vector<std::pair<std::string, SourcePos>> names;
  read_list(key, "coroutines ({name: ..., program: [...]})", [&] {
    const SourcePos at = y_.pos();
    CoroutineGroup::Member m;
    bool named = false, have_program = false;
    static constexpr std::array<std::string_view, 2> kKeys{"name", "program"};
    read_mapping("a coroutine", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        const SourcePos name_at = y_.pos();
        const std::string_view name = name_text(k);
        for (const auto& [other, other_at] : names)
          if (other == name)
            y_.fail(name_at, fmt::format("duplicate coroutine name '{}' (first used at line {})", name, other_at.line));
        names.emplace_back(std::string(name), name_at);
        m.name = string_id(name);
        y_.next();
        named = true;
      } else {
        m.program = read_body(depth + 1, k, group + 1, SchemaNotes::ProgramUse::Where::Member, group,
                              static_cast<std::uint32_t>(members.size()));
        have_program = true;
      }
    });
    if (!named) y_.fail(at, "a coroutine needs a 'name'");
    if (!have_program) y_.fail(at, fmt::format("coroutine '{}' needs a 'program'", names.back().first));
    members.push_back(m);
  });
  if (members.empty()) y_.fail(key_at, "'coroutines' is empty: name at least one coroutine");
  w_.coroutine_groups[group].members = std::move(members);
  return Step{Op::Coroutines, 0, 0, group, 0};
}

Step SchemaReader::read_lock_step(Op op, std::string_view key) {
  const bool reentrant = op == Op::RLock || op == Op::RUnlock;
  const bool unlock = op == Op::Unlock || op == Op::RUnlock;
  const SourcePos at = y_.pos();
  std::uint32_t id = UINT32_MAX;
  SourcePos use{};
  SourcePos inherit{}, none{};
  if (y_.is_scalar()) {
    id = lock_id(name_text(key));
    use = at;
    y_.next();
  } else {
    if (unlock) y_.fail(fmt::format("'{}' expects a lock name, got {}", key, describe(y_)));
    static constexpr std::array<std::string_view, 2> kKeys{"name", "protocol"};
    read_mapping(fmt::format("'{}'", key), kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      const SourcePos value_at = y_.pos();
      if (index == 0) {
        id = lock_id(name_text(k));
        use = value_at;
        y_.next();
      } else if (read_protocol(k)) {
        inherit = value_at;
      } else {
        none = value_at;
      }
    });
    if (id == UINT32_MAX) y_.fail(at, fmt::format("'{}' needs a 'name'", key));
  }
  SchemaNotes::Lock& n = notes_.locks[id];
  SourcePos& kind = reentrant ? n.reentrant : n.plain;
  if (kind.line == 0) {
    kind = use;
    (reentrant ? n.reentrant_unlock : n.plain_unlock) = unlock;
  }
  first(n.inherit, inherit);
  first(n.none, none);
  return Step{op, 0, 0, id, 0};
}

Step SchemaReader::read_put(std::string_view key) {
  const SourcePos at = y_.pos();
  PutSpec spec;
  bool have_queue = false, have_item = false;
  static constexpr std::array<std::string_view, 3> kKeys{"queue", "item", "timeout"};
  read_mapping("'put'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    const SourcePos value_at = y_.pos();
    switch (index) {
      case 0:
        spec.queue = queue_id(name_text(k), value_at);
        y_.next();
        have_queue = true;
        break;
      case 1:
        if (!y_.is_scalar() || y_.scalar().empty())
          y_.fail(fmt::format("'item' expects a whole number, a variable name or 'register', got {}", describe(y_)));
        spec.item = operand(k, y_.scalar(), y_.plain(), value_at);
        y_.next();
        have_item = true;
        break;
      case 2: spec.timeout = read_timeout(); break;
    }
  });
  if (!have_queue) y_.fail(at, fmt::format("'{}' needs a 'queue'", key));
  if (!have_item) y_.fail(at, fmt::format("'{}' needs an 'item'", key));
  w_.puts.push_back(spec);
  return Step{Op::Put, 0, 0, static_cast<std::uint32_t>(w_.puts.size() - 1), 0};
}

Step SchemaReader::read_get(std::string_view key) {
  const SourcePos at = y_.pos();
  GetSpec spec;
  spec.into.kind = Operand::Kind::Register;
  if (y_.is_scalar()) {
    spec.queue = queue_id(name_text(key), at);
    y_.next();
  } else {
    bool have_queue = false;
    static constexpr std::array<std::string_view, 3> kKeys{"queue", "timeout", "into"};
    read_mapping("'get'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      switch (index) {
        case 0:
          spec.queue = queue_id(name_text(k), y_.pos());
          y_.next();
          have_queue = true;
          break;
        case 1: spec.timeout = read_timeout(); break;
        case 2:
          if (y_.is_scalar() && y_.scalar() == "register") {
            y_.next();
          } else {
            spec.into.kind = Operand::Kind::Variable;
            spec.into.variable = read_variable(k, true);
          }
          break;
      }
    });
    if (!have_queue) y_.fail(at, "'get' needs a 'queue'");
  }
  w_.gets.push_back(spec);
  return Step{Op::Get, 0, 0, static_cast<std::uint32_t>(w_.gets.size() - 1), 0};
}

Step SchemaReader::read_if(std::string_view key, std::size_t depth) {
  const SourcePos at = y_.pos();
  IfSpec spec;
  bool have_cond = false, have_then = false;
  static constexpr std::array<std::string_view, 3> kKeys{"cond", "then", "else"};
  read_mapping("'if'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    switch (index) {
      case 0:
        spec.condition = read_condition(k);
        have_cond = true;
        break;
      case 1:
        spec.then_program = read_program(depth + 1, k);
        have_then = true;
        break;
      case 2: spec.else_program = read_program(depth + 1, k); break;
    }
  });
  if (!have_cond) y_.fail(at, fmt::format("'{}' needs a 'cond'", key));
  if (!have_then) y_.fail(at, fmt::format("'{}' needs a 'then' program", key));
  w_.ifs.push_back(spec);
  return Step{Op::If, 0, 0, static_cast<std::uint32_t>(w_.ifs.size() - 1), 0};
}

void read_workload(YamlCursor& cursor, const LoadLimits& limits, Workload& out, NameIndex& names, SchemaNotes& notes,
                   const StopAt& stop, SchemaResult* result) {
  SchemaReader reader(cursor, limits, out, names, notes, stop);
  reader.read();
  if (result != nullptr) {
    result->root_keys = reader.root_keys();
    result->stopped = reader.stopped();
    result->reached_stop = reader.reached_stop();
  }
}

// ---- resolving: what needs the whole file ---------------------------------------------

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

// Named programs: unknown names, cycles of calls, and steps that depend on where a
// program runs (switch and await_io in coroutines only, no coroutines in a coroutine).
// Returns, per program name, the index into Workload::named_programs.
std::vector<std::uint32_t> check_named_programs(const Workload& w, const SchemaNotes& n, FirstError& error) {
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

  // Cycles of calls: depth-first over named programs, an explicit stack of (program, next
  // call to follow).
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

  // Where each named program runs: the contexts of its uses, passed on through calls.
  auto member_names = [&](std::uint32_t group) {
    std::vector<std::string_view> names;
    for (const auto& m : w.coroutine_groups[group].members) names.push_back(w.strings[m.name]);
    return names;
  };
  auto in_group = [&](std::uint32_t group, std::uint32_t name) {
    for (const auto& m : w.coroutine_groups[group].members)
      if (w.strings[m.name] == w.strings[name]) return true;
    return false;
  };
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
    const SchemaNotes::Named& info = n.named[v.program];
    const std::string& name = w.named_programs[v.program].first;
    if (v.context == kTaskContext) {
      for (const NameUse& s : info.switches)
        error.offer(s.pos, [&] {
          return fmt::format("'switch' is only allowed in the program of a coroutine, but program '{}' runs as a "
                             "task's program (used at line {})",
                             name, v.origin.line);
        });
      if (info.await_io.line != 0)
        error.offer(info.await_io, [&] {
          return fmt::format("'await_io' is only allowed in the program of a coroutine, but program '{}' runs as a "
                             "task's program (used at line {})",
                             name, v.origin.line);
        });
    } else {
      const std::uint32_t group = v.context - 1;
      if (info.coroutines.line != 0)
        error.offer(info.coroutines, [&] {
          return fmt::format("'coroutines' cannot be nested inside a coroutine, but program '{}' runs as a coroutine "
                             "(used at line {})",
                             name, v.origin.line);
        });
      for (const NameUse& s : info.switches)
        if (!in_group(group, s.name))
          error.offer(s.pos, [&] {
            return fmt::format("'switch' target '{}' is not a coroutine of the group at line {}, where program '{}' "
                               "runs (expected one of: {})",
                               w.strings[s.name], n.group_pos[group].line, name, list_of(member_names(group)));
          });
    }
    for (const NameUse& call : info.calls)
      if (resolved[call.name] != UINT32_MAX) work.push_back(Visit{resolved[call.name], v.context, v.origin});
  }
  for (const SchemaNotes::Switch& s : n.switches)
    if (!in_group(s.group, s.target.name))
      error.offer(s.target.pos, [&] {
        return fmt::format("'switch' target '{}' is not a coroutine of this group (expected one of: {})",
                           w.strings[s.target.name], list_of(member_names(s.group)));
      });
  return resolved;
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
    first(plain, l.declared_plain);
    first(reentrant, l.declared_reentrant);
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

void resolve_workload(Workload& w, SchemaNotes& n, const NameIndex& names, const std::string& source) {
  FirstError error;
  const std::vector<std::uint32_t> resolved = check_named_programs(w, n, error);
  check_targets(w, n, names, error);
  check_locks(w, n, error);
  check_declared(w.semaphores, n.semaphores, "semaphore", "semaphores", " with its count", error);
  check_declared(w.queues, n.queues, "queue", "queues", "", error);
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

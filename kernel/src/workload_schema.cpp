// The workload schema (docs/workload-format.md), read straight off libyaml's events.
//
// Errors name the file, line and column of the offending node and say what was expected.
// Programs are written into the workload's step arena as they complete, innermost first,
// so a step can refer to its nested program by index.
#include "workload_schema.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <limits>

namespace schedlab::detail {

class SchemaReader {
 public:
  SchemaReader(YamlCursor& y, const LoadLimits& limits, Workload& out, NameIndex& names, const StopAt& stop)
      : y_(y), limits_(limits), w_(out), names_(names), stop_(stop) {}

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
  // ---- scalars --------------------------------------------------------------------------

  std::string_view key_name() {
    if (!y_.is_scalar()) y_.fail(fmt::format("expected a key, got {}", describe(y_)));
    return y_.scalar();
  }

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

  std::string read_string(std::string_view key) {
    if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a text, got {}", key, describe(y_)));
    std::string s(y_.scalar());
    if (s.empty()) y_.fail(fmt::format("'{}' must not be empty", key));
    y_.next();
    return s;
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
      const std::string_view key = key_name();
      std::size_t index = 0;
      while (index < N && known[index] != key) ++index;
      if (index == N)
        y_.fail(at, fmt::format("unknown key '{}' in {} (expected one of: {})", key, what, fmt::join(known, ", ")));
      if (seen & (std::uint64_t{1} << index)) y_.fail(at, fmt::format("key '{}' given twice in {}", key, what));
      seen |= std::uint64_t{1} << index;
      y_.next();
      on_key(index, known[index], at);
      if (stopped_) return;  // a split read reached its end inside this mapping
    }
    y_.next();
  }

  void read_root() {
    const SourcePos root = y_.pos();
    bool have_processes = false;
    static constexpr std::array<std::string_view, 3> kKeys{"name", "cpus", "processes"};
    read_mapping("the workload", kKeys, [&](std::size_t index, std::string_view key, SourcePos at) {
      root_keys_.emplace_back(std::string(key), at);
      switch (index) {
        case 0: w_.name = read_string(key); break;
        case 1: w_.cpus = static_cast<std::uint32_t>(read_int(key, 1, limits_.max_cpus, "a whole number of CPUs")); break;
        case 2:
          read_processes();
          have_processes = true;
          break;
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
        const SourcePos here = y_.pos();
        if (here.line > stop_.line || (here.line == stop_.line && here.column >= stop_.column)) {
          stopped_ = true;
          reached_stop_ = here.line == stop_.line && here.column == stop_.column;
          return;
        }
      }
      if (w_.processes.size() >= limits_.max_processes)
        y_.fail(fmt::format("too many processes (at most {})", limits_.max_processes));
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
    static constexpr std::array<std::string_view, 8> kKeys{"name",  "arrival", "priority", "tickets",
                                                           "nice",  "burst",   "program",  "affinity"};
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
            p.program = read_program(1, "program");
          }
          break;
        case 7: p.affinity = read_affinity(); break;
      }
    });
    if (!have_name) y_.fail(start, "a process needs a 'name'");
    if (!have_program) y_.fail(start, fmt::format("process '{}' needs a 'program' or a 'burst'", p.name));
    p.pos = name_at;
    w_.processes.push_back(std::move(p));
    const std::int64_t earlier = names_.insert(static_cast<std::uint32_t>(w_.processes.size() - 1));
    if (earlier >= 0) {  // (a split read checks names across its halves when they are joined)
      const ProcessSpec& first = w_.processes[static_cast<std::size_t>(earlier)];
      y_.fail(name_at, fmt::format("duplicate process name '{}' (first used at line {})", first.name, first.pos.line));
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

  void read_step(std::size_t depth) {
    const SourcePos at = y_.pos();
    std::vector<Step>& out = buffers_[depth];
    if (y_.is_scalar()) {  // a step without argument: "- yield"
      const std::string_view name = y_.scalar();
      if (name == "yield") {
        out.push_back(yield_step());
        y_.next();
        return;
      }
      if (name == "cpu" || name == "io" || name == "sleep" || name == "exit" || name == "repeat")
        y_.fail(fmt::format("step '{}' needs a value, e.g. '{}: 5'", name, name));
      y_.fail(fmt::format("unknown step {} (expected one of: {})", describe(y_), kStepNames));
    }
    if (y_.type() != YAML_MAPPING_START_EVENT) y_.fail(fmt::format("expected a step such as 'cpu: 5', got {}", describe(y_)));
    y_.next();
    if (y_.type() == YAML_MAPPING_END_EVENT) y_.fail(at, "empty step: expected one key such as 'cpu: 5'");
    const SourcePos key_at = y_.pos();
    const std::string_view key_text = key_name();
    // Steps are few and short: copy the key (the event's text dies at next()).
    char key_buffer[16];
    const std::size_t key_size = std::min(key_text.size(), sizeof key_buffer);
    std::copy_n(key_text.data(), key_size, key_buffer);
    const std::string_view key = key_text.size() <= sizeof key_buffer ? std::string_view(key_buffer, key_size)
                                                                       : std::string_view("(long key)");
    if (key_text.size() > sizeof key_buffer)
      y_.fail(key_at, fmt::format("unknown step '{}' (expected one of: {})", key_text, kStepNames));
    y_.next();
    if (key == "cpu") {
      out.push_back(cpu_step(read_ticks(key, 1)));
    } else if (key == "io") {
      out.push_back(io_step(read_ticks(key, 1)));
    } else if (key == "sleep") {
      out.push_back(sleep_step(read_ticks(key, 1)));
    } else if (key == "exit") {
      out.push_back(exit_step(read_int(key, -255, 255, "an exit code from -255 to 255")));
    } else if (key == "yield") {
      if (!y_.is_scalar() || !(y_.scalar().empty() || y_.scalar() == "~" || y_.scalar() == "null"))
        y_.fail("'yield' takes no value: write '- yield'");
      y_.next();
      out.push_back(yield_step());
    } else if (key == "repeat") {
      out.push_back(read_repeat(depth));
    } else {
      y_.fail(key_at, fmt::format("unknown step '{}' (expected one of: {})", key, kStepNames));
    }
    if (y_.type() != YAML_MAPPING_END_EVENT)
      y_.fail(fmt::format("a step has exactly one key; found '{}' after '{}' (put each step in its own list item)",
                          y_.is_scalar() ? std::string(y_.scalar()) : describe(y_), key));
    y_.next();
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
        body = read_program(depth + 1, "program");
        have_body = true;
      }
    });
    if (times == -2) y_.fail(at, "'repeat' needs 'times' (a number or 'forever')");
    if (!have_body) y_.fail(at, "'repeat' needs a 'program'");
    return Step{Op::Repeat, 0, 0, body, times};
  }

  static constexpr const char* kStepNames = "cpu, io, sleep, yield, exit, repeat";

  YamlCursor& y_;
  const LoadLimits& limits_;
  Workload& w_;
  NameIndex& names_;
  StopAt stop_;
  bool stopped_ = false;
  bool reached_stop_ = false;
  std::vector<std::pair<std::string, SourcePos>> root_keys_;
  std::vector<std::vector<Step>> buffers_;
};

void read_workload(YamlCursor& cursor, const LoadLimits& limits, Workload& out, NameIndex& names, const StopAt& stop,
                   SchemaResult* result) {
  SchemaReader reader(cursor, limits, out, names, stop);
  reader.read();
  if (result != nullptr) {
    result->root_keys = reader.root_keys();
    result->stopped = reader.stopped();
    result->reached_stop = reader.reached_stop();
  }
}

}  // namespace schedlab::detail

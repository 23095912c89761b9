// The workload schema (docs/workload-format.md), read straight off libyaml's events.
//
// Errors name the file, line and column of the offending node and say what was expected.
// Programs are written into the workload's step arena as they complete, innermost first,
// so a step can refer to its nested program by index.
#include <schedlab/workload_loader.hpp>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <functional>

#include "yaml_cursor.hpp"

namespace schedlab {

namespace {

using detail::YamlCursor;

// Open-addressing set of process indices, keyed by name: finds duplicate names among
// millions of processes without a node per entry.
class NameIndex {
 public:
  explicit NameIndex(const std::vector<ProcessSpec>& processes) : processes_(processes) { slots_.assign(1024, 0); }

  // Insert process `index`; returns the index of an earlier process with the same name,
  // or -1.
  std::int64_t insert(std::uint32_t index) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::string& name = processes_[index].name;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string>()(name) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = index + 1;
        ++count_;
        return -1;
      }
      if (processes_[slots_[i] - 1].name == name) return slots_[i] - 1;
    }
  }

 private:
  void grow() {
    std::vector<std::uint32_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t v : old) {
      if (v == 0) continue;
      std::size_t i = std::hash<std::string>()(processes_[v - 1].name) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = v;
    }
  }

  const std::vector<ProcessSpec>& processes_;
  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

class Loader {
 public:
  Loader(YamlCursor& y, const LoadLimits& limits) : y_(y), limits_(limits), names_(w_.processes) {
    w_.source = y.source();
  }

  Workload load() {
    y_.expect(YAML_STREAM_START_EVENT, "a YAML stream");
    if (y_.type() == YAML_STREAM_END_EVENT)
      y_.fail(SourcePos{1, 1}, "the file is empty: expected a mapping with a 'processes' list");
    y_.expect(YAML_DOCUMENT_START_EVENT, "a YAML document");
    if (y_.type() != YAML_MAPPING_START_EVENT)
      y_.fail(fmt::format("expected a mapping with a 'processes' list, got {}", describe(y_)));
    read_root();
    y_.expect(YAML_DOCUMENT_END_EVENT, "the end of the document");
    if (y_.type() != YAML_STREAM_END_EVENT) y_.fail("only one YAML document per workload file");
    return std::move(w_);
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

  // Read a mapping, calling on_key(key, key position) with the cursor on each value. The
  // handler must consume the value. Rejects a key given twice.
  void read_mapping(std::string_view what, const std::function<void(std::string_view, SourcePos)>& on_key) {
    if (y_.type() != YAML_MAPPING_START_EVENT) y_.fail(fmt::format("expected {} (a mapping), got {}", what, describe(y_)));
    y_.next();
    std::vector<std::string> seen;
    while (y_.type() != YAML_MAPPING_END_EVENT) {
      const SourcePos at = y_.pos();
      std::string key(key_name());
      for (const std::string& k : seen)
        if (k == key) y_.fail(at, fmt::format("key '{}' given twice in {}", key, what));
      seen.push_back(key);
      y_.next();
      on_key(key, at);
    }
    y_.next();
  }

  [[noreturn]] void unknown_key(SourcePos at, std::string_view key, std::string_view where, std::string_view known) {
    y_.fail(at, fmt::format("unknown key '{}' in {} (expected one of: {})", key, where, known));
  }

  void read_root() {
    const SourcePos root = y_.pos();
    bool have_processes = false;
    read_mapping("the workload", [&](std::string_view key, SourcePos at) {
      if (key == "name") {
        w_.name = read_string(key);
      } else if (key == "cpus") {
        w_.cpus = static_cast<std::uint32_t>(read_int(key, 1, limits_.max_cpus, "a whole number of CPUs"));
      } else if (key == "processes") {
        read_processes();
        have_processes = true;
      } else {
        unknown_key(at, key, "the workload", "name, cpus, processes");
      }
    });
    if (!have_processes) y_.fail(root, "the workload has no 'processes' list");
  }

  void read_processes() {
    const SourcePos at = y_.pos();
    if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'processes' expects a list, got {}", describe(y_)));
    y_.next();
    while (y_.type() != YAML_SEQUENCE_END_EVENT) {
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
    SourcePos program_at{};
    read_mapping("a process", [&](std::string_view key, SourcePos at) {
      if (key == "name") {
        name_at = y_.pos();
        p.name = read_string(key);
        have_name = true;
      } else if (key == "arrival") {
        p.arrival = read_ticks(key, 0);
      } else if (key == "priority") {
        p.priority = static_cast<int>(read_int(key, -1'000'000, 1'000'000, "a whole number"));
      } else if (key == "tickets") {
        p.tickets = static_cast<int>(read_int(key, 1, 1'000'000, "a whole number of tickets"));
      } else if (key == "nice") {
        p.nice = static_cast<int>(read_int(key, -20, 19, "a whole number from -20 to 19"));
      } else if (key == "burst" || key == "program") {
        if (have_program) y_.fail(at, fmt::format("a process has either 'burst' or 'program', not both"));
        have_program = true;
        program_at = at;
        if (key == "burst") {
          const Ticks t = read_ticks(key, 1);
          p.program = w_.add_program({cpu_step(t)});
        } else {
          p.program = read_program(1, "program");
        }
      } else if (key == "affinity") {
        p.affinity = read_affinity();
      } else {
        unknown_key(at, key, "a process", "name, arrival, priority, tickets, nice, burst, program, affinity");
      }
    });
    if (!have_name) y_.fail(start, "a process needs a 'name'");
    if (!have_program) y_.fail(start, fmt::format("process '{}' needs a 'program' or a 'burst'", p.name));
    p.pos = name_at;
    w_.processes.push_back(std::move(p));
    const std::int64_t earlier = names_.insert(static_cast<std::uint32_t>(w_.processes.size() - 1));
    if (earlier >= 0) {
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
    return w_.add_program(buffers_[depth]);
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
    const std::string key(key_name());
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
    read_mapping("'repeat'", [&](std::string_view key, SourcePos key_at) {
      if (key == "times") {
        if (y_.is_scalar() && y_.plain() && y_.scalar() == "forever") {
          times = -1;
          y_.next();
        } else {
          times = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number or 'forever'");
        }
      } else if (key == "program") {
        body = read_program(depth + 1, "program");
        have_body = true;
      } else {
        unknown_key(key_at, key, "'repeat'", "times, program");
      }
    });
    if (times == -2) y_.fail(at, "'repeat' needs 'times' (a number or 'forever')");
    if (!have_body) y_.fail(at, "'repeat' needs a 'program'");
    return Step{Op::Repeat, 0, 0, body, times};
  }

  static constexpr const char* kStepNames = "cpu, io, sleep, yield, exit, repeat";

  YamlCursor& y_;
  const LoadLimits& limits_;
  Workload w_;
  NameIndex names_;
  std::vector<std::vector<Step>> buffers_;
};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

Workload load_workload_file(const std::string& path, const LoadLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, 0, 0, "is a directory, not a workload file");
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw InputError(path, 0, 0, fmt::format("cannot open: {}", std::strerror(errno)));
  // A large read buffer: libyaml's own input chunks are small.
  std::vector<char> buffer(1 << 20);
  std::setvbuf(file.get(), buffer.data(), _IOFBF, buffer.size());
  detail::YamlCursor cursor(path, file.get());
  return Loader(cursor, limits).load();
}

Workload load_workload_string(std::string_view yaml, const std::string& source, const LoadLimits& limits) {
  detail::YamlCursor cursor(source, yaml);
  return Loader(cursor, limits).load();
}

}  // namespace schedlab

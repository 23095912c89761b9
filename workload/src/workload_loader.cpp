// Opening workload files, and reading big ones with two parsers at once.
//
// libyaml parses about 45 MB/s on one core, so a 70 MB workload of 10^6 processes would
// spend most of a run's time in the parser. A large file whose processes form a block
// list (`processes:` at column 0, one entry per `- ` line, which is what `schedlab gen`
// writes and most people write) is read in two halves at once: the second parser starts
// at a process entry in the middle of the file, behind a made-up `processes:` line that
// gives it the same context. The split is only a guess until the first parser, reading
// the real file, arrives exactly at that entry; if it does not, the second half is thrown
// away and the file is read the ordinary way. Errors are reported in file order either
// way, with true line numbers. (The second part's tables are renumbered onto the first's
// by workload_append.cpp.)
#include <schedlab/workload_loader.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>

#include <schedlab/detail/huge_pages.hpp>

#include "workload_append.hpp"
#include "workload_schema.hpp"

namespace schedlab {

namespace {

using detail::NameIndex;
using detail::SchemaNotes;
using detail::SchemaResult;
using detail::StopAt;
using detail::YamlCursor;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, 0, 0, "is a directory, not a workload file");
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) throw InputError(path, 0, 0, fmt::format("cannot open: {}", std::strerror(errno)));
  return file;
}

// About how many processes a file of `bytes` holds (schedlab gen writes ~73 bytes a
// process; a guess too low only means the name index grows).
std::size_t expected_processes(std::uintmax_t bytes) {
  return static_cast<std::size_t>(std::min<std::uintmax_t>(bytes / 64, 50'000'000));
}

// Untouched reserved memory costs nothing; growing vectors of millions by copying does.
void reserve_for(Workload& w, std::uintmax_t bytes) {
  const auto lines = static_cast<std::size_t>(std::min<std::uintmax_t>(bytes / 40, 50'000'000));
  detail::reserve_on_huge_pages(w.processes, lines);
  detail::reserve_on_huge_pages(w.programs, lines);
  detail::reserve_on_huge_pages(w.steps, lines * 3);
}

// A file read through a 1 MB buffer (libyaml's own reads are small). The buffer is
// declared first so that it outlives the stream, as setvbuf() requires.
struct BufferedFile {
  explicit BufferedFile(const std::string& path) : buffer(1 << 20), file(open_file(path)) {
    std::setvbuf(file.get(), buffer.data(), _IOFBF, buffer.size());
  }
  std::FILE* get() const { return file.get(); }

  std::vector<char> buffer;
  File file;
};

void read_whole(const std::string& path, const LoadLimits& limits, Workload& w) {
  BufferedFile file(path);
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  reserve_for(w, size);
  YamlCursor cursor(path, file.get());
  NameIndex names(w.processes, ec ? 0 : expected_processes(size));
  SchemaNotes notes;
  detail::read_workload(cursor, limits, w, names, notes, StopAt{});
  detail::resolve_workload(w, notes, names, path);
}

// ---- splitting ------------------------------------------------------------------------

struct Split {
  std::uint64_t offset = 0;  // byte where the second part starts (a process entry)
  StopAt at;                 // the same place as line and column
};

std::size_t read_at(std::FILE* f, std::uint64_t offset, char* out, std::size_t size) {
  if (std::fseek(f, static_cast<long>(offset), SEEK_SET) != 0) return 0;
  return std::fread(out, 1, size, f);
}

std::optional<Split> find_split(std::FILE* f, std::uintmax_t size) {
  // The head: `processes:` at column 0, then its first entry `<indent>- `.
  std::string head(64 * 1024, '\0');
  head.resize(read_at(f, 0, head.data(), head.size()));
  if (head.empty() || head[0] == '%') return std::nullopt;  // directives would not reach the second parser
  std::size_t key = head.rfind("processes:", 0) == 0 ? 0 : head.find("\nprocesses:");
  if (key == std::string::npos) return std::nullopt;
  if (key != 0) ++key;
  std::size_t line = head.find('\n', key);
  std::size_t indent = std::string::npos;
  while (line != std::string::npos && indent == std::string::npos) {
    const std::size_t start = line + 1;
    const std::size_t end = head.find('\n', start);
    if (end == std::string::npos) return std::nullopt;
    const std::size_t text = head.find_first_not_of(' ', start);
    if (text < end && head[text] == '-' && text + 1 < end && head[text + 1] == ' ') indent = text - start;
    else if (text < end && head[text] != '#') return std::nullopt;  // not a block list
    line = end;
  }
  if (indent == std::string::npos) return std::nullopt;
  // The middle: the first line there that starts an entry at the same indentation.
  const std::string marker = fmt::format("\n{:{}}- ", "", indent);
  std::string middle(256 * 1024, '\0');
  const std::uint64_t mid = size / 2;
  middle.resize(read_at(f, mid, middle.data(), middle.size()));
  const std::size_t hit = middle.find(marker);
  if (hit == std::string::npos) return std::nullopt;
  Split split;
  split.offset = mid + hit + 1;
  // Its line number: count the newlines before it.
  std::uint64_t newlines = 0;
  std::vector<char> buf(1 << 20);
  for (std::uint64_t pos = 0; pos < split.offset;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), split.offset - pos));
    const std::size_t got = read_at(f, pos, buf.data(), want);
    if (got == 0) return std::nullopt;
    for (const char* p = buf.data(); (p = static_cast<const char*>(std::memchr(p, '\n', buf.data() + got - p)));
         ++p)
      ++newlines;
    pos += got;
  }
  if (newlines + 1 > UINT32_MAX) return std::nullopt;
  split.at = StopAt{static_cast<std::uint32_t>(newlines + 1), static_cast<std::uint32_t>(indent + 1)};
  return split;
}

// The second parser's input: a `processes:` line, then the file from the split on.
struct SecondHalfInput {
  std::FILE* file = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  std::size_t prefix_left = 0;
  static constexpr std::string_view kPrefix = "processes:\n";

  static int read(void* data, unsigned char* buffer, size_t size, size_t* size_read) {
    auto* self = static_cast<SecondHalfInput*>(data);
    if (self->cancel->load(std::memory_order_relaxed)) {
      *size_read = 0;  // end of input: the parser stops soon
      return 1;
    }
    if (self->prefix_left > 0) {
      const std::size_t n = std::min(size, self->prefix_left);
      std::memcpy(buffer, kPrefix.data() + (kPrefix.size() - self->prefix_left), n);
      self->prefix_left -= n;
      *size_read = n;
      return 1;
    }
    *size_read = std::fread(buffer, 1, size, self->file);
    return std::ferror(self->file) ? 0 : 1;
  }
};

// The second part of a split read, filled by its own thread.
struct SecondPart {
  Workload w;
  SchemaNotes notes;
  SchemaResult result;
  std::exception_ptr error;  // what reading it threw, rethrown only if the first part gets there
};

// The worker thread's job: read the file from the split on into `out`. Stops early (with
// a partial result, never used) once `cancel` is set.
void read_second_part(const std::string& path, const LoadLimits& limits, const Split& split, std::uintmax_t size,
                      const std::atomic<bool>& cancel, SecondPart& out) {
  try {
    BufferedFile file(path);
    std::fseek(file.get(), static_cast<long>(split.offset), SEEK_SET);
    SecondHalfInput input{file.get(), &cancel, SecondHalfInput::kPrefix.size()};
    // Line 2 of the made-up text is the file's line split.at.line.
    YamlCursor cursor(path, &SecondHalfInput::read, &input, split.at.line - 2);
    reserve_for(out.w, size - split.offset);
    NameIndex names(out.w.processes, expected_processes(size - split.offset));
    detail::read_workload(cursor, limits, out.w, names, out.notes, StopAt{}, &out.result);
  } catch (...) {
    out.error = std::current_exception();
  }
}

// The second part's root keys (its made-up `processes` aside) must not repeat the
// first's; the scalars it gives replace the first's defaults. (The tables -- shared,
// locks, programs... -- are merged by append_workload().)
void take_root_keys(const std::string& path, Workload& w, const SchemaResult& first, const SecondPart& second) {
  for (std::size_t i = 1; i < second.result.root_keys.size(); ++i) {
    const auto& [key, at] = second.result.root_keys[i];
    for (const auto& [k, unused] : first.root_keys)
      if (k == key) throw InputError(path, at.line, at.column, fmt::format("key '{}' given twice in the workload", key));
  }
  for (std::size_t i = 1; i < second.result.root_keys.size(); ++i) {
    const std::string& key = second.result.root_keys[i].first;
    if (key == "name") w.name = second.w.name;
    if (key == "cpus") w.cpus = second.w.cpus;
    if (key == "limits") w.max_processes = second.w.max_processes;
    if (key == "horizon") w.horizon = second.w.horizon;
    if (key == "on_miss") w.on_miss = second.w.on_miss;
    if (key == "costs") {
      w.fork_cost = second.w.fork_cost;
      w.thread_cost = second.w.thread_cost;
    }
  }
}

// Each part checked its own process names; those of the second part (from index
// `first_count` on) must also differ from the first's.
void check_second_part_names(const std::string& path, const Workload& w, NameIndex& names, std::size_t first_count) {
  for (std::size_t i = first_count; i < w.processes.size(); ++i) {
    const std::int64_t earlier = names.insert(static_cast<std::uint32_t>(i));
    if (earlier >= 0) {
      const ProcessSpec& p = w.processes[i];
      throw InputError(path, p.pos.line, p.pos.column,
                       fmt::format("duplicate process name '{}' (first used at line {})", p.name,
                                   w.processes[static_cast<std::size_t>(earlier)].pos.line));
    }
  }
}

// Join the second part onto the first (`w`, `notes`, `names`), as if one parser had read
// both.
void join_parts(const std::string& path, const LoadLimits& limits, Workload& w, SchemaNotes& notes, NameIndex& names,
                const SchemaResult& first, SecondPart& second) {
  take_root_keys(path, w, first, second);
  const std::size_t first_count = w.processes.size();
  if (first_count + second.w.processes.size() > limits.max_processes)
    throw InputError(path, second.w.processes[limits.max_processes - first_count].pos.line, 0,
                     fmt::format("too many processes (at most {})", limits.max_processes));
  detail::append_workload(w, notes, std::move(second.w), std::move(second.notes));
  check_second_part_names(path, w, names, first_count);
}

// Read `path` in two parts at once. Returns false (and leaves `w` empty) when the split
// guess turns out wrong and the file must be read the ordinary way.
bool read_split(const std::string& path, const LoadLimits& limits, const Split& split, std::uintmax_t size,
                Workload& w) {
  std::atomic<bool> cancel{false};
  SecondPart second;
  std::thread worker([&] { read_second_part(path, limits, split, size, cancel, second); });
  struct Joiner {  // however this function ends, the worker is stopped before `second` dies
    std::thread& t;
    std::atomic<bool>& cancel;
    ~Joiner() {
      cancel = true;
      if (t.joinable()) t.join();
    }
  } joiner{worker, cancel};

  BufferedFile file(path);
  reserve_for(w, size);
  YamlCursor cursor(path, file.get());
  NameIndex names(w.processes, expected_processes(size));  // the second part's names join it
  SchemaNotes notes;
  SchemaResult first;
  detail::read_workload(cursor, limits, w, names, notes, split.at, &first);
  if (!first.stopped) {  // the process list ended before the split: all read
    detail::resolve_workload(w, notes, names, path);
    return true;
  }
  if (!first.reached_stop) {  // the guess was wrong
    w = Workload();
    return false;
  }
  worker.join();
  if (second.error) std::rethrow_exception(second.error);
  join_parts(path, limits, w, notes, names, first, second);
  detail::resolve_workload(w, notes, names, path);
  return true;
}

}  // namespace

Workload load_workload_file(const std::string& path, const LoadLimits& limits) {
  Workload w;
  w.source = path;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
  if (size >= limits.split_threshold && size > 0 && std::thread::hardware_concurrency() >= 2) {
    File probe = open_file(path);
    if (const std::optional<Split> split = find_split(probe.get(), size)) {
      probe.reset();
      if (read_split(path, limits, *split, size, w)) {
        w.source = path;
        return w;
      }
    }
  }
  read_whole(path, limits, w);
  w.source = path;
  return w;
}

Workload load_workload_string(std::string_view yaml, const std::string& source, const LoadLimits& limits) {
  Workload w;
  w.source = source;
  YamlCursor cursor(source, yaml);
  NameIndex names(w.processes);
  SchemaNotes notes;
  detail::read_workload(cursor, limits, w, names, notes, StopAt{});
  detail::resolve_workload(w, notes, names, source);
  return w;
}

}  // namespace schedlab

#include <schedlab/report/sweep_checkpoint.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

#include <schedlab/errors.hpp>

#include <schedlab/report/atomic_file.hpp>
#include <schedlab/report/compare_report.hpp>

namespace schedlab::report {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read this file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

SweepIdentity read_identity(const std::string& path) {
  try {
    const json doc = json::parse(read_all(path));
    if (doc.value("schedlab", "") != "checkpoint" || doc.value("format", 0) != 1)
      throw InputError(path, 0, 0, "not a schedlab checkpoint (format 1)");
    SweepIdentity id;
    for (const json& pair : doc.at("sweep")) id.emplace_back(pair.at(0), pair.at(1));
    return id;
  } catch (const json::exception& e) {
    throw InputError(path, 0, 0, fmt::format("damaged checkpoint description: {}", e.what()));
  }
}

void write_identity(const std::string& path, const SweepIdentity& identity) {
  json sweep = json::array();
  for (const auto& [what, value] : identity) sweep.push_back({what, value});
  const json doc{{"schedlab", "checkpoint"}, {"format", 1}, {"sweep", sweep}};
  write_file_atomically(path, doc.dump(1) + "\n");
}

// Every pair that differs, as "--seeds is 1..10 here but 1..20 in the checkpoint".
std::string differences(const SweepIdentity& saved, const SweepIdentity& now) {
  std::vector<std::string> out;
  auto find = [](const SweepIdentity& id, const std::string& what) -> const std::string* {
    for (const auto& [w, v] : id)
      if (w == what) return &v;
    return nullptr;
  };
  for (const auto& [what, value] : now) {
    const std::string* old = find(saved, what);
    if (!old) out.push_back(fmt::format("{} is '{}' here but not in the checkpoint", what, value));
    else if (*old != value) out.push_back(fmt::format("{} is '{}' here but '{}' in the checkpoint", what, value, *old));
  }
  for (const auto& [what, value] : saved)
    if (!find(now, what)) out.push_back(fmt::format("{} is '{}' in the checkpoint but not here", what, value));
  return fmt::format("{}", fmt::join(out, "; "));
}

[[noreturn]] void fail_errno(const std::string& what, const std::string& path) {
  throw WriteError(fmt::format("{} '{}': {}", what, path, std::strerror(errno)));
}

[[noreturn]] void fail_write(const std::string& path, const char* why) {
  throw WriteError(fmt::format("writing '{}' failed: {}", path, why));
}

}  // namespace

SweepCheckpoint::SweepCheckpoint(const std::string& dir, const SweepIdentity& identity, const SweepResults& grid)
    : dir_(dir), log_path_((fs::path(dir) / "cells.log").string()), last_sync_(std::chrono::steady_clock::now()) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw WriteError(fmt::format("cannot create the checkpoint directory '{}': {}", dir, ec.message()));
  fd_ = ::open(log_path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) fail_errno("cannot open", log_path_);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw WriteError(fmt::format("the checkpoint '{}' is in use by another schedlab", dir));
  }
  try {
    load(identity, grid);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

void SweepCheckpoint::load(const SweepIdentity& identity, const SweepResults& grid) {
  const std::string manifest = (fs::path(dir_) / "sweep.json").string();
  const std::string log = read_all(log_path_);
  if (fs::exists(manifest)) {
    const std::string diff = differences(read_identity(manifest), identity);
    if (!diff.empty())
      throw InputError(manifest, 0, 0,
                       fmt::format("this checkpoint is of another sweep: {} (give another --checkpoint directory, "
                                   "or delete this one to start over)",
                                   diff));
  } else if (!log.empty()) {
    throw InputError(manifest, 0, 0, "missing, but the checkpoint holds results: delete the directory to start over");
  } else {
    write_identity(manifest, identity);
  }

  // Load every complete, checksummed record; the first one that is not ends the good part.
  const std::size_t metrics = compare_metrics().size();
  std::size_t good = 0;
  std::vector<bool> seen(grid.cell_count(), false);
  while (good < log.size()) {
    const std::size_t nl = log.find('\n', good);
    const std::size_t end = nl == std::string::npos ? log.size() : nl + 1;
    CellResult c;
    if (!decode_cell_record(std::string_view(log).substr(good, end - good), metrics, c)) break;
    if (c.cell >= grid.cell_count() || !grid.shard.holds(c.cell))
      throw InputError(log_path_, 0, 0, fmt::format("a record for cell {}, which is not in this sweep", c.cell));
    if (!seen[c.cell]) {
      seen[c.cell] = true;
      saved_.push_back(std::move(c));
    }
    good = end;
  }
  if (good < log.size()) {
    dropped_ = log.size() - good;
    if (::ftruncate(fd_, static_cast<off_t>(good)) != 0 || ::fsync(fd_) != 0) fail_errno("cannot repair", log_path_);
  }
  std::sort(saved_.begin(), saved_.end(), [](const CellResult& a, const CellResult& b) { return a.cell < b.cell; });
}

SweepCheckpoint::~SweepCheckpoint() {
  if (fd_ < 0) return;
  ::fdatasync(fd_);  // the last second's records; an error here only costs re-running them
  ::close(fd_);      // also releases the lock
}

void SweepCheckpoint::record(const CellResult& cell) {
  const std::string line = encode_cell_record(cell);
  bool sync = false;
  {
    // One write() per record, under the lock: records never interleave, and a kill leaves
    // at most the last one torn.
    std::lock_guard lock(mutex_);
    const ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0) fail_write(log_path_, std::strerror(errno));
    if (static_cast<std::size_t>(n) != line.size()) fail_write(log_path_, "short write");
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sync_ >= kSyncInterval) {
      last_sync_ = now;
      sync = true;
    }
  }
  if (sync && ::fdatasync(fd_) != 0) fail_write(log_path_, std::strerror(errno));
}

}  // namespace schedlab::report

// A sweep's checkpoint directory (`compare --checkpoint DIR`): every finished cell is
// recorded as it ends, so a sweep killed by a crash, kill -9 or Ctrl-C and run again with
// the same command runs only the cells that are missing, and prints exactly what an
// uninterrupted run prints (a saved record restores its CellResult bit for bit).
//
// DIR holds two files:
//   sweep.json  what the sweep is: (option, value) pairs that decide its results, written
//               once with AtomicFile. A command whose pairs differ is refused (InputError,
//               exit 2) with every pair that differs named.
//   cells.log   one line per finished cell, appended with a single write(), ending in a
//               CRC-32 of the line. Once write() returns, the record survives the process
//               (kill -9, a crash, Ctrl-C); it is fdatasync'd at most a second later, so a
//               power cut or kernel panic costs at most the last second of runs. (A sync per
//               record cost ~5 ms here, 50 times a small run: docs/performance.md.) An append-only log (rather than AtomicFile's
//               rename per record) so that a sweep of a million cells is one file; the cost
//               is that a kill can leave a torn last line. Loading stops at the first line
//               that is incomplete or fails its checksum, truncates the log there and
//               reports how many bytes it dropped: those cells simply run again. A record is
//               never trusted without its checksum.
// The log is flock'ed while a sweep uses it, so two processes cannot share a checkpoint.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <schedlab/report/sweep_results.hpp>

namespace schedlab::report {

// What decides a sweep's results, as (what, value) pairs: ("--seeds", "1..20").
using SweepIdentity = std::vector<std::pair<std::string, std::string>>;

class SweepCheckpoint {
 public:
  // Opens or creates DIR for the sweep `identity` whose cells are `grid` (for checking that
  // saved cells belong to it). Throws InputError (a different sweep, a damaged sweep.json),
  // WriteError (cannot create or lock).
  SweepCheckpoint(const std::string& dir, const SweepIdentity& identity, const SweepResults& grid);
  ~SweepCheckpoint();
  SweepCheckpoint(const SweepCheckpoint&) = delete;
  SweepCheckpoint& operator=(const SweepCheckpoint&) = delete;

  const std::string& dir() const { return dir_; }
  // The cells saved by earlier runs, ascending, one per cell.
  const std::vector<CellResult>& saved() const { return saved_; }
  // Bytes of a torn or damaged tail that loading dropped (0 normally).
  std::uint64_t dropped_bytes() const { return dropped_; }
  // Appends one finished cell durably (thread-safe). Throws WriteError.
  void record(const CellResult& cell);

 private:
  void load(const SweepIdentity& identity, const SweepResults& grid);

  std::string dir_;
  std::string log_path_;
  int fd_ = -1;
  std::mutex mutex_;
  std::vector<CellResult> saved_;
  std::uint64_t dropped_ = 0;
  static constexpr std::chrono::seconds kSyncInterval{1};
  std::chrono::steady_clock::time_point last_sync_;  // guarded by mutex_
};

// One log line (with its '\n') for `cell`, and back: decode_cell_record returns false for
// a line that is malformed or fails its checksum. `metrics` is how many metrics a record has.
std::string encode_cell_record(const CellResult& cell);
bool decode_cell_record(std::string_view line, std::size_t metrics, CellResult& cell);

}  // namespace schedlab::report

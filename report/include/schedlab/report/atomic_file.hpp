// A file that is written whole or not at all. The bytes go to a temporary file in the
// same directory (".NAME.tmp.XXXXXX"); commit() flushes, fsyncs and renames it over NAME,
// so a reader, a crash or a full disk never sees half a file, and an earlier file at that
// path stays as it was until the new one is complete. Every file schedlab writes goes
// through this (outputs, reports, traces, shards, generated workloads, checkpoints).
//
// A path that exists and is not a regular file (/dev/stdout, /dev/full, a FIFO) is
// written in place: there is nothing to rename over. A symbolic link is followed, so the
// link stays and its target is replaced.
//
// Errors throw WriteError, a std::runtime_error (exit 1), as one line naming the file:
// "cannot write 'PATH': Permission denied", "writing 'PATH' failed: No space left on device".
#pragma once

#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

namespace schedlab::report {

class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);
  ~AtomicFile();  // not committed: the temporary file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream();
  // Flush, fsync, rename into place (and fsync the directory). Throws WriteError.
  void commit();
  const std::string& path() const { return path_; }

 private:
  class FdBuffer;
  std::string path_;       // as given, for messages
  std::string target_;     // where the file ends up (a link's target)
  std::string temporary_;  // empty when written in place
  std::unique_ptr<FdBuffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  bool committed_ = false;
};

// Writes `text` to `path` atomically (AtomicFile). Throws WriteError.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace schedlab::report

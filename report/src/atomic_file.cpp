#include <schedlab/report/atomic_file.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <streambuf>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace schedlab::report {

namespace fs = std::filesystem;

// A stream buffer over a file descriptor that remembers the first write error (errno), so
// the message can say why ("No space left on device") rather than just that it failed.
class AtomicFile::FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  ~FdBuffer() override { close_fd(); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;

  int error() const { return error_; }
  int fd() const { return fd_; }
  // Close once; a failing close (NFS reports write errors there) counts as a write error.
  void close_fd() {
    if (fd_ < 0) return;
    if (::close(fd_) != 0 && error_ == 0) error_ = errno;
    fd_ = -1;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

namespace {

// The mode a new file gets from open(2): 0666 less the umask, read once (umask() both
// reads and sets it, so it is not called again while other threads may create files).
mode_t new_file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

std::string reason(int error) { return std::strerror(error); }

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(path), target_(path) {
  if (path.empty()) throw WriteError("cannot write a file with an empty name");
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(target_, ec))) target_ = fs::weakly_canonical(target_, ec).string();
  struct stat st {};
  const bool exists = ::stat(target_.c_str(), &st) == 0;
  int fd = -1;
  if (exists && !S_ISREG(st.st_mode)) {
    fd = ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  } else {
    const fs::path p(target_);
    // fmt, not operator+ on std::string: GCC 12 at -O3 warns a false -Wrestrict there
    // (GCC bug 105329).
    temporary_ = (p.parent_path() / fmt::format(".{}.tmp.XXXXXX", p.filename().string())).string();
    fd = ::mkostemp(temporary_.data(), O_CLOEXEC);
    if (fd >= 0 && ::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode()) != 0) {
      const int e = errno;
      ::close(fd);
      ::unlink(temporary_.c_str());
      errno = e;
      fd = -1;
    }
    if (fd < 0) temporary_.clear();
  }
  if (fd < 0) throw WriteError(fmt::format("cannot write '{}': {}", path_, reason(errno)));
  buffer_ = std::make_unique<FdBuffer>(fd);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (buffer_) buffer_->close_fd();
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

std::ostream& AtomicFile::stream() { return *stream_; }

void AtomicFile::commit() {
  if (committed_) return;
  stream_->flush();
  // fsync before the rename: otherwise a crash can leave the new name on empty blocks.
  if (buffer_->error() == 0 && !temporary_.empty() && ::fsync(buffer_->fd()) != 0)
    throw WriteError(fmt::format("writing '{}' failed: {}", path_, reason(errno)));
  buffer_->close_fd();
  if (buffer_->error() != 0 || !*stream_)
    throw WriteError(fmt::format("writing '{}' failed: {}", path_, reason(buffer_->error() ? buffer_->error() : EIO)));
  if (!temporary_.empty()) {
    if (::rename(temporary_.c_str(), target_.c_str()) != 0)
      throw WriteError(fmt::format("writing '{}' failed: {}", path_, reason(errno)));
    const std::string dir = fs::path(target_).parent_path().string();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);  // the rename itself made durable; a directory that cannot be synced is no error
      ::close(dfd);
    }
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  file.commit();
}

}  // namespace schedlab::report

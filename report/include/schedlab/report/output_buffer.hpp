// Formatted output to a stream through a buffer that is flushed every megabyte, so a
// report on a million processes never sits whole in memory. Plus the two text rules
// every format shares: JSON string escaping and numbers that always read back.
#pragma once

#include <fmt/format.h>
#include <ostream>
#include <string_view>

namespace schedlab::report {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& os) : os_(os) {}
  ~OutputBuffer() { flush(); }
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  template <typename... Args>
  void print(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(buf_), f, std::forward<Args>(args)...);
    if (buf_.size() > (1u << 20)) flush();
  }
  void write(std::string_view s) {
    buf_.append(s.data(), s.data() + s.size());
    if (buf_.size() > (1u << 20)) flush();
  }
  void flush() {
    os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  fmt::memory_buffer& raw() { return buf_; }

 private:
  std::ostream& os_;
  fmt::memory_buffer buf_;
};

// `s` as a JSON string literal, quotes included.
void append_json_string(fmt::memory_buffer& out, std::string_view s);
// A double as JSON: shortest round-trip form, always with a '.' or exponent.
void append_json_double(fmt::memory_buffer& out, double v);
// `s` as a CSV field (quoted when it holds a comma, quote or newline).
void append_csv_field(fmt::memory_buffer& out, std::string_view s);

}  // namespace schedlab::report

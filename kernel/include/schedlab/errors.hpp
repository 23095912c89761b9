// Error types. Every error a user can cause carries enough context to be printed as one
// line: `FILE:LINE:COL: error: what is wrong (the offending value, what was expected)`.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace schedlab {

// Bad input: a workload file, a policy spec, a command-line value. Exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::uint32_t line, std::uint32_t column, const std::string& message)
      : std::runtime_error(message), file_(std::move(file)), line_(line), column_(column) {}
  explicit InputError(const std::string& message) : InputError("", 0, 0, message) {}

  const std::string& file() const { return file_; }
  std::uint32_t line() const { return line_; }
  std::uint32_t column() const { return column_; }

  // "FILE:LINE:COL: error: MESSAGE", leaving out the parts that are unknown.
  std::string formatted() const {
    std::string out;
    if (!file_.empty()) {
      out += file_;
      if (line_ != 0) {
        out += ':' + std::to_string(line_);
        if (column_ != 0) out += ':' + std::to_string(column_);
      }
      out += ": ";
    }
    out += "error: ";
    out += what();
    return out;
  }

 private:
  std::string file_;
  std::uint32_t line_;
  std::uint32_t column_;
};

// A bad command-line value (an option, a --seeds or --shard list, a gen: spec): printed as
// "schedlab CMD: error: ..." with a hint to the command's --help. Exit code 2. Thrown by
// the libraries that parse such values too (lab's generator specs, report's shard lists),
// so that the message is the same wherever the value came from.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A policy broke the contract of policy.hpp (picked a task that is not ready, enqueued a
// task twice...). Raised by the kernel, reported with the policy's name. Exit code 1.
class PolicyError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// The kernel's own invariants failed: a bug in schedlab. Exit code 1.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace schedlab

// Ctrl-C for the long commands (compare, explore). catch_interrupts() installs a SIGINT
// handler that only sets a flag; sweeps and explore poll it between runs, stop starting
// new ones, and throw Interrupted saying how far they got. The face prints that line and
// exits 130 (128 + SIGINT, as a shell reports a process killed by Ctrl-C). A second Ctrl-C
// kills the process at once (the handler is reset after the first).
//
// A single run is not cut short: the flag is read between runs, so a sweep stops as soon
// as the runs in flight end (each a fraction of a second for the usual workload sizes).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace schedlab::lab {

class Interrupted : public std::runtime_error {
 public:
  Interrupted(const std::string& message, std::uint64_t done, std::uint64_t total)
      : std::runtime_error(message), done_(done), total_(total) {}
  std::uint64_t done() const { return done_; }
  std::uint64_t total() const { return total_; }

 private:
  std::uint64_t done_;
  std::uint64_t total_;
};

void catch_interrupts();
bool interrupted();
// For tests: as if Ctrl-C had (or had not) been pressed.
void set_interrupted(bool value);

}  // namespace schedlab::lab

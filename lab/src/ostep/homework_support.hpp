// Helpers the OSTEP homework models share: Python's str.split, printf's "%.Nf", and the
// mapping of the scripts' (possibly decimal) times onto the kernel's whole ticks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schedlab::lab::ostep {

// str.split(sep): empty fields kept ("a,,b" has three).
std::vector<std::string> split(std::string_view text, char sep);

// "%.Nf" % x, as C's printf and Python's % both round it (exactly, half to even on the
// binary value).
std::string fixed(double x, int digits);

// The smallest 10^k (k <= 6) that makes every value a whole number of ticks, each > 0 and
// at most 10^15 ticks. Throws UsageError naming `what` otherwise.
std::int64_t tick_scale(const std::vector<double>& values, const char* what);
std::int64_t to_ticks(double value, std::int64_t scale);

// The number N of a process named "jobN".
std::int64_t job_number(const std::string& process_name);

}  // namespace schedlab::lab::ostep

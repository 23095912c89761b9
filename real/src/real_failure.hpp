// How a real task's escaping exception is worded (shared by both backends).
#pragma once

#include <exception>
#include <string>

namespace schedlab::real::detail {

// "assertion failed: X" for real::require, "exception: WHAT" for other std::exceptions,
// "unknown exception" otherwise.
std::string describe_exception(std::exception_ptr error);

}  // namespace schedlab::real::detail

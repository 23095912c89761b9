// Python's number reading and printing where the OSTEP scripts' output depends on it:
// optparse's `type="int"` values, `float(str)`, `str(float)` and `'%d' % float`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schedlab::lab::ostep {

// A Python int of any size, as optparse read it.
struct PyInt {
  bool negative = false;
  std::vector<std::uint32_t> words{0};  // |value|, least significant 32-bit word first

  std::string str() const;             // str(n): decimal, with '-' when negative
  // The value when it fits in [-(2^63 - 1), 2^63 - 1]; otherwise std::out_of_range.
  std::int64_t to_int64() const;
  std::uint64_t magnitude64() const;   // |n|, when < 2^64; otherwise std::out_of_range
};

// optparse's int conversion: "0x.." hexadecimal, "0b.." binary, any other leading "0"
// octal (so "010" is 8), else decimal; then int(text, radix): surrounding whitespace, a
// sign and single underscores between digits allowed. Throws std::invalid_argument.
PyInt parse_optparse_int(std::string_view text);

// float(text) for decimal literals, "inf"/"infinity"/"nan" (any case, signed), with
// surrounding whitespace and single underscores between digits. Throws std::invalid_argument.
double parse_py_float(std::string_view text);

// str(x) / repr(x) of a float: the shortest digits that read back as x, in fixed
// notation for exponents -4..15 (always with a fractional part, "5.0"), else "1e-05",
// "1.5e+16"; "inf", "-inf", "nan".
std::string py_float_str(double x);

// '%d' % x for a finite float: int(x), truncated toward zero, in decimal.
std::string py_int_of_float(double x);

}  // namespace schedlab::lab::ostep

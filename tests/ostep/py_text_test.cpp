// Python's number reading and printing as the OSTEP scripts see it; the expected values are
// what python3 3.11 prints for the same inputs (repr(x), optparse's _parse_int, float(s)).
#include <gtest/gtest.h>

#include <cmath>

#include <schedlab/lab/ostep/py_text.hpp>

namespace {

using namespace schedlab::lab::ostep;

TEST(PyText, OptparseIntsAsPythonReadsThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"010", "8"},   {"0x1F", "31"}, {"0b101", "5"}, {"-5", "-5"}, {" 7 ", "7"}, {"1_000", "1000"},
      {"0o17", "15"}, {"0", "0"},     {"0b", "0"},    {"00", "0"},  {"-0", "0"},
      {"18446744073709551621", "18446744073709551621"}};
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_optparse_int(text).str(), value) << text;
  for (const char* bad : {"09", "-0x5", "1__0", "_1", "0x", "abc", "", "1_"})
    EXPECT_THROW(parse_optparse_int(bad), std::invalid_argument) << bad;
}

TEST(PyText, BigIntsKeepTheirWords) {
  const PyInt n = parse_optparse_int("-18446744073709551621");  // -(2^64 + 5)
  EXPECT_TRUE(n.negative);
  EXPECT_EQ(n.words, (std::vector<std::uint32_t>{5, 0, 1}));
  EXPECT_THROW(n.to_int64(), std::out_of_range);
  EXPECT_EQ(parse_optparse_int("-9").to_int64(), -9);
}

TEST(PyText, FloatsAsPythonReadsThem) {
  EXPECT_EQ(parse_py_float(" 1.5 "), 1.5);
  EXPECT_EQ(parse_py_float("1_0.2_5"), 10.25);
  EXPECT_EQ(parse_py_float(".5"), 0.5);
  EXPECT_EQ(parse_py_float("5."), 5.0);
  EXPECT_EQ(parse_py_float("1e3"), 1000.0);
  EXPECT_EQ(parse_py_float("+2"), 2.0);
  EXPECT_TRUE(std::isinf(parse_py_float("-inf")));
  for (const char* bad : {"", "1e", "abc", "1__0", "_1", "1,5"}) EXPECT_THROW(parse_py_float(bad), std::invalid_argument) << bad;
}

TEST(PyText, FloatReprAsPythonPrintsIt) {
  const std::pair<double, const char*> cases[] = {
      {5.0, "5.0"},       {0.1, "0.1"},       {1e16, "1e+16"},
      {1.5e16, "1.5e+16"}, {1e-5, "1e-05"},   {0.0001, "0.0001"},
      {123456789012345.6, "123456789012345.6"}, {1e15, "1000000000000000.0"},
      {-0.0, "-0.0"},     {0.1 + 0.2, "0.30000000000000004"}, {2.5e-7, "2.5e-07"}};
  for (const auto& [v, text] : cases) EXPECT_EQ(py_float_str(v), text);
  EXPECT_EQ(py_float_str(HUGE_VAL), "inf");
}

TEST(PyText, PercentDOfAFloatTruncates) {
  EXPECT_EQ(py_int_of_float(3.7), "3");
  EXPECT_EQ(py_int_of_float(-3.7), "-3");
  EXPECT_EQ(py_int_of_float(1e20), "100000000000000000000");
}

}  // namespace

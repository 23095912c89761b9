// Distributions of whole tick counts for the workload generator, written as
// `KIND:ARGS` on the command line:
//
//   const:V          always V
//   exp:MEAN         1 + geometric: the memoryless law on 1, 2, 3, ... with mean exactly MEAN
//   uniform:LO..HI   every whole number from LO to HI equally likely
//   pareto:MEAN      heavy tail: round(x_m / U^(1/shape)), at least 1, shape 1.5 by default;
//   pareto:MEAN/SHAPE  x_m = MEAN (SHAPE - 1) / SHAPE so the untruncated mean is MEAN
//
// A bare number V means const:V.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <schedlab/lab/random_source.hpp>

namespace schedlab::lab {

class BurstDistribution {
 public:
  enum class Kind : std::uint8_t { Const, Exp, Uniform, Pareto };

  static BurstDistribution constant(std::int64_t v) { return {Kind::Const, static_cast<double>(v), 0}; }
  static BurstDistribution exponential(double mean) { return {Kind::Exp, mean, 0}; }
  static BurstDistribution uniform(std::int64_t lo, std::int64_t hi) {
    return {Kind::Uniform, static_cast<double>(lo), static_cast<double>(hi)};
  }
  static BurstDistribution pareto(double mean, double shape) { return {Kind::Pareto, mean, shape}; }

  // Throws std::invalid_argument with a message naming what was expected. `minimum` is
  // the smallest value the distribution may produce (1 for durations, 0 for counts).
  static BurstDistribution parse(std::string_view text, std::int64_t minimum = 1);

  std::int64_t sample(RandomSource& random) const;
  // The mean of sample() (for Pareto: of the untruncated, unrounded law).
  double mean() const;
  // The canonical text, which parse() reads back: "exp:20", "uniform:2..5", "pareto:10/1.5".
  std::string text() const;
  Kind kind() const { return kind_; }

 private:
  BurstDistribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  Kind kind_;
  double a_;  // const: value; exp, pareto: mean; uniform: lo
  double b_;  // uniform: hi; pareto: shape
};

}  // namespace schedlab::lab

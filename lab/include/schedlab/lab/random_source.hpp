// Random numbers whose values are specified, so a seed gives the same workload on every
// machine and standard library: the bits come from std::mt19937_64 (its output sequence is
// fixed by the C++ standard) and every distribution is written here, never taken from
// <random> (whose std::*_distribution outputs are implementation-defined).
//
// The only platform dependence left is the last bit of std::log / std::pow in the
// exponential and Pareto transforms; they feed floor()/round() to whole ticks, so a
// difference would need a value within one ulp of an integer boundary.
#pragma once

#include <cstdint>
#include <random>

namespace schedlab::lab {

class RandomSource {
 public:
  // Independent streams of one seed: the same (seed, stream) gives the same sequence,
  // and changing how much one stream is used leaves the others untouched.
  RandomSource(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t bits() { return engine_(); }
  // Uniform on (0, 1]: never 0, so log() of it is finite.
  double unit_open_zero();
  // Uniform integer in [0, n) (n >= 1), without modulo bias (Lemire's method).
  std::uint64_t below(std::uint64_t n);
  // Uniform integer in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // Bernoulli(p).
  bool chance(double p) { return p >= 1.0 || (p > 0.0 && unit_open_zero() <= p); }
  // Continuous exponential with the given mean.
  double exponential(double mean);
  // 0, 1, 2, ... with P(k) = (1-p)^k p, mean (1-p)/p: the memoryless law on whole numbers.
  std::int64_t geometric(double p);

 private:
  std::mt19937_64 engine_;
};

// SplitMix64: spreads a seed into well-mixed engine seeds.
std::uint64_t splitmix64(std::uint64_t x);

}  // namespace schedlab::lab

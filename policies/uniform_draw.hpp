// A uniform draw in [0, n) from a 64-bit generator, for the randomised policies (lottery,
// random, pct): rejection sampling, so without the bias of a plain modulo, and the same
// on every platform (std::uniform_int_distribution is not), which a replayed seed needs.
#pragma once

#include <cstdint>
#include <random>

namespace schedlab::policies {

inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n: the draws below it would favour small results
  std::uint64_t x = rng();
  while (x < threshold) x = rng();
  return x % n;
}

}  // namespace schedlab::policies

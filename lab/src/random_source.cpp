#include <schedlab/lab/random_source.hpp>

#include <cmath>
#include <limits>

namespace schedlab::lab {

namespace {
__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang; __extension__ keeps -Wpedantic quiet
}  // namespace

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

RandomSource::RandomSource(std::uint64_t seed, std::uint64_t stream)
    : engine_(splitmix64(splitmix64(seed) ^ (stream * 0xd1b54a32d192ed03ULL))) {}

double RandomSource::unit_open_zero() {
  // 53 random bits -> k / 2^53 in [0, 1); 1 - that is in (0, 1].
  return 1.0 - static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

std::uint64_t RandomSource::below(std::uint64_t n) {
  // Lemire, "Fast random integer generation in an interval" (2019).
  Uint128 m = static_cast<Uint128>(engine_()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<Uint128>(engine_()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t RandomSource::between(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == std::numeric_limits<std::uint64_t>::max()) return static_cast<std::int64_t>(engine_());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span + 1));
}

double RandomSource::exponential(double mean) { return -std::log(unit_open_zero()) * mean; }

std::int64_t RandomSource::geometric(double p) {
  if (p >= 1.0) return 0;
  // Inversion: floor(log U / log(1 - p)) with U uniform on (0, 1].
  const double k = std::floor(std::log(unit_open_zero()) / std::log1p(-p));
  constexpr double kMax = 1e15;
  return k >= kMax ? static_cast<std::int64_t>(kMax) : static_cast<std::int64_t>(k);
}

}  // namespace schedlab::lab

#include <schedlab/lab/ostep/py_random.hpp>

#include <bit>
#include <stdexcept>
#include <string>

namespace schedlab::lab::ostep {

namespace {
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;
}  // namespace

PyRandom::PyRandom(std::uint64_t magnitude) {
  std::vector<std::uint32_t> words{static_cast<std::uint32_t>(magnitude)};
  if (magnitude >> 32) words.push_back(static_cast<std::uint32_t>(magnitude >> 32));
  seed_words(std::move(words));
}

void PyRandom::init_genrand(std::uint32_t s) {
  mt_[0] = s;
  for (std::size_t i = 1; i < kN; ++i)
    mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  index_ = kN;
}

void PyRandom::seed_words(std::vector<std::uint32_t> words) {
  // Python drops high zero words (the key is as long as the number), keeping one for 0.
  while (words.size() > 1 && words.back() == 0) words.pop_back();
  if (words.empty()) words.push_back(0);
  init_genrand(19650218U);
  std::size_t i = 1;
  std::size_t j = 0;
  const std::size_t len = words.size();
  for (std::size_t k = kN > len ? kN : len; k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + words[j] + static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (std::size_t k = kN - 1; k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
  }
  mt_[0] = 0x80000000U;  // the key cannot leave the state all zero
  index_ = kN;
}

void PyRandom::twist() {
  constexpr std::size_t kM = 397;
  for (std::size_t k = 0; k < kN; ++k) {
    const std::uint32_t y = (mt_[k] & kUpperMask) | (mt_[(k + 1) % kN] & kLowerMask);
    mt_[k] = mt_[(k + kM) % kN] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
  }
  index_ = 0;
}

std::uint32_t PyRandom::next_u32() {
  if (index_ >= kN) twist();
  std::uint32_t y = mt_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;
  return y;
}

double PyRandom::random() {
  const std::uint32_t a = next_u32() >> 5;
  const std::uint32_t b = next_u32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::uint64_t PyRandom::getrandbits(int k) {
  if (k < 0 || k > 64) throw std::invalid_argument("getrandbits: k must be in [0, 64]");
  if (k == 0) return 0;
  if (k <= 32) return next_u32() >> (32 - k);
  const std::uint64_t low = next_u32();
  const std::uint64_t high = next_u32() >> (64 - k);
  return low | (high << 32);
}

std::uint64_t PyRandom::randbelow(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("randbelow: n must be positive");
  const int k = std::bit_width(n);
  std::uint64_t r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

std::int64_t PyRandom::randrange(std::int64_t start, std::int64_t stop) {
  if (stop <= start)
    throw std::invalid_argument("empty range in randrange(" + std::to_string(start) + ", " + std::to_string(stop) + ")");
  const auto width = static_cast<std::uint64_t>(stop) - static_cast<std::uint64_t>(start);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(start) + randbelow(width));
}

std::size_t PyRandom::choice_index(std::size_t size) {
  if (size == 0) throw std::out_of_range("Cannot choose from an empty sequence");
  return static_cast<std::size_t>(randbelow(size));
}

}  // namespace schedlab::lab::ostep

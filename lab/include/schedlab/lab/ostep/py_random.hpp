// Python's `random` module, value for value, for the OSTEP homework scripts: the same seed
// gives the same problem here as under `python3`.
//
// What is reproduced (CPython 3.11, Modules/_randommodule.c and Lib/random.py, written
// anew from their documented algorithms):
// - the generator is MT19937 (Matsumoto and Nishimura, 1998) with its 2002 init_by_array;
// - seed(int) uses the absolute value, split into 32-bit words, least significant first
//   (one zero word for 0), as init_by_array's key;
// - random() is (a * 2^26 + b) / 2^53 with a = next >> 5 and b = next >> 6;
// - getrandbits(k) fills 32-bit words low first, the last one shifted right to k bits;
// - _randbelow(n) draws getrandbits(n.bit_length()) until the value is below n; randrange,
//   randint, choice and shuffle are built on it exactly as Lib/random.py builds them.
// Not reproduced: seeding from str/bytes/None, getstate/setstate, the other distributions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace schedlab::lab::ostep {

class PyRandom {
 public:
  // random.seed(n) for |n| < 2^64; seed_words() for larger magnitudes.
  explicit PyRandom(std::uint64_t magnitude = 0);
  // random.seed(n) with |n| given as 32-bit words, least significant first.
  void seed_words(std::vector<std::uint32_t> words);

  std::uint32_t next_u32();                  // genrand_uint32
  double random();                           // random.random()
  std::uint64_t getrandbits(int k);          // 0 <= k <= 64
  std::uint64_t randbelow(std::uint64_t n);  // random._randbelow(n), n >= 1
  // random.randrange(start, stop) and random.randint(a, b); throw std::invalid_argument
  // ("empty range ...") where Python raises ValueError.
  std::int64_t randrange(std::int64_t start, std::int64_t stop);
  std::int64_t randint(std::int64_t a, std::int64_t b) { return randrange(a, b + 1); }
  // random.choice(seq): the index it picks (throws std::out_of_range on an empty sequence).
  std::size_t choice_index(std::size_t size);
  template <typename T>
  void shuffle(std::vector<T>& x) {  // random.shuffle
    for (std::size_t i = x.size(); i-- > 1;) std::swap(x[i], x[randbelow(i + 1)]);
  }

 private:
  static constexpr std::size_t kN = 624;
  void init_genrand(std::uint32_t s);
  void twist();
  std::array<std::uint32_t, kN> mt_{};
  std::size_t index_ = kN;
};

}  // namespace schedlab::lab::ostep

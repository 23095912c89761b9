// An open-addressing set of process indices keyed by name: finds duplicate names among
// millions of processes with one small slot per entry and no node allocations. Each
// slot keeps part of the hash, so most probes never touch the names themselves.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <schedlab/workload.hpp>

#include <schedlab/detail/huge_pages.hpp>

namespace schedlab::detail {

class NameIndex {
 public:
  // `expected`: about how many names will go in. Sized for them up front, the table never
  // grows: growing re-hashes every name so far, a cache miss each at 10^6 processes.
  explicit NameIndex(const std::vector<ProcessSpec>& processes, std::size_t expected = 0) : processes_(&processes) {
    std::size_t size = 1024;
    while (size < 2 * expected + 2 && size < (std::size_t{1} << 31)) size *= 2;
    slots_.assign(size, 0);
    advise_huge_pages(slots_.data(), slots_.size() * sizeof(std::uint64_t));
  }

  // The index of the process named `name`, or -1.
  std::int64_t find(std::string_view name) const {
    const std::uint64_t h = std::hash<std::string_view>()(name);  // the same as std::hash<std::string>
    const std::uint64_t tag = h >> 32;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return -1;
      const auto other = static_cast<std::uint32_t>(slot) - 1;
      if ((slot >> 32) == tag && (*processes_)[other].name == name) return other;
    }
  }

  // Insert process `index`; returns the index of an earlier process with the same name,
  // or -1.
  std::int64_t insert(std::uint32_t index) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::string& name = (*processes_)[index].name;
    const std::uint64_t h = std::hash<std::string>()(name);
    const std::uint64_t tag = h >> 32;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = (tag << 32) | (std::uint64_t{index} + 1);
        ++count_;
        return -1;
      }
      const auto other = static_cast<std::uint32_t>(slot) - 1;
      if ((slot >> 32) == tag && (*processes_)[other].name == name) return other;
    }
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, 0);
    advise_huge_pages(slots_.data(), slots_.size() * sizeof(std::uint64_t));
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t v : old) {
      if (v == 0) continue;
      const std::uint64_t h = std::hash<std::string>()((*processes_)[static_cast<std::uint32_t>(v) - 1].name);
      std::size_t i = h & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = v;
    }
  }

  const std::vector<ProcessSpec>* processes_;
  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace schedlab::detail

// The big tables of a large run (millions of processes, tasks, steps, metrics) on
// transparent huge pages.
//
// A run of 10^6 processes touches about 500 MB. On 4 KiB pages that is some 130 000 page
// faults, and in a virtual machine each costs microseconds: measured here, a quarter of a
// whole `schedlab run` (docs/performance.md). Where Linux hands out huge pages on request
// (/sys/kernel/mm/transparent_hugepage/enabled = madvise, Debian's default), asking for
// them on the few big tables turns those faults into a few hundred. Only the 2 MiB-aligned
// inside of a block is advised; elsewhere, or on other systems, this does nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace schedlab::detail {

inline void advise_huge_pages([[maybe_unused]] const void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;  // small tables: not worth a system call
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: failure is harmless
#endif
}

// v.reserve(n), with the reserved block on huge pages (see above).
template <typename T, typename Allocator>
void reserve_on_huge_pages(std::vector<T, Allocator>& v, std::size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace schedlab::detail

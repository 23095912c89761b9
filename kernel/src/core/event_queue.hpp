// The kernel's timer queue: a binary min-heap of timed events.
//
// Events at the same instant are ordered by phase, then by `order` inside the phase,
// which is how the documented same-instant rules are enforced (see kernel.cpp). Stale
// events (a task preempted before its burst ended, a wake-up superseded) are not removed;
// they carry an epoch and are skipped when popped. Operations are O(log n).
#pragma once

#include <cstdint>
#include <vector>

#include <schedlab/types.hpp>

namespace schedlab::detail {

enum class Phase : std::uint8_t {
  Cpu = 0,       // a CPU's running task reaches the end of its burst or slice (order: cpu id)
  Deadline = 1,  // a job of a periodic task reaches its deadline (order: job index)
  Release = 2,   // a periodic task releases a job (order: the task's listing order)
  Policy = 3,    // a timer the policy asked for (order: request sequence)
  // Phase 4 is arrivals; they are not kept in the heap (see Kernel::Impl::arrivals).
  Wake = 5,      // a blocked task's timer ends: I/O done, sleep over (order: request sequence)
};

enum class EventKind : std::uint8_t { CpuStop, PolicyTimer, Wake, Release, Deadline };

struct Event {
  Ticks time = 0;
  std::uint64_t key = 0;      // (phase << 56) | order
  std::uint32_t target = 0;   // cpu id or task id
  std::uint32_t epoch = 0;    // must match the target's current epoch, else stale
  EventKind kind = EventKind::CpuStop;

  Phase phase() const { return static_cast<Phase>(key >> 56); }
};

inline bool operator<(const Event& a, const Event& b) {  // "a fires before b"
  return a.time != b.time ? a.time < b.time : a.key < b.key;
}

class EventQueue {
 public:
  static std::uint64_t make_key(Phase phase, std::uint64_t order) {
    return (static_cast<std::uint64_t>(phase) << 56) | (order & ((std::uint64_t{1} << 56) - 1));
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }

  void push(const Event& e) {
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    Event out = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return out;
  }

 private:
  void sift_up(std::size_t i) {
    Event e = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!(e < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Event e = heap_[i];
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
      if (!(heap_[child] < e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
};

}  // namespace schedlab::detail

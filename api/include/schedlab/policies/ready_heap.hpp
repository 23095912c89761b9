// A ready queue ordered by a key (smallest first) for policies: O(log n) push and pop,
// O(1) lazy removal. Keys are compared with operator<, so a tuple such as
// (burst, arrival, id) gives the documented tie-breaking for free.
#pragma once

#include <algorithm>
#include <cassert>
#include <vector>

#include <schedlab/policy.hpp>

namespace schedlab::policies {

template <typename Key>
class ReadyHeap {
 public:
  void push(TaskId t, const Key& key) {
    if (t >= live_.size()) {
      live_.resize(t + 1, 0);
      generation_.resize(t + 1, 0);
    }
    assert(live_[t] == 0 && "task enqueued twice");
    live_[t] = 1;
    ++size_;
    heap_.push_back(Entry{key, t, ++generation_[t]});
    std::push_heap(heap_.begin(), heap_.end(), After{});
  }

  void remove(TaskId t) {
    assert(t < live_.size() && live_[t] != 0);
    live_[t] = 0;
    --size_;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  bool contains(TaskId t) const { return t < live_.size() && live_[t] != 0; }

  // The best task's key (heap must not be empty).
  const Key& top_key() {
    drop_stale();
    return heap_.front().key;
  }

  // Take the best task `ok(task)` accepts, or kNoTask.
  template <typename Accept>
  TaskId pop_best(Accept ok) {
    std::vector<Entry> skipped;
    TaskId found = kNoTask;
    while (!heap_.empty()) {
      drop_stale();
      if (heap_.empty()) break;
      std::pop_heap(heap_.begin(), heap_.end(), After{});
      Entry e = heap_.back();
      heap_.pop_back();
      if (ok(e.task)) {
        found = e.task;
        live_[found] = 0;
        --size_;
        break;
      }
      skipped.push_back(e);
    }
    for (const Entry& e : skipped) {
      heap_.push_back(e);
      std::push_heap(heap_.begin(), heap_.end(), After{});
    }
    return found;
  }

  // Tasks in pick order (for describe()); O(n log n), not for the hot path.
  std::vector<TaskId> ordered() const {
    std::vector<Entry> live;
    for (const Entry& e : heap_)
      if (is_current(e)) live.push_back(e);
    std::sort(live.begin(), live.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    std::vector<TaskId> out;
    for (const Entry& e : live) out.push_back(e.task);
    return out;
  }

 private:
  struct Entry {
    Key key;
    TaskId task;
    std::uint32_t generation;
  };
  struct After {  // max-heap comparator turned into a min-heap on key
    bool operator()(const Entry& a, const Entry& b) const { return b.key < a.key; }
  };
  bool is_current(const Entry& e) const { return live_[e.task] != 0 && generation_[e.task] == e.generation; }
  void drop_stale() {
    while (!heap_.empty() && !is_current(heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), After{});
      heap_.pop_back();
    }
  }

  std::vector<Entry> heap_;
  std::vector<std::uint8_t> live_;
  std::vector<std::uint32_t> generation_;
  std::size_t size_ = 0;
};

}  // namespace schedlab::policies

// A FIFO ready queue of tasks for policies: O(1) push at either end and pop, O(1) lazy
// removal (a removed task's entry is skipped when reached), and a scan for the first
// task allowed on a CPU when affinities restrict who may run where.
#pragma once

#include <cassert>
#include <deque>
#include <vector>

#include <schedlab/policy.hpp>

namespace schedlab::policies {

class ReadyFifo {
 public:
  // The entry is built in place from its two halves: built on the stack and copied, its
  // 8-byte copy read back the 4 bytes just stored (a store-forwarding stall that was a
  // quarter of a coroutine switch through the kernel).
  void push_back(TaskId t) { entries_.emplace_back(t, mark(t)); }
  void push_front(TaskId t) { entries_.emplace_front(t, mark(t)); }

  // Forget `t` (killed while Ready). Its entry stays until reached.
  void remove(TaskId t) {
    assert(t < live_.size() && live_[t] != 0);
    live_[t] = 0;
    --size_;
  }

  bool contains(TaskId t) const { return t < live_.size() && live_[t] != 0; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // Take the first task `ok(task)` accepts (in queue order), or kNoTask.
  template <typename Accept>
  TaskId pop_first(Accept ok) {
    // The usual case: the head is current and accepted.
    while (!entries_.empty() && !is_current(entries_.front())) entries_.pop_front();
    if (!entries_.empty() && ok(entries_.front().task)) {
      const TaskId t = entries_.front().task;
      live_[t] = 0;
      --size_;
      entries_.pop_front();
      return t;
    }
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (!is_current(*it)) {
        it = entries_.erase(it);
        continue;
      }
      if (ok(it->task)) {
        const TaskId t = it->task;
        live_[t] = 0;
        --size_;
        entries_.erase(it);
        return t;
      }
      ++it;
    }
    return kNoTask;
  }
  TaskId pop_front() {
    return pop_first([](TaskId) { return true; });
  }

  // Tasks in queue order (for describe()).
  template <typename F>
  void for_each(F f) const {
    for (const Entry& e : entries_)
      if (is_current(e)) f(e.task);
  }

 private:
  struct Entry {
    // A constructor for emplace (clang 14 has no parenthesised aggregate initialisation).
    Entry(TaskId t, std::uint32_t g) : task(t), generation(g) {}
    TaskId task;
    std::uint32_t generation;
  };
  // Note `t` as queued; answers the generation of its new entry.
  std::uint32_t mark(TaskId t) {
    if (t >= live_.size()) {
      live_.resize(t + 1, 0);
      generation_.resize(t + 1, 0);
    }
    assert(live_[t] == 0 && "task enqueued twice");
    live_[t] = 1;
    ++size_;
    return ++generation_[t];
  }
  bool is_current(const Entry& e) const { return live_[e.task] != 0 && generation_[e.task] == e.generation; }

  std::deque<Entry> entries_;
  std::vector<std::uint8_t> live_;
  std::vector<std::uint32_t> generation_;
  std::size_t size_ = 0;
};

}  // namespace schedlab::policies

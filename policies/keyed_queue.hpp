// Ready queues ordered by a position number, for policies that keep several queues
// (MLFQ levels, per-CPU run queues) and sometimes put a task back at a remembered place.
//
// A KeyedQueue holds tasks sorted by an integer key: a key below every other is O(1) at
// the front, above every other O(1) at the back, anything else a binary search plus a
// move of the entries nearer to one end (cheap when it lands near the front, which is
// where a preempted task goes back). Removal is lazy and O(1): an entry whose stamp is
// no longer current is skipped when reached.
//
// The queues of one policy share one Membership, so a task is in at most one of them and
// the per-task bookkeeping is 4 bytes however many queues there are.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <deque>
#include <vector>

#include <schedlab/policy.hpp>

namespace schedlab::policies {

// Which tasks are queued. A task's stamp is odd while it is in a queue; every enqueue and
// every removal bumps it, which makes the older entries stale.
class Membership {
 public:
  std::uint32_t join(TaskId t) {
    if (t >= stamp_.size()) stamp_.resize(t + 1, 0);
    assert((stamp_[t] & 1) == 0 && "task enqueued twice");
    return ++stamp_[t];
  }
  void leave(TaskId t) {
    assert(queued(t));
    ++stamp_[t];
  }
  bool queued(TaskId t) const { return t < stamp_.size() && (stamp_[t] & 1) != 0; }
  bool current(TaskId t, std::uint32_t stamp) const { return stamp_[t] == stamp; }

 private:
  std::vector<std::uint32_t> stamp_;
};

class KeyedQueue {
 public:
  explicit KeyedQueue(Membership& members) : members_(&members) {}

  void insert(TaskId t, std::int64_t key) {
    const Entry e{key, t, members_->join(t)};
    ++size_;
    if (entries_.empty() || key > entries_.back().key) {
      entries_.push_back(e);
    } else if (key < entries_.front().key) {
      entries_.push_front(e);
    } else {
      const auto at = std::lower_bound(entries_.begin(), entries_.end(), key,
                                       [](const Entry& x, std::int64_t k) { return x.key < k; });
      entries_.insert(at, e);
    }
  }

  // Forget `t` (killed while Ready, or moved by the policy). Its entry stays until reached.
  void remove(TaskId t) {
    members_->leave(t);
    --size_;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The first live task and its key (the queue must not be empty).
  TaskId front() {
    drop_stale_front();
    return entries_.front().task;
  }
  std::int64_t front_key() {
    drop_stale_front();
    return entries_.front().key;
  }

  // Take the first (or last) task `ok(task)` accepts, in key order, or kNoTask.
  template <typename Accept>
  TaskId pop_first(Accept ok) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (!members_->current(it->task, it->stamp)) {
        it = erase(it);
      } else if (ok(it->task)) {
        return take(it);
      } else {
        ++it;
      }
    }
    return kNoTask;
  }
  template <typename Accept>
  TaskId pop_last(Accept ok) {
    for (auto it = entries_.end(); it != entries_.begin();) {
      --it;
      if (!members_->current(it->task, it->stamp)) {
        it = erase(it);
      } else if (ok(it->task)) {
        return take(it);
      }
    }
    return kNoTask;
  }

  // Empty the queue, calling f(task, key) for each live task in key order.
  template <typename F>
  void drain(F f) {
    std::deque<Entry> entries;
    entries.swap(entries_);
    size_ = 0;
    for (const Entry& e : entries)
      if (members_->current(e.task, e.stamp)) {
        members_->leave(e.task);
        f(e.task, e.key);
      }
  }

  // Live tasks in key order (for describe()).
  template <typename F>
  void for_each(F f) const {
    for (const Entry& e : entries_)
      if (members_->current(e.task, e.stamp)) f(e.task);
  }

 private:
  struct Entry {
    std::int64_t key;
    TaskId task;
    std::uint32_t stamp;
  };
  using Iterator = std::deque<Entry>::iterator;
  TaskId take(Iterator it) {
    const TaskId t = it->task;
    members_->leave(t);
    --size_;
    erase(it);
    return t;
  }
  Iterator erase(Iterator it) {  // the ends are the common case, and cheaper
    if (it == entries_.begin()) {
      entries_.pop_front();
      return entries_.begin();
    }
    return entries_.erase(it);
  }
  void drop_stale_front() {
    while (!members_->current(entries_.front().task, entries_.front().stamp)) entries_.pop_front();
  }

  Membership* members_;
  std::deque<Entry> entries_;
  std::size_t size_ = 0;
};

}  // namespace schedlab::policies

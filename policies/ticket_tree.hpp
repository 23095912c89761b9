// Weighted random choice over ready tasks, for lottery scheduling: a Fenwick tree of
// ticket counts indexed by TaskId. Adding, removing and finding the holder of ticket
// number k are O(log n); the tree grows (by doubling) as task ids appear.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include <schedlab/policy.hpp>

namespace schedlab::policies {

class TicketTree {
 public:
  void add(TaskId t, std::int64_t tickets) {
    if (t >= weight_.size()) grow(t + 1);
    weight_[t] += tickets;
    total_ += tickets;
    for (std::size_t i = t + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += tickets;
  }
  std::int64_t total() const { return total_; }
  std::int64_t tickets(TaskId t) const { return t < weight_.size() ? weight_[t] : 0; }

  // The task holding ticket number `k` (0 <= k < total()), counting tasks in id order.
  TaskId find(std::int64_t k) const {
    assert(k >= 0 && k < total_);
    std::size_t pos = 0;
    for (std::size_t step = top_bit_; step != 0; step >>= 1) {
      if (pos + step < tree_.size() && tree_[pos + step] <= k) {
        pos += step;
        k -= tree_[pos];
      }
    }
    return static_cast<TaskId>(pos);  // the (pos+1)-th slot, i.e. task id pos
  }

  // Tasks holding tickets, in id order (a linear scan, for the rare affinity fallback).
  template <typename F>
  void for_each(F f) const {
    for (std::size_t t = 0; t < weight_.size(); ++t)
      if (weight_[t] > 0) f(static_cast<TaskId>(t), weight_[t]);
  }

 private:
  void grow(std::size_t at_least) {
    std::size_t n = weight_.empty() ? 64 : weight_.size();
    while (n < at_least) n *= 2;
    weight_.resize(n, 0);
    tree_.assign(n + 1, 0);
    for (std::size_t i = 1; i <= n; ++i) {  // O(n) rebuild
      tree_[i] += weight_[i - 1];
      const std::size_t parent = i + (i & (~i + 1));
      if (parent <= n) tree_[parent] += tree_[i];
    }
    top_bit_ = 1;
    while (top_bit_ * 2 <= n) top_bit_ *= 2;
  }

  std::vector<std::int64_t> weight_;  // tickets per task id (0 when not ready)
  std::vector<std::int64_t> tree_;    // 1-based Fenwick tree over weight_
  std::size_t top_bit_ = 0;
  std::int64_t total_ = 0;
};

}  // namespace schedlab::policies

// Which of a backend's slots runs each task. Every real backend keeps its slots by token
// (in the order add() made them) and, once the kernel adopted a token as a task, the
// slot by TaskId (sparse). Only the kernel's thread touches the table: add() is called
// before the run, adopt() and release() by the kernel during it; a worker thread holds
// its own slot, never the table.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <schedlab/types.hpp>

namespace schedlab::real::detail {

// `task` runs the slot of `token` (a unique_ptr or shared_ptr in `slots`); throws
// std::invalid_argument ("BACKEND: unknown token") for a token add() never handed out.
template <typename SlotPtr, typename Slot>
Slot& adopt_slot(const std::vector<SlotPtr>& slots, std::vector<Slot*>& by_task, TaskId task, std::uint64_t token,
                 const char* backend) {
  if (token >= slots.size()) throw std::invalid_argument(std::string(backend) + ": unknown token");
  if (by_task.size() <= task) by_task.resize(task + 1, nullptr);
  by_task[task] = slots[token].get();
  return *by_task[task];
}

// The slot `task` runs, or nullptr: never adopted here, or released.
template <typename Slot>
Slot* adopted_slot(const std::vector<Slot*>& by_task, TaskId task) {
  return task < by_task.size() ? by_task[task] : nullptr;
}

}  // namespace schedlab::real::detail

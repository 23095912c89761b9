// A running task's system calls: asking its backend for the next one (continue_task),
// carrying it out (execute, then the call's carry_out(): the task's own calls here, the
// others in process/ and sync/), and the two ways a call shows on the trace.
#include <cassert>
#include <fmt/format.h>

#include "core/kernel_impl.hpp"

namespace schedlab {

// The task is on a CPU with no CPU work left: ask its backend what it does next, and do
// it, until it starts another burst, leaves the CPU or ends.
void Kernel::Impl::continue_task(TaskId id) {
  for (;;) {
    detail::Task& t = tasks_[id];
    assert(t.state == TaskState::Running && t.compute_left == 0);
    const SyscallResult last{t.result_status, t.result_value, now_};
    t.result_status = SyscallResult::Status::Ok;
    t.result_value = 0;
    const Syscall call = backend_of(t)->next(id, last);
    count_event();
    if (!execute(id, call) || tasks_[id].compute_left > 0) return;
  }
}

bool Kernel::Impl::execute(TaskId id, const Syscall& call) {
  // std::visit's table picks the call's carry_out(): one dispatch per call, no allocation.
  std::visit([&](const auto& c) { carry_out(id, c); }, call);
  return tasks_[id].state == TaskState::Running;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Compute& call) {
  if (call.ticks > 0) tasks_[caller].compute_left = call.ticks;
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Io& call) {
  if (call.ticks > 0) block(caller, Cause::Io, StopReason::BurstDone, now_ + call.ticks);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Sleep& call) {
  if (call.ticks > 0) block(caller, Cause::Sleep, StopReason::BurstDone, now_ + call.ticks);
}

void Kernel::Impl::carry_out(TaskId caller, const sys::Yield&) { requeue_yielded(caller); }

void Kernel::Impl::carry_out(TaskId caller, const sys::Note& call) {
  switch (call.kind) {
    case sys::Note::Kind::Print:
      output_.push_back(OutputLine{now_, std::string(name_of(caller)), std::string(call.text)});
      instant(InstantKind::Print, caller, kNoTask, 0, call.text);
      return;
    case sys::Note::Kind::Coroutine: instant(InstantKind::Coroutine, caller, kNoTask, 0, call.text); return;
    case sys::Note::Kind::Message: instant(InstantKind::Note, caller, kNoTask, 0, call.text); return;
  }
}

void Kernel::Impl::refuse(TaskId id, SyscallResult::Status status, const std::string& what) {
  set_result(id, status);
  if (observers_.empty()) return;
  const char* why = status == SyscallResult::Status::Full       ? "full"
                    : status == SyscallResult::Status::Empty    ? "empty"
                    : status == SyscallResult::Status::TimedOut ? "not available (timeout 0)"
                                                                : "failed";
  instantf(InstantKind::CallFailed, id, kNoTask, static_cast<std::int64_t>(status), "{}: {}", what, why);
}

void Kernel::Impl::instant(InstantKind kind, TaskId task, TaskId other, std::int64_t value, std::string_view text) {
  if (observers_.empty()) return;
  const InstantRecord record{now_, kind, task, other, value, std::string(text)};
  notify([&](KernelObserver& o) { o.on_instant(record); });
}

}  // namespace schedlab

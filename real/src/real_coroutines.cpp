// CoroutineBackend: C++20 coroutines resumed by the kernel thread itself.
//
// A task's call is a suspension: the awaiter stores the call and the handle of the
// coroutine that made it (the body or a helper it awaits), and next() resumes exactly
// that handle. No OS thread, no lock: everything happens on the kernel's thread.
#include <schedlab/real_backends.hpp>

#include <variant>

#include "real_failure.hpp"
#include "real_group_hub.hpp"
#include "real_task_table.hpp"

namespace schedlab::real {
namespace detail {

struct CoroutineSlot {
  CoroutineSlot(CoroutineBackend& backend, std::string n, CoroutineBody b)
      : name(std::move(n)), body(std::move(b)), sys(backend, core) {}

  // Declaration order is destruction order reversed: the frame (root) goes first, while
  // the body whose captures it may reference is still alive.
  std::string name;
  CoroutineBody body;
  CoroutineCore core;
  AsyncSys sys;
  CoTask root;
  bool started = false;
};

}  // namespace detail

AsyncSys::TextCall AsyncSys::spawn_thread(std::string name, CoroutineBody body, bool daemon) {
  const std::uint64_t token = backend_.add(name, std::move(body));
  return TextCall{core_, sys::Spawn{{}, true, daemon, &backend_, token}, std::move(name)};
}

AsyncSys::TextCall AsyncSys::spawn_process(std::string name, CoroutineBody body, bool daemon) {
  const std::uint64_t token = backend_.add(name, std::move(body));
  return TextCall{core_, sys::Spawn{{}, false, daemon, &backend_, token}, std::move(name)};
}

CoroutineBackend::CoroutineBackend() = default;
CoroutineBackend::~CoroutineBackend() = default;

std::uint64_t CoroutineBackend::add(std::string name, CoroutineBody body) {
  slots_.push_back(std::make_unique<detail::CoroutineSlot>(*this, std::move(name), std::move(body)));
  return slots_.size() - 1;
}

void CoroutineBackend::adopt(TaskId task, std::uint64_t token) {
  detail::adopt_slot(slots_, by_task_, task, token, "CoroutineBackend");
}

Syscall CoroutineBackend::next(TaskId task, const SyscallResult& last) {
  detail::CoroutineSlot& s = *by_task_[task];  // the kernel only asks for tasks it adopted here
  s.core.result = last;
  std::exception_ptr error;
  if (!s.started) {
    s.started = true;
    try {
      s.root = s.body(s.sys);  // suspended at its start: nothing of the body ran yet
      s.core.current = s.root.handle();
    } catch (...) {  // the callable threw before it became a coroutine
      error = std::current_exception();
    }
  }
  if (!error && s.core.current) {
    const std::coroutine_handle<> resume = std::exchange(s.core.current, {});
    resume.resume();
    if (s.core.current) {  // suspended on its next call
      if (s.core.hub != detail::HubCall::None) [[unlikely]]
        return detail::hub_call_outside_group(s.core);
      // Alternative by alternative, not as a blob: the awaiter has just stored the
      // variant's index byte, and a wide load over it stalls (store forwarding fails).
      return std::visit([](const auto& call) -> Syscall { return call; }, s.core.call);
    }
    error = s.root.handle() ? s.root.handle().promise().error : nullptr;
  }
  if (error) {
    s.core.text = detail::describe_exception(error);
    failures_->push_back(TaskFailure{task, s.name, s.core.text});
    return sys::Exit{1, ExitReason::Error, s.core.text, true};
  }
  return sys::Exit{0, ExitReason::Exited, {}, false};  // the body returned: this thread ends
}

void CoroutineBackend::release(TaskId task) {
  detail::CoroutineSlot* s = detail::adopted_slot(by_task_, task);
  if (s == nullptr) return;
  // Destroying the body's frame destroys the helpers it was awaiting (their CoTasks live
  // in it), running their destructors here, on the kernel thread.
  s->root = CoTask{};
  s->core.current = {};
  by_task_[task] = nullptr;
}

}  // namespace schedlab::real

#include "py_context.hpp"

#include <pybind11/stl.h>

#include <fmt/format.h>
#include <optional>
#include <stdexcept>

#include <schedlab/errors.hpp>

namespace schedlab::python {

namespace py = pybind11;

Context& PyContext::get() const {
  if (ctx == nullptr) throw std::runtime_error("this schedlab.Context belongs to a run that has ended");
  return *ctx;
}

namespace {

struct PyTaskInfo {
  TaskId id = kNoTask;
  Pid pid = 0;
  std::string name;
  Ticks arrival = 0;
  int priority = 0;
  int base_priority = 0;
  int tickets = 100;
  int nice = 0;
  std::optional<Ticks> burst_remaining;
  Ticks cpu_time = 0;
  std::string state;
};

PyTaskInfo task_info(const PyContext& c, TaskId id) {
  TaskInfo t;
  try {
    t = c.get().task(id);
  } catch (const std::out_of_range&) {
    throw py::index_error(fmt::format("no task {}", id));
  }
  return PyTaskInfo{t.id, t.pid, std::string(t.name), t.arrival, t.priority, t.base_priority, t.tickets, t.nice,
                    t.burst_remaining < 0 ? std::nullopt : std::optional<Ticks>(t.burst_remaining), t.cpu_time,
                    std::string(to_string(t.state))};
}

void bind_task_info(py::module_& m) {
  py::class_<PyTaskInfo>(m, "TaskInfo", "A snapshot of one task, as a policy sees it (api/policy.hpp's TaskInfo).")
      .def_readonly("id", &PyTaskInfo::id, "task id: dense, in creation order")
      .def_readonly("pid", &PyTaskInfo::pid)
      .def_readonly("name", &PyTaskInfo::name, "'proc' or 'proc/thread'")
      .def_readonly("arrival", &PyTaskInfo::arrival, "when it became a task")
      .def_readonly("priority", &PyTaskInfo::priority, "effective priority, lower is more important")
      .def_readonly("base_priority", &PyTaskInfo::base_priority)
      .def_readonly("tickets", &PyTaskInfo::tickets)
      .def_readonly("nice", &PyTaskInfo::nice)
      .def_readonly("burst_remaining", &PyTaskInfo::burst_remaining,
                    "CPU ticks left before it next blocks, yields or ends; None when unknown")
      .def_readonly("cpu_time", &PyTaskInfo::cpu_time)
      .def_readonly("state", &PyTaskInfo::state, "'new', 'ready', 'running', 'blocked' or 'terminated'")
      .def("__repr__", [](const PyTaskInfo& t) {
        return fmt::format("TaskInfo(id={}, name='{}', state='{}', arrival={}, cpu_time={})", t.id, t.name, t.state,
                           t.arrival, t.cpu_time);
      });
}

}  // namespace

void bind_context(py::module_& m) {
  bind_task_info(m);
  py::class_<PyContext>(m, "Context", "The kernel as a policy sees it; valid during its run only.")
      .def("now", [](const PyContext& c) { return c.get().now(); }, "the clock, in ticks")
      .def("cpu_count", [](const PyContext& c) { return c.get().cpu_count(); })
      .def("task", &task_info, py::arg("task"), "a TaskInfo snapshot of the task (IndexError if there is none)")
      .def(
          "running_on",
          [](const PyContext& c, CpuId cpu) -> std::optional<TaskId> {
            const TaskId t = c.get().running_on(cpu);
            return t == kNoTask ? std::nullopt : std::optional<TaskId>(t);
          },
          py::arg("cpu"), "the task running on the CPU, or None")
      .def("allowed_on", [](const PyContext& c, TaskId t, CpuId cpu) { return c.get().allowed_on(t, cpu); },
           py::arg("task"), py::arg("cpu"), "False when the task's affinity excludes the CPU")
      .def("preempt", [](const PyContext& c, CpuId cpu) { c.get().preempt(cpu); }, py::arg("cpu"),
           "take the task off the CPU at this instant (it is enqueued again with reason 'preempted')")
      .def("set_slice", [](const PyContext& c, CpuId cpu, Ticks slice) { c.get().set_slice(cpu, slice); },
           py::arg("cpu"), py::arg("slice"), "the running slice on the CPU now ends `slice` ticks from now")
      .def("set_timer", [](const PyContext& c, Ticks at) { c.get().set_timer(at); }, py::arg("at"),
           "call the policy's timer() at absolute time `at` (>= now)")
      .def("set_level", [](const PyContext& c, TaskId t, int level) { c.get().set_level(t, level); },
           py::arg("task"), py::arg("level"), "report the queue level a task is at (shown by ps, GUI, trace)")
      .def("seed", [](const PyContext& c) { return c.get().seed(); }, "the run's seed, for randomised policies");
}

}  // namespace schedlab::python

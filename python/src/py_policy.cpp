#include "py_policy.hpp"

#include <array>
#include <fmt/format.h>

#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>

#include "py_context.hpp"

namespace schedlab::python {

ErrorClasses& error_classes() {
  static ErrorClasses classes;
  return classes;
}

PythonPolicySource::PythonPolicySource(py::object f, std::string l) : factory(std::move(f)), label(std::move(l)) {}

PythonPolicySource::~PythonPolicySource() {
  py::gil_scoped_acquire gil;
  factory = py::object();
  first_error.reset();
}

void PythonPolicySource::keep_error(const py::error_already_set& error) {
  std::lock_guard lock(mutex);
  if (!first_error) first_error = std::make_unique<py::error_already_set>(error);
}

void PythonPolicySource::rethrow_kept() {
  std::unique_ptr<py::error_already_set> error;
  {
    std::lock_guard lock(mutex);
    error = std::move(first_error);
  }
  if (error) throw py::error_already_set(*error);
}

namespace {

// The optional callbacks, called only when the policy's class defines them.
enum Optional : std::size_t { kRunning, kStopping, kBalance, kTimer, kTaskDead, kPriorityChanged, kOptionals };
constexpr std::array<const char*, kOptionals> kOptionalNames{"running",  "stopping",  "balance",
                                                             "timer",    "task_dead", "priority_changed"};

class PyPolicy final : public Policy {
 public:
  PyPolicy(Context& ctx, std::shared_ptr<PythonPolicySource> source);
  ~PyPolicy() override;
  PyPolicy(const PyPolicy&) = delete;
  PyPolicy& operator=(const PyPolicy&) = delete;

  void enqueue(TaskId task, EnqueueReason reason) override { call("enqueue", enqueue_, task, to_string(reason)); }
  void dequeue(TaskId task) override { call("dequeue", dequeue_, task); }
  bool has_ready() const override;
  std::optional<Dispatch> pick_next(CpuId cpu) override;
  void running(TaskId task, CpuId cpu) override { optional(kRunning, task, cpu); }
  void stopping(TaskId task, CpuId cpu, Ticks ran, StopReason why) override {
    optional(kStopping, task, cpu, ran, to_string(why));
  }
  void balance() override { optional(kBalance); }
  void timer() override { optional(kTimer); }
  void task_dead(TaskId task) override { optional(kTaskDead, task); }
  void priority_changed(TaskId task) override { optional(kPriorityChanged, task); }

 private:
  // Calls a callback whose answer is not used (takes the GIL).
  template <typename... Args>
  void call(const char* name, const py::object& fn, Args&&... args) const {
    py::gil_scoped_acquire gil;
    ask(name, fn, std::forward<Args>(args)...);
  }
  // Calls a callback and returns its answer: the caller holds the GIL.
  template <typename... Args>
  py::object ask(const char* name, const py::object& fn, Args&&... args) const {
    try {
      return fn(std::forward<Args>(args)...);
    } catch (py::error_already_set& e) {
      fail(name, e);
    }
  }
  template <typename... Args>
  void optional(Optional which, Args&&... args) {
    if (optional_[which]) call(kOptionalNames[which], optional_[which], std::forward<Args>(args)...);
  }
  [[noreturn]] void fail(const char* callback, py::error_already_set& e) const;
  Dispatch read_dispatch(CpuId cpu, const py::object& answer) const;
  [[noreturn]] void reject(CpuId cpu, const std::string& what) const;

  std::shared_ptr<PythonPolicySource> source_;
  py::object context_;  // the PyContext, invalidated when the run ends
  py::object policy_;
  py::object enqueue_, dequeue_, has_ready_, pick_next_;
  std::array<py::object, kOptionals> optional_;
};

PyPolicy::PyPolicy(Context& ctx, std::shared_ptr<PythonPolicySource> source) : Policy(ctx), source_(std::move(source)) {
  py::gil_scoped_acquire gil;
  try {
    context_ = py::cast(PyContext{&ctx});
    policy_ = source_->factory(context_);
    const py::object base = py::module_::import("schedlab._policy").attr("Policy");
    const py::object type = py::type::of(policy_);
    // The Python side checked the four required methods before the run started.
    enqueue_ = policy_.attr("enqueue");
    dequeue_ = policy_.attr("dequeue");
    has_ready_ = policy_.attr("has_ready");
    pick_next_ = policy_.attr("pick_next");
    for (std::size_t i = 0; i < kOptionals; ++i) {
      const char* name = kOptionalNames[i];
      if (!py::hasattr(type, name)) continue;
      if (py::hasattr(base, name) && type.attr(name).is(base.attr(name))) continue;
      optional_[i] = policy_.attr(name);
    }
  } catch (py::error_already_set& e) {
    // The members die after the GIL is let go on the way out: drop them now.
    if (context_) context_.cast<PyContext&>().ctx = nullptr;
    context_ = policy_ = enqueue_ = dequeue_ = has_ready_ = pick_next_ = py::object();
    for (py::object& o : optional_) o = py::object();
    fail("__init__", e);
  }
}

PyPolicy::~PyPolicy() {
  py::gil_scoped_acquire gil;
  if (context_) context_.cast<PyContext&>().ctx = nullptr;
  context_ = py::object();
  policy_ = enqueue_ = dequeue_ = has_ready_ = pick_next_ = py::object();
  for (py::object& o : optional_) o = py::object();
}

bool PyPolicy::has_ready() const {
  py::gil_scoped_acquire gil;
  const py::object answer = ask("has_ready", has_ready_);
  if (!py::isinstance<py::bool_>(answer))
    throw PolicyError(fmt::format("has_ready() returned {} ({}): expected True or False", py::repr(answer).cast<std::string>(),
                                  py::type::of(answer).attr("__name__").cast<std::string>()));
  return answer.cast<bool>();
}

std::optional<Dispatch> PyPolicy::pick_next(CpuId cpu) {
  py::gil_scoped_acquire gil;
  const py::object answer = ask("pick_next", pick_next_, cpu);
  if (answer.is_none()) return std::nullopt;
  return read_dispatch(cpu, answer);
}

void PyPolicy::reject(CpuId cpu, const std::string& what) const {
  throw PolicyError(fmt::format("pick_next({}) returned {}", cpu, what));
}

// None was handled; an int task id, or (task id, slice) with slice an int or None (no quantum).
Dispatch PyPolicy::read_dispatch(CpuId cpu, const py::object& answer) const {
  const std::string shown = py::repr(answer).cast<std::string>();
  py::object task = answer, slice = py::none();
  if (py::isinstance<py::tuple>(answer) && py::len(answer) == 2) {
    task = answer[py::int_(0)];
    slice = answer[py::int_(1)];
  }
  const auto is_int = [](const py::object& o) { return py::isinstance<py::int_>(o) && !py::isinstance<py::bool_>(o); };
  if (!is_int(task) || !(slice.is_none() || is_int(slice)))
    reject(cpu, shown + ": expected None, a task id or (task id, slice)");
  Dispatch d;
  const long long id = task.cast<long long>();
  if (id < 0 || id >= static_cast<long long>(kNoTask)) reject(cpu, fmt::format("task {}, which does not exist", id));
  d.task = static_cast<TaskId>(id);
  TaskInfo info;
  try {
    info = ctx().task(d.task);
  } catch (const std::out_of_range&) {
    reject(cpu, fmt::format("task {}, which does not exist", id));
  }
  if (info.state != TaskState::Ready)
    reject(cpu, fmt::format("task {} ({}), which is {}, not ready", id, info.name, to_string(info.state)));
  if (!ctx().allowed_on(d.task, cpu))
    reject(cpu, fmt::format("task {} ({}), whose affinity excludes CPU {}", id, info.name, cpu));
  if (!slice.is_none()) {
    d.slice = slice.cast<Ticks>();
    if (d.slice <= 0) reject(cpu, fmt::format("a slice of {} ticks for task {} (must be > 0, or None)", d.slice, id));
  }
  return d;
}

// A schedlab.PolicyError (a Context call the kernel refused) becomes the kernel's
// PolicyError naming the callback; any other exception is kept to be re-raised as is,
// with a note saying where it came from.
void PyPolicy::fail(const char* callback, py::error_already_set& e) const {
  const py::handle policy_error = error_classes().policy_error;
  if (policy_error && e.matches(policy_error))
    throw PolicyError(fmt::format("in {}(): {}", callback, py::str(e.value()).cast<std::string>()));
  const std::string type = py::type::of(e.value()).attr("__name__").cast<std::string>();
  const std::string text = py::str(e.value()).cast<std::string>();
  if (py::hasattr(e.value(), "add_note"))
    e.value().attr("add_note")(fmt::format("raised in {}() of the Python policy {} at tick {}", callback,
                                           source_->label, ctx().now()));
  source_->keep_error(e);
  throw PolicyCallbackError({source_->label, "python", callback, type, text, false});
}

}  // namespace

PolicyConfig python_policy_config(const std::shared_ptr<PythonPolicySource>& source) {
  PolicyConfig config;
  config.label = source->label;
  config.canonical = "python:" + source->label;
  config.make = [source](Context& ctx, const PolicyParams&) -> std::unique_ptr<Policy> {
    return std::make_unique<PyPolicy>(ctx, source);
  };
  return config;
}

}  // namespace schedlab::python

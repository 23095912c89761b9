// _schedlab: the C++ half of `import schedlab` (docs/python.md). It loads workloads, runs
// and compares policies through lab/, and hands the results over as plain Python data;
// the package's Python half (schedlab/*.py) gives it its public names, docstrings and
// DataFrames. Runs release the GIL: compare runs its cells on C++ threads.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <sstream>
#include <variant>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>
#include <schedlab/workload_loader.hpp>

#include <schedlab/lab/check_battery.hpp>
#include <schedlab/lab/policy_checker.hpp>
#include <schedlab/lab/simulate.hpp>
#include <schedlab/lab/sweep_runner.hpp>

#include "py_context.hpp"
#include "py_policy.hpp"
#include "results.hpp"

namespace schedlab::python {

namespace {

struct PyWorkload {
  std::shared_ptr<const Workload> workload;
  std::string spec;  // the file path, or "<dict>"
};

// A policy as the Python side hands it over: a spec, or a Python policy.
using PolicyArg = std::variant<std::string, std::shared_ptr<PythonPolicySource>>;

struct SpecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

PolicyConfig resolve(const PolicyArg& arg) {
  if (const auto* source = std::get_if<std::shared_ptr<PythonPolicySource>>(&arg)) return python_policy_config(*source);
  try {
    return builtin_registry().resolve(std::get<std::string>(arg));
  } catch (const InputError& e) {
    throw SpecError(e.what());
  }
}

void rethrow_python_errors(const std::vector<PolicyArg>& policies) {
  for (const PolicyArg& p : policies)
    if (const auto* source = std::get_if<std::shared_ptr<PythonPolicySource>>(&p)) (*source)->rethrow_kept();
}

// Runs `body` without the GIL. A Python policy's exception is re-raised as itself; a
// policy factory's refusal of its parameters (an InputError naming the policy) is a bad spec.
template <typename Body>
auto without_gil(const std::vector<PolicyArg>& policies, Body&& body) {
  try {
    py::gil_scoped_release release;
    return body();
  } catch (const PolicyCallbackError&) {
    rethrow_python_errors(policies);
    throw;
  } catch (const InputError& e) {
    if (e.file().empty() && std::string_view(e.what()).starts_with("policy '")) throw SpecError(e.what());
    throw;
  }
}

KernelConfig kernel_config(CpuId cpus, std::uint64_t seed, Ticks until, std::uint64_t max_events, bool check) {
  if (cpus > 4096) throw SpecError(fmt::format("cpus={} is too many (at most 4096)", cpus));
  if (until < 0) throw SpecError(fmt::format("until={} must be >= 0", until));
  if (max_events == 0) throw SpecError("max_events must be > 0");
  KernelConfig c;
  c.cpus = cpus;
  c.seed = seed;
  c.until = until;
  c.max_events = max_events;
  c.check_invariants = check;
  return c;
}

py::dict run(const PyWorkload& w, const PolicyArg& policy, CpuId cpus, std::uint64_t seed, Ticks until,
             std::uint64_t max_events, bool check) {
  const KernelConfig config = kernel_config(cpus, seed, until, max_events, check);
  const PolicyConfig resolved = resolve(policy);
  Trace trace;
  const RunResult result =
      without_gil({policy}, [&] { return lab::simulate(*w.workload, resolved, config, {&trace}); });
  return run_to_python(result, trace);
}

using WorkloadArg = std::variant<std::string, PyWorkload>;

py::dict compare(const std::vector<WorkloadArg>& workloads, const std::vector<PolicyArg>& policies,
                 const std::vector<std::uint64_t>& seeds, unsigned jobs, CpuId cpus, Ticks until,
                 std::uint64_t max_events) {
  if (workloads.empty()) throw SpecError("compare: no workload given");
  if (policies.empty()) throw SpecError("compare: no policy given");
  if (seeds.empty()) throw SpecError("compare: no seed given");
  lab::SweepPlan plan;
  plan.seeds = seeds;
  for (const PolicyArg& p : policies) plan.policies.push_back(resolve(p));
  plan.config = kernel_config(cpus, seeds.front(), until, max_events, false);
  for (const WorkloadArg& w : workloads) {
    if (const auto* spec = std::get_if<std::string>(&w)) {
      try {
        plan.workloads.push_back(lab::WorkloadSource::open(*spec));
      } catch (const UsageError& e) {
        throw SpecError(e.what());  // a bad gen: spec
      }
    } else {
      const PyWorkload& pw = std::get<PyWorkload>(w);
      plan.workloads.push_back(lab::WorkloadSource::of(pw.workload, pw.spec));
    }
  }
  lab::make_labels_unique(plan.workloads);
  const report::SweepResults results = without_gil(policies, [&] {
    std::ostringstream progress;
    return lab::run_sweep(plan, jobs, progress, false);
  });
  return sweep_to_python(results);
}

py::list policies() {
  py::list out;
  for (const PolicyInfo& info : builtin_registry().all()) {
    py::list params;
    for (const ParamSpec& p : info.params) {
      static constexpr const char* kTypes[] = {"int", "bool", "int_list", "float", "str"};
      py::dict d;
      d["name"] = p.name;
      d["type"] = kTypes[static_cast<int>(p.type)];
      d["default"] = p.default_value;
      d["help"] = p.help;
      d["min"] = p.min == std::numeric_limits<std::int64_t>::min() ? py::object(py::none()) : py::object(py::int_(p.min));
      d["max"] = p.max == std::numeric_limits<std::int64_t>::max() ? py::object(py::none()) : py::object(py::int_(p.max));
      params.append(d);
    }
    py::dict d;
    d["name"] = info.name;
    d["summary"] = info.summary;
    d["params"] = params;
    out.append(d);
  }
  return out;
}

py::dict check(const PolicyArg& policy, const std::vector<CpuId>& cpus, Ticks starvation, std::uint64_t seed,
               std::uint64_t max_events) {
  if (cpus.empty()) throw SpecError("check_policy: no CPU count given");
  for (CpuId c : cpus)
    if (c == 0 || c > 4096) throw SpecError(fmt::format("check_policy: CPU counts go from 1 to 4096, got {}", c));
  if (starvation < 0) throw SpecError("check_policy: starvation must be >= 0");
  const PolicyConfig resolved = resolve(policy);
  const PolicyConfig reference = builtin_registry().resolve("fcfs");
  lab::CheckOptions options;
  options.starvation = starvation;
  options.seed = seed;
  options.max_events = max_events;
  options.reference = &reference;
  const std::vector<lab::BatteryEntry> battery = lab::check_battery(cpus);
  std::ostringstream text;
  const lab::CheckReport report = without_gil({}, [&] {
    lab::CheckReport r = lab::check_policy(resolved, battery, options);
    lab::write_check_report(text, r, resolved.canonical, battery, options);
    return r;
  });
  py::list findings;
  for (const lab::Finding& f : report.findings) {
    py::dict d;
    d["kind"] = std::string(lab::violation_id(f.kind));
    d["where"] = f.where;
    d["time"] = f.time;
    d["text"] = f.text;
    findings.append(d);
  }
  py::dict out;
  out["clean"] = report.clean();
  out["runs"] = report.runs;
  out["findings"] = findings;
  out["text"] = text.str();
  return out;
}

// Raises `cls(message, file, line, column)`.
void raise(py::handle cls, const std::string& message, py::object file, py::object line, py::object column) {
  const py::object error = cls(message, file, line, column);
  PyErr_SetObject(cls.ptr(), error.ptr());
}

void translate(std::exception_ptr p) {
  const ErrorClasses& classes = error_classes();
  const auto none = [] { return py::object(py::none()); };
  try {
    std::rethrow_exception(p);
  } catch (const InputError& e) {
    const auto or_none = [&](std::uint32_t v) { return v == 0 ? none() : py::object(py::int_(v)); };
    raise(classes.workload_error, e.what(), e.file().empty() ? none() : py::object(py::str(e.file())),
          or_none(e.line()), or_none(e.column()));
  } catch (const SpecError& e) {
    raise(classes.spec_error, e.what(), none(), none(), none());
  } catch (const UsageError& e) {
    raise(classes.spec_error, e.what(), none(), none(), none());
  } catch (const PolicyError& e) {
    raise(classes.policy_error, e.what(), none(), none(), none());
  }
}

}  // namespace

}  // namespace schedlab::python

PYBIND11_MODULE(_schedlab, m) {
  using namespace schedlab;
  using namespace schedlab::python;
  m.doc() = "The C++ half of the schedlab package; use `import schedlab`.";
  const py::module_ errors = py::module_::import("schedlab._errors");
  // Kept for the life of the process (the module is never unloaded).
  const auto keep = [&](const char* name) { return py::object(errors.attr(name)).release(); };
  error_classes() = {keep("WorkloadError"), keep("SpecError"), keep("PolicyError")};
  py::register_exception_translator(&translate);
  bind_context(m);

  py::class_<PyWorkload>(m, "Workload", "A loaded workload (schedlab.load, schedlab.Workload.from_dict).")
      .def_property_readonly("name", [](const PyWorkload& w) { return w.workload->name; })
      .def_property_readonly("source", [](const PyWorkload& w) { return w.spec; })
      .def_property_readonly("cpus", [](const PyWorkload& w) { return w.workload->cpus; })
      .def_property_readonly("process_count", [](const PyWorkload& w) { return w.workload->processes.size(); })
      .def("__repr__", [](const PyWorkload& w) {
        return fmt::format("<schedlab.Workload '{}' from {}: {} processes, {} CPUs>", w.workload->name, w.spec,
                           w.workload->processes.size(), w.workload->cpus);
      });
  py::class_<PythonPolicySource, std::shared_ptr<PythonPolicySource>>(m, "_PythonPolicy")
      .def(py::init<py::object, std::string>());

  m.def("load_file", [](const std::string& path) {
    return PyWorkload{std::make_shared<const Workload>(load_workload_file(path)), path};
  });
  m.def("load_text", [](const std::string& text, const std::string& source) {
    return PyWorkload{std::make_shared<const Workload>(load_workload_string(text, source)), source};
  });
  m.def("run", &run);
  m.def("compare", &compare);
  m.def("policies", &policies);
  m.def("check_policy", &check);
  m.def("canonical", [](const std::string& spec) { return resolve(PolicyArg{spec}).canonical; });
}

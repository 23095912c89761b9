// Policies written in Python: a C++ Policy that forwards each callback of the policy API
// (api/include/schedlab/policy.hpp) to a Python object, with the GIL taken for each call
// (runs happen with the GIL released, so compare can run Python policies on its threads,
// one callback at a time).
//
// What it adds to the kernel's own checks: pick_next's answer is read and checked in the
// adapter (a task id that exists, is ready, may run on that CPU, a slice > 0), so the
// PolicyError names the callback; a Python exception in a callback is kept (the first
// one of the run) and re-raised by run/compare once the kernel has stopped.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <pybind11/pybind11.h>

#include <schedlab/policy_params.hpp>

namespace schedlab::python {

namespace py = pybind11;

// A Python policy as the runs share it: the factory (a Policy subclass, or any
// callable taking the Context and returning a policy object) and the first Python
// exception a callback raised. Destroyed with the GIL taken, from whatever thread.
struct PythonPolicySource {
  PythonPolicySource(py::object factory, std::string label);
  ~PythonPolicySource();
  PythonPolicySource(const PythonPolicySource&) = delete;
  PythonPolicySource& operator=(const PythonPolicySource&) = delete;

  // Keeps `error` if it is the first; call with the GIL held.
  void keep_error(const py::error_already_set& error);
  // Raises the kept exception, if any (GIL held).
  void rethrow_kept();

  py::object factory;
  std::string label;
  std::mutex mutex;
  std::unique_ptr<py::error_already_set> first_error;
};

// A PolicyConfig whose factory builds the Python policy: label = the class name,
// canonical = "python:NAME".
PolicyConfig python_policy_config(const std::shared_ptr<PythonPolicySource>& source);

// The classes of schedlab._errors, set when the module is imported.
struct ErrorClasses {
  py::handle workload_error, spec_error, policy_error;
};
ErrorClasses& error_classes();

}  // namespace schedlab::python

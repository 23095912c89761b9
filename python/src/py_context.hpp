// The kernel's Context as a Python policy sees it (schedlab.Context). It is valid for
// one run: once the run is over every method raises RuntimeError.
#pragma once

#include <pybind11/pybind11.h>

#include <schedlab/policy.hpp>

namespace schedlab::python {

struct PyContext {
  Context* ctx = nullptr;
  Context& get() const;
};

void bind_context(pybind11::module_& m);

}  // namespace schedlab::python

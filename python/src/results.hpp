// A run's results as plain Python data (dicts and lists of dicts); the Python side
// (schedlab/_run.py) makes DataFrames of them when pandas is there.
#pragma once

#include <pybind11/pybind11.h>

#include <schedlab/report/sweep_results.hpp>
#include <schedlab/run_result.hpp>
#include <schedlab/trace.hpp>

namespace schedlab::python {

// {"summary", "processes", "threads", "slices", "transitions", "output", "deadlock", "json"}.
pybind11::dict run_to_python(const RunResult& result, const Trace& trace);

// The tidy table of a sweep, column by column: workload, policy, seed, metric, value
// (the rows and numbers of `schedlab compare -f csv`) plus status and cpus per row.
pybind11::dict sweep_to_python(const report::SweepResults& results);

}  // namespace schedlab::python

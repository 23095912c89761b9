// Appending one workload, read with its own numbering, to another: how the two parts of
// a split read (workload_loader.cpp) become one Workload before resolve_workload().
#pragma once

#include <schedlab/workload.hpp>

#include "workload_schema.hpp"

namespace schedlab::detail {

// Append `b` (the part of the file after `a`, and its notes) to `a`, renumbering its
// indices: programs, steps and side tables are shifted; named things (variables, kernel
// objects, program names) are matched by name, and their notes keep the first position
// in the file. `b` is left empty or moved from. The
// workload's scalars (name, cpus, limits, costs) and duplicate process names are the
// caller's: appending does not look at them.
void append_workload(Workload& a, SchemaNotes& an, Workload&& b, SchemaNotes&& bn);

}  // namespace schedlab::detail

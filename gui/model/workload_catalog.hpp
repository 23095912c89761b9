// Where workloads come from: the bundled files under workloads/ (found recursively), a
// path the user types or drops on the window, or the built-in example used when
// workloads/default.yaml is missing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <schedlab/workload.hpp>

namespace schedlab::gui {

struct WorkloadEntry {
  std::string path;     // absolute
  std::string display;  // relative to the workloads directory, e.g. "course/deadlock.yaml"
};

// The bundled workloads directory: $SCHEDLAB_WORKLOADS, ./workloads, next to the binary
// (../share/schedlab/workloads, ../../workloads), then the source tree. Empty if none.
std::string find_workloads_dir(const std::string& argv0);

// Every *.yaml / *.yml under `dir`, sorted by display name.
std::vector<WorkloadEntry> list_workloads(const std::string& dir);

// A small workload that shows every state (CPU bursts, I/O, sleep, arrivals on 2 CPUs).
const char* builtin_example_yaml();

// Load a workload file, or the built-in example when `path` is empty. Throws InputError.
std::shared_ptr<const Workload> load_workload(const std::string& path);

}  // namespace schedlab::gui

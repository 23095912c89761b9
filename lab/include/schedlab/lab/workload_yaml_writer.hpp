// Writing generated workloads as workload YAML (docs/workload-format.md) in flow style,
// one process per line, so a million processes (about 70 MB) are written in well under a
// second and still read as a normal file:
//
//   - {name: p1, arrival: 0, program: [{cpu: 5}, {io: 3}, {cpu: 2}]}
//   - {name: p2, arrival: 3, burst: 20}
#pragma once

#include <fmt/format.h>
#include <string>

#include <schedlab/lab/workload_generator.hpp>

namespace schedlab::lab {

// The lines before the first process: comments, name, cpus, "processes:".
void append_workload_header(fmt::memory_buffer& out, const std::string& name, std::uint32_t cpus,
                            const std::string& comment);
// One process line. Priority, tickets and nice are written only when `attributes` says so.
struct WrittenAttributes {
  bool priority = false;
  bool tickets = false;
  bool nice = false;
};
void append_process_line(fmt::memory_buffer& out, const GeneratedProcess& p, const WrittenAttributes& attributes);
// After the processes: a task set's `horizon` (when >= 0).
void append_workload_footer(fmt::memory_buffer& out, Ticks horizon);

}  // namespace schedlab::lab

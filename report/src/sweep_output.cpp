#include "sweep_output.hpp"

#include <fmt/format.h>
#include <fstream>

#include "cli.hpp"
#include "compare_report.hpp"

namespace schedlab::cli {

void write_to_path(const std::string& path, std::ostream& fallback, const std::function<void(OutputBuffer&)>& write) {
  if (path.empty() || path == "-") {
    OutputBuffer buffer(fallback);
    write(buffer);
    return;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw UsageError(fmt::format("cannot write '{}'", path));
  {
    OutputBuffer buffer(file);
    write(buffer);
  }
  file.flush();
  if (!file) throw std::runtime_error(fmt::format("writing '{}' failed", path));
}

void write_sweep(const SweepResults& results, Format format, const std::string& path, std::ostream& out) {
  write_to_path(path, out, [&](OutputBuffer& buffer) {
    switch (format) {
      case Format::Table: write_compare_table(buffer, results); break;
      case Format::Json: write_compare_json(buffer, results); break;
      case Format::Csv: write_compare_csv(buffer, results); break;
    }
  });
}

int sweep_exit_code(const SweepResults& results, std::ostream& err, const std::string& command) {
  std::size_t deadlocks = 0;
  const CellResult* first = nullptr;
  for (const CellResult& c : results.results)
    if (c.status == RunStatus::Deadlock && deadlocks++ == 0) first = &c;
  if (!first) return kExitOk;
  err << fmt::format("schedlab {}: {} run{} ended in deadlock (first: workload {}, policy {}, seed {})\n", command,
                     deadlocks, deadlocks == 1 ? "" : "s", results.workloads[results.workload_of(first->cell)].label,
                     results.policies[results.policy_of(first->cell)].label,
                     results.seeds[results.seed_of(first->cell)]);
  return kExitDeadlock;
}

}  // namespace schedlab::cli

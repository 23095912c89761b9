#include <schedlab/report/sweep_output.hpp>

#include <fmt/format.h>

#include <schedlab/errors.hpp>

#include <schedlab/report/atomic_file.hpp>
#include <schedlab/report/compare_report.hpp>

namespace schedlab::report {

void write_to_path(const std::string& path, std::ostream& fallback, const std::function<void(OutputBuffer&)>& write) {
  if (path.empty() || path == "-") {
    OutputBuffer buffer(fallback);
    write(buffer);
    return;
  }
  AtomicFile file(path);
  {
    OutputBuffer buffer(file.stream());
    write(buffer);
  }
  file.commit();
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

}  // namespace schedlab::report

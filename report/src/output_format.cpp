#include <schedlab/report/output_format.hpp>

#include <fmt/format.h>

#include <schedlab/errors.hpp>

namespace schedlab::report {

Format parse_format(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "json") return Format::Json;
  if (text == "csv") return Format::Csv;
  throw UsageError(fmt::format("unknown --format '{}' (expected table, json or csv)", text));
}

}  // namespace schedlab::report

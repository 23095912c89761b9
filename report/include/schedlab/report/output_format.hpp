// The machine-readable and human forms every report comes in (--format).
#pragma once

#include <string>

namespace schedlab::report {

enum class Format { Table, Json, Csv };

// "table", "json" or "csv"; throws UsageError naming the other.
Format parse_format(const std::string& text);

}  // namespace schedlab::report

// A plain-text table: columns sized to their widest cell, numbers right-aligned.
#pragma once

#include <string>
#include <vector>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::report {

class TextTable {
 public:
  enum class Align { Left, Right };
  void add_column(std::string header, Align align) { columns_.push_back({std::move(header), align, 0}); }
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // A line under the header and before any row added after this call.
  void add_rule() { rules_.push_back(rows_.size()); }
  void render(OutputBuffer& out);

 private:
  struct Column {
    std::string header;
    Align align;
    std::size_t width;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> rules_;
};

}  // namespace schedlab::report

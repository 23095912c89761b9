#include <schedlab/report/text_table.hpp>

#include <algorithm>

namespace schedlab::report {

namespace {
// Display width of UTF-8 text: count code points, not bytes.
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}
}  // namespace

void TextTable::render(OutputBuffer& out) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    columns_[c].width = display_width(columns_[c].header);
    for (const auto& row : rows_)
      if (c < row.size()) columns_[c].width = std::max(columns_[c].width, display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      const std::size_t pad = columns_[c].width - display_width(cell);
      if (c > 0) text += "  ";
      if (columns_[c].align == Align::Right) text.append(pad, ' ');
      text += cell;
      if (columns_[c].align == Align::Left && c + 1 < columns_.size()) text.append(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out.write(text);
    out.write("\n");
  };
  auto rule = [&]() {
    std::size_t total = 0;
    for (const Column& c : columns_) total += c.width;
    total += 2 * (columns_.empty() ? 0 : columns_.size() - 1);
    std::string dashes;
    for (std::size_t i = 0; i < total; ++i) dashes += "\u2500";
    out.write(dashes);
    out.write("\n");
  };
  std::vector<std::string> headers;
  for (const Column& c : columns_) headers.push_back(c.header);
  line(headers);
  rule();
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    if (std::find(rules_.begin(), rules_.end(), r) != rules_.end()) rule();
    line(rows_[r]);
  }
}

}  // namespace schedlab::report

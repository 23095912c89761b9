#include <schedlab/report/output_buffer.hpp>

namespace schedlab::report {

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out.append(std::string_view("\\\"")); break;
      case '\\': out.append(std::string_view("\\\\")); break;
      case '\n': out.append(std::string_view("\\n")); break;
      case '\r': out.append(std::string_view("\\r")); break;
      case '\t': out.append(std::string_view("\\t")); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
          out.push_back(c);
    }
  }
  out.push_back('"');
}

void append_json_double(fmt::memory_buffer& out, double v) {
  const std::size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", v);
  for (std::size_t i = start; i < out.size(); ++i)
    if (out[i] == '.' || out[i] == 'e' || out[i] == 'n' || out[i] == 'i') return;
  out.append(std::string_view(".0"));
}

void append_csv_field(fmt::memory_buffer& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace schedlab::report

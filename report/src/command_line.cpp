#include <schedlab/report/command_line.hpp>

namespace schedlab::report {

std::string shell_quote(std::string_view s) {
  const bool plain = !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                       "0123456789-_./:=,+@%^") == std::string_view::npos;
  if (plain) return std::string(s);
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  out += '\'';
  return out;
}

std::string shell_quote_all(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ' ';
    out += shell_quote(item);
  }
  return out;
}

std::string command_line_text(std::string_view command, const std::vector<std::string>& args) {
  std::string text = "schedlab ";
  text += command;
  for (const std::string& a : args) {
    text += ' ';
    text += shell_quote(a);
  }
  return text;
}

}  // namespace schedlab::report

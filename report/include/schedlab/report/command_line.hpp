// The command line as a user could paste it back into a shell (for reports and the
// comments of generated files: "this is exactly what produced it").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schedlab::report {

// `s` quoted for a POSIX shell when it needs it: abc stays abc, "a b" becomes 'a b'.
std::string shell_quote(std::string_view s);
// The items quoted as needed and joined by single spaces ("a 'b c' d").
std::string shell_quote_all(const std::vector<std::string>& items);
// "schedlab COMMAND ARG ARG..." with each argument quoted as needed.
std::string command_line_text(std::string_view command, const std::vector<std::string>& args);

}  // namespace schedlab::report

// One function per subcommand; each returns the process exit code.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace schedlab::cli {

int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_policies(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_ps(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_check_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_gen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_explore(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_ostep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace schedlab::cli

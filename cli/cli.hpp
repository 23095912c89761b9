// The `schedlab` command line as a library, so tests can run it in-process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace schedlab::cli {

// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // anything unexpected; a policy breaking its contract
inline constexpr int kExitUsage = 2;    // bad command line or bad input file
inline constexpr int kExitDeadlock = 3; // the run ended in a deadlock
inline constexpr int kExitInterrupted = 130;  // Ctrl-C (128 + SIGINT)

// `args` excludes the program name. Machine output goes to `out`, diagnostics to `err`.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace schedlab::cli

// The conformance harness of `schedlab ostep`: the grids of flags each homework is checked
// over, running a script and schedlab, and the golden files (the scripts' outputs kept
// under tests/ostep/golden/ for the first cases of each grid).
#pragma once

#include <string>
#include <vector>

namespace ostep_test {

using Args = std::vector<std::string>;

struct Case {
  Args args;            // the script's flags
  std::string output;   // its standard output
};

// Every case of a homework's grid (>= 200 seeds), in a fixed order.
std::vector<Args> grid(const std::string& homework);
// How many of the grid's first cases the golden file keeps.
std::size_t golden_count(const std::string& homework);

// The script's relative path in an ostep-homework checkout.
std::string script_path(const std::string& homework);
// Runs `python3 SCRIPT ARGS...` (OSTEP_PYTHON overrides python3); its standard output.
std::string run_script(const std::string& script, const Args& args, int& status);
// `schedlab ostep HOMEWORK ARGS...`, in process; its standard output.
std::string run_schedlab(const std::string& homework, const Args& args, int& status);

std::string golden_path(const std::string& homework);
std::vector<Case> read_golden(const std::string& path);
void write_golden(const std::string& path, const std::vector<Case>& cases);
std::string join(const Args& args);

}  // namespace ostep_test

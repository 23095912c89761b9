// Loading a program for `schedlab explore` (the host side of real_program.hpp).
//
// Like a policy plugin, a program is native code run with the rights of the user. Every
// problem the loader can see (no such file, a directory, not a shared library, an
// unresolved symbol, no `schedlab_program`, another API version, C++ library or Runtime
// layout) is one InputError line: "program 'PATH': what". The library is never unloaded.
#pragma once

#include <string>

#include <schedlab/explore.hpp>

namespace schedlab::real {

struct LoadedProgram {
  std::string path;         // as given
  std::string name;         // SCHEDLAB_PROGRAM's NAME
  std::string description;  // its DESCRIPTION
  Program program;          // sets up one run: give it to explore() or replay()
};

LoadedProgram load_program(const std::string& path);

}  // namespace schedlab::real

// Writing a program for `schedlab explore`: a shared library exporting one C function,
// `schedlab_program`, that describes a real::Program (explore.hpp). The SCHEDLAB_PROGRAM
// macro writes it:
//
//   #include <schedlab/real_program.hpp>
//
//   void setup(schedlab::real::Runtime& rt) {   // one run, from scratch
//     auto counter = std::make_shared<int>(2);  // state of this run only
//     for (int i = 0; i < 2; ++i)
//       rt.spawn_thread("worker", [=](schedlab::real::Sys& sys) {
//         const int seen = *counter; sys.compute(2); *counter = seen - 1;
//       });
//     rt.check_at_end([=](const schedlab::RunResult&) { return *counter == 0 ? "" : "lost update"; });
//   }
//   SCHEDLAB_PROGRAM("counter", "two threads decrement a counter without a lock", setup)
//
// Build it as a MODULE library linked with schedlab::kernel (CMake:
// schedlab_add_real_program, cmake/schedlabPluginHelpers.cmake), then
//   schedlab explore ./libcounter.so --strategy random
//
// Unlike a policy plugin, a program calls into the kernel (Runtime, Sys, the kernel's
// objects): it carries its own copy of the kernel library, which works on the host's
// Runtime. Both copies must be the same code: build the program against the schedlab that
// loads it, with the same compiler. The host checks the API version, the C++ library and
// the size of real::Runtime before it calls `setup`, and reports a mismatch as one line.
#pragma once

#include <cstddef>

#include <schedlab/plugin.hpp>  // SCHEDLAB_CXX_ABI, SCHEDLAB_PLUGIN_EXPORT
#include <schedlab/real_runtime.hpp>

namespace schedlab::real {
// Bumped whenever Runtime, Sys, AsyncSys or the calls they make change incompatibly.
inline constexpr int kProgramApiVersion = 1;
}  // namespace schedlab::real

// What schedlab_program() returns. Plain C data; the first two fields never move.
struct SchedlabProgram {
  int api_version;             // schedlab::real::kProgramApiVersion the program was built with
  const char* cxx_abi;         // SCHEDLAB_CXX_ABI of its compiler
  std::size_t runtime_size;    // sizeof(schedlab::real::Runtime) as it was compiled
  const char* name;            // short name, for reports and trace titles
  const char* description;     // one line
  void (*setup)(schedlab::real::Runtime& runtime);  // sets up one run (a real::Program)
};

#define SCHEDLAB_PROGRAM_ENTRY "schedlab_program"
using SchedlabProgramEntry = const SchedlabProgram* (*)();

// Define the entry point. NAME, DESCRIPTION: string literals; SETUP: a function
// `void (schedlab::real::Runtime&)`. Once per shared library, at global scope.
#define SCHEDLAB_PROGRAM(NAME, DESCRIPTION, SETUP)                                                        \
  extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabProgram* schedlab_program() {                          \
    static const SchedlabProgram program{::schedlab::real::kProgramApiVersion, SCHEDLAB_CXX_ABI,         \
                                         sizeof(::schedlab::real::Runtime), NAME, DESCRIPTION, &SETUP}; \
    return &program;                                                                                      \
  }

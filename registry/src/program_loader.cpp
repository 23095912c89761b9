// Loading explore's programs: dlopen (shared_library.cpp, the checks plugins get too),
// then the handshake of real_program.hpp before any C++ object crosses the boundary.
#include <schedlab/program_loader.hpp>

#include <cstring>
#include <fmt/format.h>

#include <schedlab/real_program.hpp>

#include "shared_library.hpp"

namespace schedlab::real {

LoadedProgram load_program(const std::string& path) {
  auto fail = [&](const std::string& what) { return InputError(fmt::format("program '{}': {}", path, what)); };
  if (path.empty()) throw InputError("no program file given");
  void* handle = schedlab::detail::open_shared_library(path, fail);
  void* symbol = schedlab::detail::find_symbol(handle, SCHEDLAB_PROGRAM_ENTRY);
  if (symbol == nullptr) {
    schedlab::detail::close_shared_library(handle);
    throw fail("not a schedlab program: it does not export '" SCHEDLAB_PROGRAM_ENTRY
               "' (define it with SCHEDLAB_PROGRAM, see docs/real-tasks.md)");
  }
  // From here on its code has run: never dlclose (its std::functions may outlive a handle).
  const SchedlabProgram* p = reinterpret_cast<SchedlabProgramEntry>(symbol)();
  if (p == nullptr) throw fail("its '" SCHEDLAB_PROGRAM_ENTRY "' returned no description");
  if (p->api_version != kProgramApiVersion)
    throw fail(fmt::format("built for program API version {}, but this schedlab has version {} "
                           "(rebuild the program against this schedlab's headers)",
                           p->api_version, kProgramApiVersion));
  if (p->cxx_abi == nullptr || std::strcmp(p->cxx_abi, SCHEDLAB_CXX_ABI) != 0)
    throw fail(fmt::format("built with the C++ library '{}', but this schedlab uses '{}' "
                           "(build the program with the same compiler and library)",
                           p->cxx_abi ? p->cxx_abi : "(none)", SCHEDLAB_CXX_ABI));
  if (p->runtime_size != sizeof(Runtime))
    throw fail(fmt::format("built against another schedlab (its Runtime has {} bytes, this one {}): "
                           "rebuild the program against this schedlab",
                           p->runtime_size, sizeof(Runtime)));
  if (p->setup == nullptr) throw fail("its description has no setup function");
  LoadedProgram loaded;
  loaded.path = path;
  loaded.name = p->name != nullptr ? p->name : "";
  loaded.description = p->description != nullptr ? p->description : "";
  loaded.program = p->setup;
  return loaded;
}

}  // namespace schedlab::real

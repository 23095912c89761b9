// Opening a shared library named on the command line: what policy plugins
// (plugin_loader.cpp) and explore's programs (program_loader.cpp) share, so both report
// a missing file, a directory, a file that is not a shared library or an unresolved
// symbol in the same words.
#pragma once

#include <functional>
#include <string>

#include <schedlab/errors.hpp>

namespace schedlab::detail {

// Builds the caller's error for one problem ("plugin 'x.so': no such file").
using LibraryError = std::function<InputError(const std::string& what)>;

// dlopen `path` with RTLD_NOW | RTLD_LOCAL: every symbol resolves now, not in the middle
// of a run. A path without '/' is taken relative to the working directory, never searched
// for. Throws fail(...) when the file is missing, a directory, not a shared library, or
// cannot be loaded.
void* open_shared_library(const std::string& path, const LibraryError& fail);

// The address of `symbol` in `handle`, or nullptr.
void* find_symbol(void* handle, const char* symbol);

// Give up a library none of whose code has run.
void close_shared_library(void* handle);

}  // namespace schedlab::detail

// dlopen with the checks and messages every loader of schedlab shares (shared_library.hpp).
#include "shared_library.hpp"

#include <dlfcn.h>
#include <filesystem>
#include <fmt/format.h>

#include <schedlab/demangle.hpp>

namespace schedlab::detail {

namespace {

// dlerror() text without the leading "PATH: " it repeats; mangled symbol names demangled.
std::string dl_reason(const std::string& opened) {
  const char* e = dlerror();
  std::string text = e ? e : "unknown error";
  if (text.rfind(opened + ": ", 0) == 0) text.erase(0, opened.size() + 2);
  const std::string undefined = "undefined symbol: ";
  if (const auto at = text.find(undefined); at != std::string::npos) {
    const std::size_t start = at + undefined.size();
    std::size_t end = start;
    while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != '\t') ++end;
    const std::string symbol = text.substr(start, end - start);
    const std::string readable = demangle(symbol.c_str());
    if (readable != symbol) text.replace(start, end - start, readable);
  }
  return text;
}

}  // namespace

void* open_shared_library(const std::string& path, const LibraryError& fail) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw fail("no such file");
  if (std::filesystem::is_directory(status)) throw fail("is a directory, not a shared library");

  // A name without '/' would make dlopen search the library path: load the file given.
  const std::string opened = path.find('/') == std::string::npos ? "./" + path : path;
  dlerror();
  void* handle = dlopen(opened.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const std::string reason = dl_reason(opened);
    if (reason.find("invalid ELF header") != std::string::npos || reason.find("file too short") != std::string::npos)
      throw fail(fmt::format("not a shared library ({})", reason));
    throw fail(fmt::format("cannot load it: {}", reason));
  }
  return handle;
}

void* find_symbol(void* handle, const char* symbol) {
  dlerror();
  return dlsym(handle, symbol);
}

void close_shared_library(void* handle) { dlclose(handle); }

}  // namespace schedlab::detail

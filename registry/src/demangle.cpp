// Demangling with the C++ ABI's __cxa_demangle (demangle.hpp).
#include <schedlab/demangle.hpp>

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <typeinfo>

namespace schedlab {

std::string demangle(const char* name) {
  if (name == nullptr) return "an unknown type";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && out ? std::string(out.get()) : std::string(name);
}

std::string current_exception_type() {
  const std::type_info* t = abi::__cxa_current_exception_type();
  return demangle(t ? t->name() : nullptr);
}

}  // namespace schedlab

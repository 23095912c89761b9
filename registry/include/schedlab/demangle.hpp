// C++ names as their author wrote them, for messages about code schedlab loads or runs:
// the type of an exception that escaped a policy, the symbol a plugin could not resolve.
#pragma once

#include <string>

namespace schedlab {

// `name` demangled ("std::runtime_error" for typeid(e).name()); `name` itself when it is
// not a mangled name; "an unknown type" for nullptr.
std::string demangle(const char* name);

// The type of the exception being handled, demangled ("an unknown type" when the runtime
// does not know it). Call inside a catch block only.
std::string current_exception_type();

}  // namespace schedlab

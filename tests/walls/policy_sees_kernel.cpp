// Must not compile: a policy is built with api/ alone, so the kernel's headers are not
// on its include path (tests/walls/CMakeLists.txt).
#include <schedlab/policy.hpp>
#include <schedlab/kernel.hpp>

int schedlab_wall_breach() { return 0; }

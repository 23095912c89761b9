// Programs `schedlab explore` must refuse with one line, built as modules like good ones
// (tests/explore/CMakeLists.txt picks one with BAD_PROGRAM).
#include <schedlab/real_program.hpp>

namespace {

[[maybe_unused]] void setup(schedlab::real::Runtime&) {}

}  // namespace

#if BAD_PROGRAM == 1  // no entry point at all
extern "C" SCHEDLAB_PLUGIN_EXPORT int not_a_program() { return 0; }
#elif BAD_PROGRAM == 2  // built for another API version
extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabProgram* schedlab_program() {
  static const SchedlabProgram program{schedlab::real::kProgramApiVersion + 1, SCHEDLAB_CXX_ABI,
                                       sizeof(schedlab::real::Runtime), "future", "from a later schedlab", &setup};
  return &program;
}
#elif BAD_PROGRAM == 3  // against a Runtime of another size (another schedlab build)
extern "C" SCHEDLAB_PLUGIN_EXPORT const SchedlabProgram* schedlab_program() {
  static const SchedlabProgram program{schedlab::real::kProgramApiVersion, SCHEDLAB_CXX_ABI,
                                       sizeof(schedlab::real::Runtime) + 8, "other", "another build", &setup};
  return &program;
}
#endif

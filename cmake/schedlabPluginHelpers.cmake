# schedlab_add_policy_plugin(NAME SOURCES...)
#
# A policy plugin: a shared library (MODULE: loaded with dlopen, never linked against)
# named libNAME.so in the current binary directory, built against schedlab::policy_api,
# with hidden symbols except its schedlab_plugin entry point. Load it with
#   schedlab run WORKLOAD --plugin ./libNAME.so --policy POLICY
function(schedlab_add_policy_plugin name)
  if(ARGC LESS 2)
    message(FATAL_ERROR "schedlab_add_policy_plugin(${name}): give the plugin's source files")
  endif()
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE schedlab::policy_api)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()

# schedlab_add_real_program(NAME SOURCES...)
#
# A program for `schedlab explore` (schedlab/real_program.hpp): a MODULE library named
# libNAME.so, linked with its own copy of schedlab::real (the runtime and the kernel), exporting nothing but its
# schedlab_program entry point (the kernel's symbols stay private to it). Explore it with
#   schedlab explore ./libNAME.so --strategy random
function(schedlab_add_real_program name)
  if(ARGC LESS 2)
    message(FATAL_ERROR "schedlab_add_real_program(${name}): give the program's source files")
  endif()
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE schedlab::real)
  target_link_options(${name} PRIVATE "LINKER:--exclude-libs,ALL")
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()

# `cmake --install`: the programs, the public headers, the libraries and a CMake package
# (lib/cmake/schedlab) so that an out-of-tree project can write
#
#   find_package(schedlab REQUIRED)
#   schedlab_add_policy_plugin(mypolicy mypolicy.cpp)      # or: add_library(mypolicy MODULE ...)
#                                                          #     target_link_libraries(mypolicy PRIVATE schedlab::policy_api)
#
# Exported targets (namespace schedlab::):
#   policy_api      header-only (api/): types.hpp, policy_params.hpp, policy.hpp, plugin.hpp and
#                   the helpers under schedlab/policies/. All a plugin needs; no dependencies.
#   kernel, workload, real, policies, registry   the static libraries (COMPONENTS kernel): for
#                   programs that embed the simulator (kernel/, workload/, real/, policies/,
#                   registry/). They bring fmt, libyaml and Threads along. plugin_loader
#                   (registry's former name) is kept as an alias of registry.
# Layout under the prefix:
#   bin/schedlab, bin/schedlab-gui (when built)
#   include/schedlab/*.hpp, include/schedlab/policies/*.hpp
#   lib/libschedlab_*.a, lib/cmake/schedlab/*.cmake
#   share/schedlab/workloads/ (the bundled workloads), share/schedlab/examples/ (plugin template)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SCHEDLAB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/schedlab)
# The number alone (schedlabConfig.cmake's SCHEDLAB_POLICY_API_VERSION).
file(STRINGS ${PROJECT_SOURCE_DIR}/api/include/schedlab/policy.hpp _schedlab_api_line
     REGEX "^inline constexpr int kPolicyApiVersion = [0-9]+;")
string(REGEX MATCH "[0-9]+" SCHEDLAB_POLICY_API_VERSION "${_schedlab_api_line}")
if(NOT SCHEDLAB_POLICY_API_VERSION)
  message(FATAL_ERROR "cannot read kPolicyApiVersion from api/include/schedlab/policy.hpp")
endif()

set(SCHEDLAB_INSTALLED_LIBRARIES schedlab_kernel schedlab_workload schedlab_real schedlab_policies schedlab_registry)
set_target_properties(schedlab_api PROPERTIES EXPORT_NAME policy_api)
foreach(lib ${SCHEDLAB_INSTALLED_LIBRARIES})
  string(REPLACE "schedlab_" "" export_name ${lib})
  set_target_properties(${lib} PROPERTIES EXPORT_NAME ${export_name})
endforeach()
# Linked privately by the static libraries (LINK_ONLY: adds nothing to a consumer).
set_target_properties(schedlab_warnings PROPERTIES EXPORT_NAME build_warnings)

install(TARGETS schedlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS schedlab_api EXPORT schedlabPolicyApiTargets)
install(TARGETS ${SCHEDLAB_INSTALLED_LIBRARIES} schedlab_warnings
        EXPORT schedlabLibraryTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# Every library's public headers land in one include/schedlab/ (the paths code includes).
foreach(dir api kernel workload real policies registry)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/include/schedlab DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
          FILES_MATCHING PATTERN "*.hpp")
endforeach()

install(EXPORT schedlabPolicyApiTargets NAMESPACE schedlab:: DESTINATION ${SCHEDLAB_CMAKE_DIR})
install(EXPORT schedlabLibraryTargets NAMESPACE schedlab:: DESTINATION ${SCHEDLAB_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/schedlabConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/schedlabConfig.cmake
  INSTALL_DESTINATION ${SCHEDLAB_CMAKE_DIR})
# The plugin ABI (kPolicyApiVersion) is checked at load time; the package version says
# which schedlab this is: same major version required.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/schedlabConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/schedlabConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/schedlabConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/schedlabPluginHelpers.cmake
        DESTINATION ${SCHEDLAB_CMAKE_DIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/workloads/ DESTINATION ${CMAKE_INSTALL_DATADIR}/schedlab/workloads
        FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/policies/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/schedlab/examples)

# ctest plugins.OutOfTreeExample: what a plugin author does, from an installed copy.
#   1. cmake --install this build into WORK_DIR/prefix
#   2. configure policies/examples/ out of tree with -DCMAKE_PREFIX_PATH=WORK_DIR/prefix
#      (same generator, make program, compiler and build type as this build)
#   3. build it, load libfgbg.so into the installed schedlab with --plugin, and check the
#      schedule, the policy listing and check-policy exactly.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR MAKE_PROGRAM CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "out_of_tree_test.cmake: -D${var}=... is required")
  endif()
endforeach()

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${out}\n${err}")
  endif()
  set(STEP_OUT "${out}" PARENT_SCOPE)
endfunction()

function(expect_equal what actual expected)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${what}: expected\n${expected}\ngot\n${actual}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file bin/schedlab include/schedlab/policy.hpp include/schedlab/plugin.hpp
             include/schedlab/policies/ready_fifo.hpp share/schedlab/workloads/default.yaml
             share/schedlab/examples/fgbg.cpp)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "cmake --install did not install ${file}")
  endif()
endforeach()
file(GLOB config ${prefix}/lib*/cmake/schedlab/schedlabConfig.cmake ${prefix}/lib/*/cmake/schedlab/schedlabConfig.cmake)
if(NOT config)
  message(FATAL_ERROR "cmake --install did not install the CMake package (lib/cmake/schedlab/schedlabConfig.cmake)")
endif()

# The example is copied first: its own directory must be enough.
file(COPY ${SOURCE_DIR}/policies/examples/ DESTINATION ${WORK_DIR}/src)
set(build ${WORK_DIR}/build)
step("configuring the example" ${CMAKE_COMMAND} -S ${WORK_DIR}/src -B ${build} -G ${GENERATOR}
     -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
     -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
file(STRINGS ${build}/CMakeCache.txt found REGEX "^schedlab_DIR:")
string(FIND "${found}" "${prefix}/" at)
if(NOT at GREATER -1)
  message(FATAL_ERROR "find_package(schedlab) did not use the installed copy: ${found}")
endif()
step("building the example" ${CMAKE_COMMAND} --build ${build})
set(plugin ${build}/libfgbg.so)
set(schedlab ${prefix}/bin/schedlab)
set(workload ${SOURCE_DIR}/tests/plugins/fgbg.yaml)

step("schedlab run" ${schedlab} run ${workload} --plugin ${plugin} --policy fgbg:quantum=2 --format csv
     --trace-text ${WORK_DIR}/trace.txt)
expect_equal("schedlab run --format csv" "${STEP_OUT}" [=[pid,ppid,name,arrival,first_run,completion,turnaround,response,waiting,cpu_time,io_time,blocked_time,exit_code,exit_reason
2,1,batch,0,0,19,19,0,9,10,0,0,0,exited
3,1,editor,2,2,13,11,0,2,5,4,4,0,exited
4,1,shell,3,4,9,6,1,2,4,0,0,0,exited
5,1,backup,4,19,22,18,15,15,3,0,0,0,exited
]=])
file(STRINGS ${WORK_DIR}/trace.txt slices REGEX "slice")
string(REPLACE ";" "\n" slices "${slices}")
expect_equal("the run slices" "${slices}" [=[slice 0 cpu0 [0,2) preempted
slice 1 cpu0 [2,4) quantum_expired
slice 2 cpu0 [4,6) quantum_expired
slice 1 cpu0 [6,7) burst_done
slice 2 cpu0 [7,9) exited
slice 0 cpu0 [9,11) preempted
slice 1 cpu0 [11,13) exited
slice 0 cpu0 [13,19) exited
slice 3 cpu0 [19,22) exited]=])

step("schedlab policies" ${schedlab} policies --plugin ${plugin})
string(REGEX MATCH "fgbg[^\n]*" listed "${STEP_OUT}")
expect_equal("schedlab policies" "${listed}"
             "fgbg       foreground round robin over background FCFS (by priority) [plugin ${plugin}]")

step("schedlab check-policy" ${schedlab} check-policy --plugin ${plugin} --policy fgbg --starvation 0)
string(REGEX MATCH "\nno violations\n$" clean "${STEP_OUT}")
if(NOT clean)
  message(FATAL_ERROR "check-policy found violations in the example:\n${STEP_OUT}")
endif()
message(STATUS "out-of-tree example: installed, built, loaded and checked")

# ctest install.EmbeddingConsumer: cmake --install this build, build tests/install/consumer
# against the installed package (find_package(schedlab COMPONENTS kernel)) and run it.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR MAKE_PROGRAM CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()
function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${out}\n${err}")
  endif()
  set(STEP_OUT "${out}" PARENT_SCOPE)
endfunction()
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
step("configuring the consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK_DIR}/build
     -G ${GENERATOR} -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
     "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
step("building the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
foreach(program consumer consumer_old_names)
  step("running ${program}" ${WORK_DIR}/build/${program} ${SOURCE_DIR}/workloads/default.yaml)
  if(NOT STEP_OUT MATCHES "^[0-9]+ [0-9]+ [0-9]+\n$")
    message(FATAL_ERROR "${program} printed '${STEP_OUT}'")
  endif()
endforeach()
message(STATUS "embedding consumer: installed, built, run: ${STEP_OUT}")

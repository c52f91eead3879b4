# Builds and runs one consumer project against this build of partner_center.
#
#   cmake -DCONSUMER=find_package|add_subdirectory -DCONSUMER_SOURCE_DIR=... \
#         -DCONSUMER_BINARY_DIR=... -DPARTNER_CENTER_SOURCE_DIR=... \
#         -DPARTNER_CENTER_BINARY_DIR=... -DPARTNER_CENTER_PREFIX=... [-DCONFIG=...] \
#         [-DGENERATOR=...] [-DMAKE_PROGRAM=...] [-DCXX_COMPILER=...] [-DCXX_FLAGS=...] \
#         [-DBoost_DIR=...] -P run_consumer.cmake
#
# find_package:     installs PARTNER_CENTER_BINARY_DIR into PARTNER_CENTER_PREFIX and points
#                   the consumer there with CMAKE_PREFIX_PATH.
# add_subdirectory: hands the consumer PARTNER_CENTER_SOURCE_DIR.
cmake_minimum_required(VERSION 3.25)

foreach(required IN ITEMS CONSUMER CONSUMER_SOURCE_DIR CONSUMER_BINARY_DIR
                          PARTNER_CENTER_SOURCE_DIR PARTNER_CENTER_BINARY_DIR
                          PARTNER_CENTER_PREFIX)
  if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: -D${required}=... is required")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

# Runs one step; on failure stops with the step's whole output.
function(run_step name)
  string(JOIN " " command_line ${ARGN})
  message(STATUS "consumer.${CONSUMER}: ${name}: ${command_line}")
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    # NOTICE prints the output as is; FATAL_ERROR would re-wrap compiler messages.
    message(NOTICE "${output}")
    message(FATAL_ERROR "consumer.${CONSUMER}: ${name} failed (${result}), output above")
  endif()
endfunction()

# Start from nothing, so a stale cache or a file left by an older install cannot hide a fault.
file(REMOVE_RECURSE "${CONSUMER_BINARY_DIR}")

set(configure_args -S "${CONSUMER_SOURCE_DIR}" -B "${CONSUMER_BINARY_DIR}"
  "-DCMAKE_BUILD_TYPE=${CONFIG}")
if(GENERATOR)
  list(APPEND configure_args -G "${GENERATOR}")
endif()
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CXX_FLAGS)
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
endif()
if(Boost_DIR)
  list(APPEND configure_args "-DBoost_DIR=${Boost_DIR}")
endif()

if(CONSUMER STREQUAL "find_package")
  file(REMOVE_RECURSE "${PARTNER_CENTER_PREFIX}")
  run_step(install ${CMAKE_COMMAND} --install "${PARTNER_CENTER_BINARY_DIR}"
    --prefix "${PARTNER_CENTER_PREFIX}" --config "${CONFIG}")
  list(APPEND configure_args
    "-DCMAKE_PREFIX_PATH=${PARTNER_CENTER_PREFIX}"
    # Only the fresh install may satisfy find_package(partner_center).
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(CONSUMER STREQUAL "add_subdirectory")
  list(APPEND configure_args "-DPARTNER_CENTER_SOURCE_DIR=${PARTNER_CENTER_SOURCE_DIR}")
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown CONSUMER '${CONSUMER}'")
endif()

run_step(configure ${CMAKE_COMMAND} ${configure_args})

if(CONSUMER STREQUAL "find_package")
  # Guard against the package being found somewhere other than the fresh prefix.
  file(STRINGS "${CONSUMER_BINARY_DIR}/CMakeCache.txt" found_dir
    REGEX "^partner_center_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
  file(REAL_PATH "${found_dir}" found_dir)
  file(REAL_PATH "${PARTNER_CENTER_PREFIX}" prefix_dir)
  cmake_path(IS_PREFIX prefix_dir "${found_dir}" found_in_prefix)
  if(NOT found_in_prefix)
    message(FATAL_ERROR
      "consumer.find_package: partner_center found in '${found_dir}', not under '${prefix_dir}'")
  endif()
endif()

run_step(build ${CMAKE_COMMAND} --build "${CONSUMER_BINARY_DIR}" --config "${CONFIG}")

# Single-config generators put the program at the top, multi-config ones under the config.
set(program "${CONSUMER_BINARY_DIR}/consumer${CMAKE_EXECUTABLE_SUFFIX}")
if(NOT EXISTS "${program}")
  set(program "${CONSUMER_BINARY_DIR}/${CONFIG}/consumer${CMAKE_EXECUTABLE_SUFFIX}")
endif()
run_step(run "${program}")
message(STATUS "consumer.${CONSUMER}: passed")

# Builds and runs one consumer project against this build of partner_center.
#
#   cmake -DCONSUMER=install|find_package|pkg_config|add_subdirectory|fetch_content \
#         -DCONSUMER_SOURCE_DIR=... -DCONSUMER_BINARY_DIR=... -DPARTNER_CENTER_SOURCE_DIR=... \
#         -DPARTNER_CENTER_BINARY_DIR=... -DPARTNER_CENTER_PREFIX=... [-DCONFIG=...] \
#         [-DGENERATOR=...] [-DMAKE_PROGRAM=...] [-DCXX_COMPILER=...] [-DCXX_FLAGS=...] \
#         [-DBoost_DIR=...] [-DPKG_CONFIG=...] [-DPKGCONFIG_SUBDIR=...] -P run_consumer.cmake
#
# install:          installs PARTNER_CENTER_BINARY_DIR into PARTNER_CENTER_PREFIX, afresh; the
#                   next two share that prefix (a CTest fixture runs this first).
# find_package:     points a CMake consumer at the prefix with CMAKE_PREFIX_PATH.
# pkg_config:       compiles consumer.cpp (beside CONSUMER_SOURCE_DIR, as for the CMake
#                   consumers) with CXX_COMPILER, CXX_FLAGS and what
#                   `pkg-config --cflags --libs partner_center` says for the prefix; no CMake.
# add_subdirectory, fetch_content: hand a CMake consumer PARTNER_CENTER_SOURCE_DIR, then install
#                   the consumer and check that none of partner_center was installed with it.
cmake_minimum_required(VERSION 3.25)

set(required_variables CONSUMER PARTNER_CENTER_BINARY_DIR PARTNER_CENTER_PREFIX)
if(NOT CONSUMER STREQUAL "install")
  list(APPEND required_variables CONSUMER_SOURCE_DIR CONSUMER_BINARY_DIR PARTNER_CENTER_SOURCE_DIR)
endif()
foreach(required IN LISTS required_variables)
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

if(CONSUMER STREQUAL "install")
  # Start from nothing, so a file left by an older install cannot hide a fault.
  file(REMOVE_RECURSE "${PARTNER_CENTER_PREFIX}")
  run_step(install ${CMAKE_COMMAND} --install "${PARTNER_CENTER_BINARY_DIR}"
    --prefix "${PARTNER_CENTER_PREFIX}" --config "${CONFIG}")
  message(STATUS "consumer.install: passed")
  return()
endif()

# Fails unless `path` lies under `prefix` (both resolved), so a stale copy of partner_center
# elsewhere on the machine cannot stand in for the fresh install.
function(require_under_prefix what path)
  file(REAL_PATH "${path}" path)
  file(REAL_PATH "${PARTNER_CENTER_PREFIX}" prefix)
  cmake_path(IS_PREFIX prefix "${path}" inside)
  if(NOT inside)
    message(FATAL_ERROR "consumer.${CONSUMER}: ${what} found in '${path}', not under '${prefix}'")
  endif()
endfunction()

# Start from nothing, so a stale cache cannot hide a fault.
file(REMOVE_RECURSE "${CONSUMER_BINARY_DIR}")
set(program "${CONSUMER_BINARY_DIR}/consumer${CMAKE_EXECUTABLE_SUFFIX}")

if(CONSUMER STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    set(PKG_CONFIG pkg-config)
  endif()
  file(MAKE_DIRECTORY "${CONSUMER_BINARY_DIR}")
  # The fresh install's partner_center.pc first; libpcre2-8.pc still comes from the system.
  if(NOT PKGCONFIG_SUBDIR)
    set(PKGCONFIG_SUBDIR share/pkgconfig)
  endif()
  set(ENV{PKG_CONFIG_PATH} "${PARTNER_CENTER_PREFIX}/${PKGCONFIG_SUBDIR}")
  execute_process(COMMAND ${PKG_CONFIG} --variable=pcfiledir partner_center
    OUTPUT_VARIABLE pc_dir OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  require_under_prefix(partner_center.pc "${pc_dir}")
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs partner_center
    OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  separate_arguments(cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
  if(NOT CXX_COMPILER)
    set(CXX_COMPILER c++)
  endif()
  # -std=c++20 is the user's to give (the .pc file says so); the libraries come after the source.
  cmake_path(GET CONSUMER_SOURCE_DIR PARENT_PATH consumers_dir)
  run_step(compile ${CXX_COMPILER} ${cxx_flags} -std=c++20
    "${consumers_dir}/consumer.cpp" -o "${program}" ${pc_flags})
  run_step(run "${program}")
  message(STATUS "consumer.${CONSUMER}: passed")
  return()
endif()

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
  list(APPEND configure_args
    "-DCMAKE_PREFIX_PATH=${PARTNER_CENTER_PREFIX}"
    # Only the fresh install may satisfy find_package(partner_center).
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(CONSUMER MATCHES "^(add_subdirectory|fetch_content)$")
  list(APPEND configure_args "-DPARTNER_CENTER_SOURCE_DIR=${PARTNER_CENTER_SOURCE_DIR}")
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown CONSUMER '${CONSUMER}'")
endif()

run_step(configure ${CMAKE_COMMAND} ${configure_args})

if(CONSUMER STREQUAL "find_package")
  file(STRINGS "${CONSUMER_BINARY_DIR}/CMakeCache.txt" found_dir
    REGEX "^partner_center_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
  require_under_prefix(partner_center "${found_dir}")
endif()

run_step(build ${CMAKE_COMMAND} --build "${CONSUMER_BINARY_DIR}" --config "${CONFIG}")

# Single-config generators put the program at the top, multi-config ones under the config.
if(NOT EXISTS "${program}")
  set(program "${CONSUMER_BINARY_DIR}/${CONFIG}/consumer${CMAKE_EXECUTABLE_SUFFIX}")
endif()
run_step(run "${program}")

if(NOT CONSUMER STREQUAL "find_package")
  # A vendored partner_center is the consumer's build detail: installing the consumer must
  # install its program and nothing of ours (no headers, no CMake package, no .pc file).
  set(consumer_prefix "${CONSUMER_BINARY_DIR}/installed")
  run_step(install ${CMAKE_COMMAND} --install "${CONSUMER_BINARY_DIR}"
    --prefix "${consumer_prefix}" --config "${CONFIG}")
  file(GLOB_RECURSE installed RELATIVE "${consumer_prefix}" LIST_DIRECTORIES true
    "${consumer_prefix}/*")
  list(FILTER installed INCLUDE REGEX "partner_center")
  if(installed)
    list(JOIN installed "\n  " installed)
    message(FATAL_ERROR
      "consumer.${CONSUMER}: installing the consumer installed partner_center too:\n  ${installed}")
  endif()
  if(NOT EXISTS "${consumer_prefix}/bin/consumer${CMAKE_EXECUTABLE_SUFFIX}")
    message(FATAL_ERROR "consumer.${CONSUMER}: the consumer's own install did not run")
  endif()
endif()
message(STATUS "consumer.${CONSUMER}: passed")

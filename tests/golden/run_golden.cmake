# Runs one pc-customer command and compares its standard output, byte for byte, with a golden
# file (and its standard error with GOLDEN_STDERR when given), and its exit status with the
# expected one. With -DUPDATE=ON it rewrites the golden files.
#   cmake -DPROGRAM=... -DARGS="validate;a.json" -DGOLDEN=... -DEXIT=1 -DWORKDIR=... -P run_golden.cmake
execute_process(
  COMMAND ${PROGRAM} ${ARGS}
  WORKING_DIRECTORY ${WORKDIR}
  OUTPUT_VARIABLE actual
  ERROR_VARIABLE diagnostics
  RESULT_VARIABLE status)
# Generated request ids differ on every run: compare them as <id>.
string(REGEX REPLACE "MS-(Request|Correlation)Id: [0-9a-f-]+" "MS-\\1Id: <id>" actual "${actual}")
if(UPDATE)
  file(WRITE ${GOLDEN} "${actual}")
  if(GOLDEN_STDERR)
    file(WRITE ${GOLDEN_STDERR} "${diagnostics}")
  endif()
endif()
if(GOLDEN_STDERR)
  file(READ ${GOLDEN_STDERR} expected_diagnostics)
  if(NOT diagnostics STREQUAL expected_diagnostics)
    message(FATAL_ERROR "standard error differs from ${GOLDEN_STDERR}\n"
                        "--- actual ---\n${diagnostics}\n--- expected ---\n${expected_diagnostics}")
  endif()
endif()
file(READ ${GOLDEN} expected)
if(NOT status EQUAL EXIT)
  message(FATAL_ERROR "exit status ${status}, expected ${EXIT}\nstderr:\n${diagnostics}")
endif()
if(NOT actual STREQUAL expected)
  file(WRITE ${GOLDEN}.actual "${actual}")
  message(FATAL_ERROR "output differs from ${GOLDEN}; see ${GOLDEN}.actual\n"
                      "--- actual ---\n${actual}\n--- expected ---\n${expected}")
endif()

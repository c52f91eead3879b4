# Fails when including HEADER alone pulls in a header matching FORBIDDEN: headers are graded by
# cost, and naming a type must not compile what only some of its uses need. Run by ctest as
#   cmake -DCOMPILER=... -DINCLUDES=a;b -DHEADER=partner_center/x.hpp -DFORBIDDEN=regex -P this
# with g++ or clang++, whose -H lists every header a translation unit opens.
# One probe per header: the tests run in the same directory, perhaps at once (ctest -j).
string(MAKE_C_IDENTIFIER "${HEADER}" probe)
set(source "${CMAKE_CURRENT_BINARY_DIR}/header_cost_${probe}.cpp")
file(WRITE "${source}" "#include <${HEADER}>\n")
set(flags -std=c++20 -fsyntax-only -H)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags "-I${dir}")
endforeach()
execute_process(COMMAND "${COMPILER}" ${flags} "${source}"
  RESULT_VARIABLE status ERROR_VARIABLE opened OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${HEADER} does not compile on its own:\n${opened}")
endif()
string(REGEX MATCHALL "[^\n]*(${FORBIDDEN})[^\n]*" found "${opened}")
if(found)
  list(JOIN found "\n" lines)
  message(FATAL_ERROR "${HEADER} includes what it should not (${FORBIDDEN}):\n${lines}")
endif()
message(STATUS "${HEADER} includes nothing matching ${FORBIDDEN}")

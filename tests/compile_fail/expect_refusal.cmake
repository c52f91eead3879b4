# Builds one compile-fail target; passes when the build fails, the first compiler error line
# matches the first expression, and the whole output matches every other expression.
#
#   cmake -DBUILD_DIR=<tree> -DTARGET=<target> -P expect_refusal.cmake <message> [<regex>...]
#
# ctest's PASS_REGULAR_EXPRESSION passes when any one of its expressions matches, so it cannot
# ask for the message and the type or member the compiler names beside it; g++ prints that
# context before the error and clang after it, so one expression cannot ask for both in order.
# The first error line is where g++ ("error:") and clang ("fatal error:" under -Wfatal-errors)
# print a static_assert's message: matching it there means the library's check came first.

set(expressions)
set(after_script FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after_script)
    list(APPEND expressions "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "-P")
    math(EXPR script "${i} + 1")
    set(skip ${script})
  endif()
  if(DEFINED skip AND i EQUAL skip)
    set(after_script TRUE)
  endif()
endforeach()
if(NOT expressions)
  message(FATAL_ERROR "expect_refusal.cmake: no expected message given")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(result EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled; it must be refused")
endif()

list(POP_FRONT expressions first)
string(REGEX MATCH "[^\n]*error:[^\n]*" first_error "${output}")
if(NOT first_error MATCHES "${first}")
  message(FATAL_ERROR "the first error is not the expected one.\n"
    "  first error: ${first_error}\n  expected:    ${first}")
endif()
foreach(expression IN LISTS expressions)
  if(NOT output MATCHES "${expression}")
    message(FATAL_ERROR "the compiler output does not name what it must: ${expression}")
  endif()
endforeach()

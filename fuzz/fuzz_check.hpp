#pragma once

// What every fuzz target asserts besides "no sanitizer report": a broken invariant aborts, so
// libFuzzer saves the input as a crash artifact.

#include <partner_center/core/violation.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
  std::abort();
}

// Messages quote at most text::quoted_value_limit bytes of a value; a few hundred bytes of
// sentence around that is generous. Far more means some input is copied whole into a message.
inline constexpr std::size_t max_message_size = 4096;

}  // namespace fuzz

// assert() vanishes under NDEBUG; this does not.
#define FUZZ_CHECK(condition)                       \
  do {                                              \
    if (!(condition))                               \
      ::fuzz::fail(#condition, __FILE__, __LINE__); \
  } while (false)

namespace fuzz {

// Every violation is well formed: a pointer that is "" or starts with '/', a short message, and a
// report that failed to decode says why with an error.
inline void check_report(const partner_center::report& found, bool complete) {
  for (const partner_center::violation& v : found) {
    FUZZ_CHECK(v.path.empty() || v.path.front() == '/');
    FUZZ_CHECK(!v.message.empty());
    FUZZ_CHECK(v.message.size() <= max_message_size);
  }
  if (!complete)
    FUZZ_CHECK(!found.valid());
}

// The next line of `rest` (without its newline), which moves past it: how targets split an input
// into a few header values and a body.
inline std::string_view take_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return line;
}

// No control character: a text that can go on one line of a log.
inline bool is_one_line(std::string_view s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F)
      return false;
  }
  return true;
}

}  // namespace fuzz

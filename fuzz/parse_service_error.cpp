// Arbitrary bytes as a refused request's answer. The input is three lines and a body:
//
//   <Retry-After value>\n<Date value>\n<body...>
//
// so that the header parsers are fuzzed along with the body (seeds in corpus/parse_service_error
// show the shape). Whatever arrives, the result is one service_error whose summary is one bounded
// line and whose quoted body never shows a bearer token.

#include "fuzz_check.hpp"

#include <partner_center/rest/service_error.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using fuzz::is_one_line;
using fuzz::take_line;

// Every "bearer " (any case) in a quoted body is followed by the redaction mark.
bool tokens_redacted(std::string_view s) {
  for (std::size_t i = 0; i + 7 <= s.size(); ++i) {
    if (partner_center::text::iequals(s.substr(i, 7), "bearer ") &&
        !s.substr(i + 7).starts_with("<redacted>")) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace rest = partner_center::rest;
  std::string_view rest_of_input(reinterpret_cast<const char*>(data), size);
  const std::string_view retry_after = take_line(rest_of_input);
  const std::string_view date = take_line(rest_of_input);

  rest::http_response response;
  response.status = 400 + static_cast<int>(size % 200);
  if (!retry_after.empty())
    response.headers.add("Retry-After", std::string(retry_after));
  if (!date.empty())
    response.headers.add("Date", std::string(date));
  response.headers.add("MS-RequestId", "0f9b6c1e-2c4a-4a57-9a4e-3f1f0e6f4d10");
  response.body = std::string(rest_of_input);

  // A fixed clock: the same input gives the same answer.
  const std::chrono::sys_seconds now{std::chrono::seconds{1'700'000'000}};
  const rest::service_error e = rest::parse_service_error(response, now);

  FUZZ_CHECK(e.http_status == response.status);
  if (e.retry_after) {
    FUZZ_CHECK(e.retry_after->count() >= 0);
    FUZZ_CHECK(*e.retry_after <= std::chrono::hours{24});
  }
  FUZZ_CHECK(e.body_excerpt.size() <= 1024);
  FUZZ_CHECK(tokens_redacted(e.body_excerpt));
  const std::string summary = e.summary();
  FUZZ_CHECK(is_one_line(summary));
  (void)e.numeric_code();
  (void)e.retryable();
  return 0;
}

// Arbitrary bytes as the token endpoint's answer to a refresh-token grant. The input is two lines
// and a body:
//
//   <status>\n<Retry-After value>\n<body...>
//
// (seeds in corpus/token_answer show the shape; a status that is not 100..599 becomes 200).
// Whatever arrives, the result is a usable token answer or one auth_failure whose fields are
// bounded and whose summary is one line that never shows the refresh token the request carried.

#include "fuzz_check.hpp"

#include <partner_center/auth/token_answer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using fuzz::is_one_line;
using fuzz::take_line;

int status_of(std::string_view line) {
  int status = 0;
  for (const char c : line.substr(0, 3)) {
    if (c < '0' || c > '9')
      return 200;
    status = status * 10 + (c - '0');
  }
  return status >= 100 && status <= 599 ? status : 200;
}

constexpr std::string_view sent_refresh_token = "0.AR8A-fuzz-sentinel-refresh-token";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace auth = partner_center::auth;
  namespace rest = partner_center::rest;
  std::string_view rest_of_input(reinterpret_cast<const char*>(data), size);
  const std::string_view status = take_line(rest_of_input);
  const std::string_view retry_after = take_line(rest_of_input);

  rest::http_response response;
  response.status = status_of(status);
  if (!retry_after.empty())
    response.headers.add("Retry-After", std::string(retry_after));
  response.body = std::string(rest_of_input);

  // A fixed clock: the same input gives the same answer.
  const std::chrono::sys_seconds now{std::chrono::seconds{1'700'000'000}};
  const auto parsed = auth::parse_token_answer(response, now, {sent_refresh_token});
  if (parsed) {
    FUZZ_CHECK(rest::is_success(response.status));
    FUZZ_CHECK(!parsed->access_token.empty());
    FUZZ_CHECK(rest::is_valid_header_value(parsed->access_token.reveal()));
    FUZZ_CHECK(partner_center::text::iequals(parsed->token_type, "Bearer"));
    FUZZ_CHECK(parsed->expires_in.count() >= 0);
    FUZZ_CHECK(parsed->expires_in <= auth::max_token_lifetime);
    FUZZ_CHECK(parsed->expires_at == now + parsed->expires_in);
    FUZZ_CHECK(!parsed->refresh_token || !parsed->refresh_token->empty());
    return 0;
  }
  const auth::auth_failure& f = parsed.error();
  FUZZ_CHECK(f.description.size() <= auth::max_description_size);
  FUZZ_CHECK(is_one_line(f.description));
  FUZZ_CHECK(f.error.size() <= 64);
  FUZZ_CHECK(is_one_line(f.error));
  FUZZ_CHECK(f.trace_id.empty() || f.trace_id.size() == 36);
  FUZZ_CHECK(f.correlation_id.empty() || f.correlation_id.size() == 36);
  FUZZ_CHECK(f.code >= 0);
  if (f.retry_after) {
    FUZZ_CHECK(f.retry_after->count() >= 0);
    FUZZ_CHECK(*f.retry_after <= std::chrono::hours{24});
  }
  const std::string summary = f.summary();
  FUZZ_CHECK(is_one_line(summary));
  FUZZ_CHECK(summary.size() <= fuzz::max_message_size);
  FUZZ_CHECK(summary.find(sent_refresh_token) == std::string::npos);
  (void)f.needs_person();
  (void)f.retryable();
  return 0;
}

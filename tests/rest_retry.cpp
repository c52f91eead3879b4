// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/retry.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>

namespace rest_retry_test {

using namespace partner_center::rest;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

sys_seconds at(int y, unsigned m, unsigned d, int h, int min, int s) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

}  // namespace

TEST_CASE("retryable statuses are 429 and 500/502/503/504 only", "[rest]") {
  for (const int status : {429, 500, 502, 503, 504})
    CHECK(is_retryable_status(status));
  for (const int status : {200, 201, 400, 401, 403, 404, 405, 408, 409, 412, 501})
    CHECK_FALSE(is_retryable_status(status));
}

TEST_CASE("backoff doubles from the initial delay up to the cap", "[rest]") {
  retry_policy policy;
  policy.initial_backoff = 500ms;
  policy.max_backoff = 3s;
  policy.jitter = 0.0;
  CHECK(backoff_delay(policy, 1, 0.7) == 500ms);
  CHECK(backoff_delay(policy, 2, 0.7) == 1000ms);
  CHECK(backoff_delay(policy, 3, 0.7) == 2000ms);
  CHECK(backoff_delay(policy, 4, 0.7) == 3000ms);
  CHECK(backoff_delay(policy, 60, 0.7) == 3000ms);
}

TEST_CASE("backoff jitter stays between the fixed part and the whole delay", "[rest]") {
  retry_policy policy;
  policy.initial_backoff = 1000ms;
  policy.jitter = 0.5;
  CHECK(backoff_delay(policy, 1, 0.0) == 500ms);
  CHECK(backoff_delay(policy, 1, 0.5) == 750ms);
  CHECK(backoff_delay(policy, 1, 0.999) <= 1000ms);
  CHECK(backoff_delay(policy, 1, 7.0) == 1000ms);  // out-of-range randomness is clamped
}

TEST_CASE("Retry-After is capped by the policy", "[rest]") {
  retry_policy policy;
  policy.max_retry_after = 60s;
  CHECK(capped_retry_after(policy, 57s) == 57s);
  CHECK(capped_retry_after(policy, 3600s) == 60s);
  CHECK(capped_retry_after(policy, -5s) == 0s);
}

// The README's table of limits states these defaults; a change to either side fails here.
TEST_CASE("retry_policy{}: 5 attempts, 300 s in all, Retry-After capped at 120 s",
          "[rest][limits]") {
  const retry_policy policy{};
  CHECK(policy.max_attempts == 5);
  CHECK(policy.max_total == 300s);
  CHECK(policy.max_retry_after == 120s);
  CHECK(capped_retry_after(policy, 121s) == 120s);
  CHECK(capped_retry_after(policy, 120s) == 120s);
}

TEST_CASE("HTTP-dates parse in all three forms of RFC 9110", "[rest]") {
  const auto expected = at(1994, 11, 6, 8, 49, 37);
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
  CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"));
  CHECK_FALSE(parse_http_date("yesterday"));
  CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("Retry-After takes delay-seconds or an HTTP-date", "[rest]") {
  const auto now = at(2017, 6, 6, 23, 11, 40);
  CHECK(parse_retry_after("57", now) == 57s);
  CHECK(parse_retry_after(" 0 ", now) == 0s);
  CHECK(parse_retry_after("Tue, 06 Jun 2017 23:12:10 GMT", now) == 30s);
  CHECK(parse_retry_after("Tue, 06 Jun 2017 23:00:00 GMT", now) == 0s);  // already past
  CHECK(parse_retry_after("99999999999999", now) == 86400s);             // clamped to a day
  CHECK_FALSE(parse_retry_after("-1", now));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
}

}  // namespace rest_retry_test

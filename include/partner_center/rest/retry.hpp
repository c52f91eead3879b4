#pragma once

// When to send a request again and how long to wait first: 429 waits Retry-After (as
// https://learn.microsoft.com/partner-center/developer/api-throttling-guidance asks),
// 500/502/503/504 and lost answers back off exponentially with jitter, and nothing else is
// retried. Pure functions; the client supplies the clock, the sleep and the randomness.

#include <partner_center/core/cxx20.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace partner_center::rest {

struct retry_policy {
  // Requests per logical operation, the first included. The .NET SDK retries 3 times
  // (DefaultMaxRetryAttempts in partner-center-sdk-for-dotNET,
  // Source/PartnerSDK/Network/RetryableHttpCall.cs); one more leaves room for a 429 followed by
  // a 503.
  int max_attempts = 5;
  // Backoff before retry n (n = 1, 2, ...) is initial_backoff * 2^(n-1), capped at max_backoff,
  // then jittered. 500 ms is the .NET SDK's first delay (RetryableHttpCall.cs).
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30'000};
  // Fraction of each backoff that is random: 0.5 waits between half and all of it, so that
  // clients throttled together do not come back together.
  double jitter = 0.5;
  // A Retry-After longer than this is cut to it; a service that asks for an hour still gets an
  // answer from us in bounded time. The documented example asks for 57 s
  // (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance).
  std::chrono::milliseconds max_retry_after{120'000};
  // No retry starts when it would begin later than this after the first attempt.
  std::chrono::milliseconds max_total{300'000};
};

// 429 and the transient server errors. Never 400, 401, 403, 404 or 409: the same request gets the
// same refusal, and a 409 means the service already acted on it.
constexpr bool is_retryable_status(int status) noexcept {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// The delay before retry number `retry` (1 for the first retry), given a uniform random number
// in [0, 1).
inline std::chrono::milliseconds backoff_delay(const retry_policy& policy, int retry,
                                               double random_unit) noexcept {
  using std::chrono::milliseconds;
  const int doublings = std::clamp(retry - 1, 0, 30);
  const auto initial = std::max<std::int64_t>(policy.initial_backoff.count(), 0);
  const auto cap = std::max<std::int64_t>(policy.max_backoff.count(), 0);
  std::int64_t full = initial;
  for (int i = 0; i < doublings && full < cap; ++i)
    full *= 2;
  full = std::min(full, cap);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  const auto fixed = static_cast<std::int64_t>(static_cast<double>(full) * (1.0 - jitter));
  const auto random = static_cast<std::int64_t>(static_cast<double>(full) * jitter * unit);
  return milliseconds{fixed + random};
}

// The wait a Retry-After asks for, cut to the policy's cap.
inline std::chrono::milliseconds capped_retry_after(const retry_policy& policy,
                                                    std::chrono::seconds asked) noexcept {
  const std::chrono::milliseconds wanted = std::max(asked, std::chrono::seconds{0});
  return std::min(wanted, std::max(policy.max_retry_after, std::chrono::milliseconds{0}));
}

namespace detail {

constexpr bool parse_digits(std::string_view s, int& out) noexcept {
  if (s.empty() || s.size() > 9)
    return false;
  int v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

constexpr int month_number(std::string_view name) noexcept {
  constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (months[i] == name)
      return static_cast<int>(i) + 1;
  }
  return 0;
}

constexpr bool parse_clock(std::string_view s, int& h, int& m, int& sec) noexcept {
  return s.size() == 8 && s[2] == ':' && s[5] == ':' && parse_digits(s.substr(0, 2), h) &&
         parse_digits(s.substr(3, 2), m) && parse_digits(s.substr(6, 2), sec) && h < 24 && m < 60 &&
         sec <= 60;
}

inline std::optional<std::chrono::sys_seconds> make_time(int year, int month, int day, int h, int m,
                                                         int s) noexcept {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok())
    return std::nullopt;
  return sys_days{date} + hours{h} + minutes{m} + seconds{s};
}

}  // namespace detail

// An HTTP-date (RFC 9110 §5.6.7): IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", and the two
// obsolete forms recipients must still accept, RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and
// asctime "Sun Nov  6 08:49:37 1994".
inline std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view s) noexcept {
  int day = 0;
  int year = 0;
  int h = 0;
  int m = 0;
  int sec = 0;
  const std::size_t comma = s.find(',');
  if (comma == 3 && s.size() == 29) {  // IMF-fixdate
    if (s.substr(4, 1) != " " || s.substr(7, 1) != " " || s.substr(11, 1) != " " ||
        s.substr(16, 1) != " " || s.substr(25) != " GMT")
      return std::nullopt;
    const int month = detail::month_number(s.substr(8, 3));
    if (month == 0 || !detail::parse_digits(s.substr(5, 2), day) ||
        !detail::parse_digits(s.substr(12, 4), year) ||
        !detail::parse_clock(s.substr(17, 8), h, m, sec))
      return std::nullopt;
    return detail::make_time(year, month, day, h, m, sec);
  }
  if (comma != std::string_view::npos && comma > 3) {  // RFC 850
    const std::string_view rest = s.substr(comma + 1);
    if (rest.size() != 23 || rest[0] != ' ' || rest[3] != '-' || rest[7] != '-' ||
        rest[10] != ' ' || rest.substr(19) != " GMT")
      return std::nullopt;
    const int month = detail::month_number(rest.substr(4, 3));
    if (month == 0 || !detail::parse_digits(rest.substr(1, 2), day) ||
        !detail::parse_digits(rest.substr(8, 2), year) ||
        !detail::parse_clock(rest.substr(11, 8), h, m, sec))
      return std::nullopt;
    // Two-digit years: RFC 9110 says read one more than 50 years ahead as the past century.
    year += year < 70 ? 2000 : 1900;
    return detail::make_time(year, month, day, h, m, sec);
  }
  if (s.size() == 24 && s[3] == ' ' && s[7] == ' ' && s[10] == ' ' && s[19] == ' ') {  // asctime
    const int month = detail::month_number(s.substr(4, 3));
    const std::string_view day_text = s[8] == ' ' ? s.substr(9, 1) : s.substr(8, 2);
    if (month == 0 || !detail::parse_digits(day_text, day) ||
        !detail::parse_digits(s.substr(20, 4), year) ||
        !detail::parse_clock(s.substr(11, 8), h, m, sec))
      return std::nullopt;
    return detail::make_time(year, month, day, h, m, sec);
  }
  return std::nullopt;
}

// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, the latter measured from `now`
// (the response's own Date when it has one, so that clock skew does not matter). A date in the
// past asks for no wait. Absurd values are clamped to a day before any policy cap applies.
inline std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::chrono::sys_seconds now) noexcept {
  using std::chrono::seconds;
  constexpr seconds one_day{86'400};
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
    value.remove_suffix(1);
  if (value.empty())
    return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    if (value.size() > 9)
      return one_day;
    int n = 0;
    detail::parse_digits(value, n);
    return std::min(seconds{n}, one_day);
  }
  const auto when = parse_http_date(value);
  if (!when)
    return std::nullopt;
  if (*when <= now)
    return seconds{0};
  return std::min(std::chrono::duration_cast<seconds>(*when - now), one_day);
}

}  // namespace partner_center::rest

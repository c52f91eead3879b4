#pragma once

// The one error type of the REST layer: request builders, response parsers and the client all
// return boost::system::result<T, failure>. A failure says which side it came from (our request,
// the network, the service, an unusable answer, a pre-flight finding) and carries the details of
// that side. Nothing in it holds a bearer token or a password.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/error_code.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/service_error.hpp>

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace partner_center::rest {

enum class failure_kind : std::uint8_t {
  invalid_request,      // not sent: the body broke a rule, or a header, id or URL is unusable
  transport,            // sent (maybe), but no HTTP answer came back
  service,              // the service answered with an error status
  unexpected_response,  // a success status with a body that is not what the operation returns
  precondition          // a pre-flight check said no (domain taken, reseller not active, ...)
};

BOOST_DESCRIBE_ENUM(failure_kind, invalid_request, transport, service, unexpected_response,
                    precondition)

}  // namespace partner_center::rest

// Lets a failure_kind convert to std::error_code (through make_error_code, found by ADL). Declared
// before anything compares the enum: a comparison may instantiate the trait, and a
// specialization after that is ill-formed.
template <>
struct std::is_error_code_enum<partner_center::rest::failure_kind> : std::true_type {};

namespace partner_center::rest {

inline constexpr std::string_view to_string(failure_kind kind) noexcept {
  return enum_name(kind, "unknown");
}

// std::error_code interop: `std::error_code ec = failure_kind::service;`
inline const std::error_category& failure_category() noexcept {
  static const described_error_category<failure_kind> category("partner_center.rest.failure");
  return category;
}

inline std::error_code make_error_code(failure_kind kind) noexcept {
  return {described_error_category<failure_kind>::to_value(kind), failure_category()};
}

struct failure {
  failure_kind kind = failure_kind::invalid_request;
  std::string message;  // one line for people
  report violations;    // invalid_request: what the request got wrong; unexpected_response: why
  std::optional<service_error> service;      // service
  std::optional<transport_error> transport;  // transport
  int attempts = 0;                // requests sent for the operation; 0 when nothing was sent
  bool gave_up = false;            // a retryable failure, but the attempts or the time ran out
  bool token_unavailable = false;  // the token provider had no token: nothing was sent

  // A token problem (none to send, or the service refused it) rather than one of the request.
  [[nodiscard]] bool is_authentication() const noexcept {
    return token_unavailable || (service && service->http_status == 401);
  }

  [[nodiscard]] std::string summary() const {
    std::string out(to_string(kind));
    out += ": ";
    out += message;
    if (gave_up)
      out += " (gave up after " + std::to_string(attempts) + " attempts)";
    return out;
  }

  friend std::ostream& operator<<(std::ostream& out, const failure& f) {
    out << f.summary();
    for (const auto& v : f.violations)
      out << "\n  " << v;
    return out;
  }
};

inline failure invalid_request(std::string message, report violations = {}) {
  failure f;
  f.kind = failure_kind::invalid_request;
  f.message = std::move(message);
  f.violations = std::move(violations);
  return f;
}

inline failure service_failure(service_error error) {
  failure f;
  f.kind = failure_kind::service;
  f.message = error.summary();
  f.service = std::move(error);
  return f;
}

inline failure transport_failure(transport_error error) {
  failure f;
  f.kind = failure_kind::transport;
  f.message = error.message();
  f.transport = std::move(error);
  return f;
}

inline failure unexpected_response(int status, std::string message, report violations = {}) {
  failure f;
  f.kind = failure_kind::unexpected_response;
  f.message = "HTTP " + std::to_string(status) + ": " + std::move(message);
  f.violations = std::move(violations);
  return f;
}

inline failure precondition_failure(std::string message) {
  failure f;
  f.kind = failure_kind::precondition;
  f.message = std::move(message);
  return f;
}

template <class T>
using result = boost::system::result<T, failure>;

// boost::system::result::value() on an error calls this (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const failure& f,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(f.summary()), where);
}

}  // namespace partner_center::rest

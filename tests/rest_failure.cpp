// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/failure.hpp>

#include <catch2/catch_test_macros.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

namespace rest_failure_test {

using namespace partner_center;
using namespace partner_center::rest;

TEST_CASE("failure kinds print their names", "[rest]") {
  CHECK(to_string(failure_kind::invalid_request) == "invalid_request");
  CHECK(to_string(failure_kind::transport) == "transport");
  CHECK(to_string(failure_kind::service) == "service");
  CHECK(to_string(failure_kind::unexpected_response) == "unexpected_response");
  CHECK(to_string(failure_kind::precondition) == "precondition");
}

TEST_CASE("an invalid request failure lists its violations", "[rest]") {
  report violations;
  violations.add("/billingProfile/email", violation_code::required, "email is required");
  const failure f = invalid_request("not sent", violations);
  CHECK(f.kind == failure_kind::invalid_request);
  CHECK(f.summary() == "invalid_request: not sent");
  std::ostringstream out;
  out << f;
  CHECK(out.str() ==
        "invalid_request: not sent\n  error /billingProfile/email required: email is required");
}

TEST_CASE("a service failure carries the service error and its summary", "[rest]") {
  service_error e;
  e.http_status = 401;
  e.shape = error_body_shape::empty;
  failure f = service_failure(e);
  CHECK(f.kind == failure_kind::service);
  CHECK(f.is_authentication());
  CHECK(f.message == "HTTP 401 Unauthorized (empty body)");
  f.attempts = 3;
  f.gave_up = true;
  CHECK(f.summary() == "service: HTTP 401 Unauthorized (empty body) (gave up after 3 attempts)");
}

TEST_CASE("transport, unexpected-response and precondition failures", "[rest]") {
  const failure t = transport_failure({transport_errc::timeout, "read"});
  CHECK(t.kind == failure_kind::transport);
  CHECK(t.transport->code == transport_errc::timeout);
  CHECK(t.message == "transport error timeout: read");
  CHECK_FALSE(t.is_authentication());
  const failure u = unexpected_response(201, "the body is empty");
  CHECK(u.message == "HTTP 201: the body is empty");
  const failure p = precondition_failure("the domain x.onmicrosoft.com is already taken");
  CHECK(p.summary() == "precondition: the domain x.onmicrosoft.com is already taken");
}

TEST_CASE("result<T> value() on a failure throws its summary", "[rest]") {
  const result<int> r = precondition_failure("no");
  try {
    (void)r.value();
    FAIL("value() did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "precondition: no");
  }
}

TEST_CASE("a failure kind is a std::error_code", "[rest][error_code]") {
  STATIC_REQUIRE(std::is_error_code_enum_v<failure_kind>);
  for (const failure_kind kind :
       {failure_kind::invalid_request, failure_kind::transport, failure_kind::service,
        failure_kind::unexpected_response, failure_kind::precondition}) {
    const std::error_code ec = kind;
    CHECK(static_cast<bool>(ec));
    CHECK(ec.message() == to_string(kind));
    CHECK(std::string(ec.category().name()) == "partner_center.rest.failure");
    CHECK(ec == kind);
  }
  const std::error_code service = failure_kind::service;
  CHECK(service.message() == "service");
  CHECK(service != failure_kind::transport);
  CHECK(&service.category() == &failure_category());
  CHECK(failure_category().message(6) == "unknown code 6");
}

// Same value, other category: a failure kind is not a violation code or a transport error.
TEST_CASE("failure, transport and violation codes are told apart", "[rest][error_code]") {
  const std::error_code transport = failure_kind::transport;  // second enumerator
  CHECK(transport != violation_code::type);                   // second enumerator
  CHECK(transport != transport_errc::connect_failed);         // second enumerator
  CHECK(transport.value() == std::error_code(violation_code::type).value());
}

}  // namespace rest_failure_test

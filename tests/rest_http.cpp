// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/http.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace rest_http_test {

using namespace partner_center::rest;
using namespace std::string_view_literals;

TEST_CASE("http_headers find names case-insensitively", "[rest]") {
  http_headers h;
  h.add("MS-RequestId", "a");
  CHECK(h.find("ms-requestid") != nullptr);
  CHECK(*h.find("MS-REQUESTID") == "a");
  CHECK(h.find("MS-CorrelationId") == nullptr);
  CHECK(h.value_or("Missing", "x") == "x");
  CHECK(h.contains("Ms-RequestID"));
}

TEST_CASE("http_headers set replaces every field of the name in place", "[rest]") {
  http_headers h{{"Authorization", "Bearer 1"}, {"Accept", "application/json"}};
  h.add("authorization", "Bearer 2");
  h.set("AUTHORIZATION", "Bearer 3");
  REQUIRE(h.size() == 2);
  CHECK(h.begin()->name == "Authorization");
  CHECK(h.begin()->value == "Bearer 3");
  h.set("X-Locale", "en-US");
  CHECK(h.size() == 3);
  h.erase("accept");
  CHECK(h.size() == 2);
  CHECK_FALSE(h.contains("Accept"));
}

TEST_CASE("header values with CR, LF or NUL are invalid", "[rest]") {
  CHECK(is_valid_header_value("Bearer abc.def-ghi"));
  CHECK(is_valid_header_value(""));
  CHECK_FALSE(is_valid_header_value("a\r\nX-Evil: 1"));
  CHECK_FALSE(is_valid_header_value("a\nb"));
  CHECK_FALSE(is_valid_header_value("a\rb"));
  CHECK_FALSE(is_valid_header_value("a\0b"sv));
}

TEST_CASE("header names are HTTP tokens", "[rest]") {
  CHECK(is_valid_header_name("MS-PartnerCenter-Application"));
  CHECK_FALSE(is_valid_header_name(""));
  CHECK_FALSE(is_valid_header_name("Bad Name"));
  CHECK_FALSE(is_valid_header_name("X:Y"));
}

TEST_CASE("methods print as on the request line", "[rest]") {
  CHECK(to_string(http_method::post) == "POST");
  CHECK(to_string(http_method::head) == "HEAD");
  CHECK(to_string(http_method::delete_) == "DELETE");
  CHECK(is_success(201));
  CHECK_FALSE(is_success(404));
}

TEST_CASE("transport errors say whether a retry may help", "[rest]") {
  CHECK(transport_error{transport_errc::timeout, ""}.retryable());
  CHECK(transport_error{transport_errc::connection_closed, ""}.retryable());
  CHECK(transport_error{transport_errc::connect_failed, ""}.retryable());
  CHECK_FALSE(transport_error{transport_errc::tls_failed, ""}.retryable());
  CHECK_FALSE(transport_error{transport_errc::invalid_request, ""}.retryable());
  CHECK_FALSE(transport_error{transport_errc::protocol, ""}.retryable());
  CHECK(transport_error{transport_errc::timeout, "after 5 s"}.message() ==
        "transport error timeout: after 5 s");
}

TEST_CASE("transport_result value() on an error throws its message", "[rest]") {
  const transport_result r = transport_error{transport_errc::connect_failed, "refused"};
  CHECK_FALSE(r.has_value());
  try {
    (void)r.value();
    FAIL("value() did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "transport error connect_failed: refused");
  }
}

TEST_CASE("every method prints its request-line token", "[rest]") {
  CHECK(to_string(http_method::get) == "GET");
  CHECK(to_string(http_method::head) == "HEAD");
  CHECK(to_string(http_method::post) == "POST");
  CHECK(to_string(http_method::put) == "PUT");
  CHECK(to_string(http_method::patch) == "PATCH");
  CHECK(to_string(http_method::delete_) == "DELETE");
}

TEST_CASE("a transport error kind is a std::error_code", "[rest][error_code]") {
  STATIC_REQUIRE(std::is_error_code_enum_v<transport_errc>);
  for (const transport_errc code :
       {transport_errc::resolve_failed, transport_errc::connect_failed, transport_errc::timeout,
        transport_errc::connection_closed, transport_errc::tls_failed, transport_errc::protocol,
        transport_errc::invalid_request, transport_errc::other}) {
    const std::error_code ec = code;
    CHECK(static_cast<bool>(ec));
    CHECK(ec.message() == to_string(code));
    CHECK(std::string(ec.category().name()) == "partner_center.rest.transport");
    CHECK(ec == code);
  }
  const std::error_code refused = transport_errc::connect_failed;
  CHECK(refused.message() == "connect_failed");
  CHECK(refused != transport_errc::timeout);
  CHECK(&refused.category() == &transport_category());
  CHECK(transport_category().message(9) == "unknown code 9");
}

TEST_CASE("a transport timeout is std::errc::timed_out, and nothing else is",
          "[rest][error_code]") {
  const std::error_code timeout = transport_errc::timeout;
  CHECK(timeout == std::errc::timed_out);
  CHECK(timeout.default_error_condition() == std::errc::timed_out);
  for (const transport_errc code :
       {transport_errc::resolve_failed, transport_errc::connect_failed,
        transport_errc::connection_closed, transport_errc::tls_failed, transport_errc::protocol,
        transport_errc::invalid_request, transport_errc::other}) {
    const std::error_code ec = code;
    CHECK(ec != std::errc::timed_out);
    CHECK(ec.default_error_condition().category() == transport_category());
  }
}

}  // namespace rest_http_test

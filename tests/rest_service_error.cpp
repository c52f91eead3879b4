// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/service_error.hpp>

#include "support/rest_fixtures.hpp"

#include <partner_center/rest/failure.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

namespace rest_service_error_test {

using namespace partner_center::rest;
namespace test = partner_center::test;
using namespace std::chrono_literals;

// Golden tests: every error body shape seen, parsed and summarised exactly: the documented one
// (https://learn.microsoft.com/partner-center/developer/error-codes) and the variants below,
// each with its source.

namespace {

const auto fixed_now =
    std::chrono::sys_days{std::chrono::year{2023} / 10 / 23} + std::chrono::hours{12};

}  // namespace

TEST_CASE("service error: documented shape with a string code", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(
          400,
          R"({"code": "600049", "description": "Organization registration id information is missing", "data": [], "source": "PartnerFD"})",
          {{"MS-RequestId", "d628adbe-b7ee-412e-ac55-58f22b4ba2f4"},
           {"MS-CorrelationId", "0dd197a8-992c-44ca-aeae-21cd83494dce"}}),
      fixed_now);
  CHECK(e.shape == error_body_shape::api_fault);
  CHECK(e.http_status == 400);
  CHECK(e.code == "600049");
  CHECK(e.numeric_code() == 600049);
  CHECK(e.has_code(error_codes::registration_id_missing));
  CHECK(e.description == "Organization registration id information is missing");
  CHECK(e.data.empty());
  CHECK(e.source == "PartnerFD");
  CHECK(e.request_id == "d628adbe-b7ee-412e-ac55-58f22b4ba2f4");
  CHECK(e.correlation_id == "0dd197a8-992c-44ca-aeae-21cd83494dce");
  CHECK_FALSE(e.retryable());
  CHECK_FALSE(e.retry_after);
  CHECK(e.summary() ==
        "HTTP 400 Bad Request, code 600049 (organization registration ID is missing (required for "
        "the address country)): Organization registration id information is missing, "
        "MS-RequestId d628adbe-b7ee-412e-ac55-58f22b4ba2f4");
}

TEST_CASE("service error: numeric code and data as strings", "[rest]") {
  // https://github.com/microsoft/PartnerCenterPowerShellModule/issues/82, verbatim.
  const auto e = parse_service_error(
      test::http_answer(
          400,
          R"({"code":27002,"description":"A property has invalid data.","data":["property_name:  StateInvalid - Details","details:  \n"],"source":"PartnerFD"})"),
      fixed_now);
  CHECK(e.shape == error_body_shape::api_fault);
  CHECK(e.code == "27002");
  CHECK(e.has_code(error_codes::property_has_invalid_data));
  CHECK(e.data ==
        std::vector<std::string>{"property_name:  StateInvalid - Details", "details:  \n"});
  CHECK(e.summary() ==
        "HTTP 400 Bad Request, code 27002 (a property has invalid data): A property has invalid "
        "data. [property_name:  StateInvalid - Details] [details:   ]");
}

TEST_CASE("service error: data entries that are not strings are kept as JSON", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(
          400, R"({"code":3000,"description":"Invalid property","data":[{"name":"x"},7,null]})"),
      fixed_now);
  CHECK(e.data == std::vector<std::string>{R"({"name":"x"})", "7", ""});
}

TEST_CASE("service error: the newer shape with errorName and isRetryable", "[rest]") {
  // https://learn.microsoft.com/partner-center/developer/confirm-customer-consent-customer-agreement
  const auto e = parse_service_error(
      test::http_answer(
          400,
          R"({"code": 600061, "message": "A partner confirmed agreement already exists for the customer.", "description": "A partner confirmed agreement already exists for the customer.", "errorName": "PartnerConfirmedAgreementAlreadyExists", "isRetryable": false, "parameters": {}, "errorMessageExtended": "InternalErrorCode=600061"})"),
      fixed_now);
  CHECK(e.shape == error_body_shape::extended_fault);
  CHECK(e.code == "600061");
  CHECK(e.error_name == "PartnerConfirmedAgreementAlreadyExists");
  CHECK(e.service_retryable == false);
  CHECK(e.parameters == "{}");
  CHECK(e.extended_message == "InternalErrorCode=600061");
  CHECK(e.message == "A partner confirmed agreement already exists for the customer.");
  CHECK(e.summary() ==
        "HTTP 400 Bad Request, code 600061 (a partner-confirmed agreement already exists for the "
        "customer), PartnerConfirmedAgreementAlreadyExists: A partner confirmed agreement already "
        "exists for the customer.");
}

TEST_CASE("service error: the gateway's 429 body with Retry-After", "[rest]") {
  // https://learn.microsoft.com/partner-center/developer/api-throttling-guidance
  const auto e = parse_service_error(
      test::http_answer(
          429,
          R"({ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds." })",
          {{"Retry-After", "57"}}),
      fixed_now);
  CHECK(e.shape == error_body_shape::gateway_throttle);
  CHECK(e.code.empty());
  CHECK(e.message == "Rate limit is exceeded. Try again in 57 seconds.");
  CHECK(e.retry_after == 57s);
  CHECK(e.retryable());
  CHECK(e.summary() ==
        "HTTP 429 Too Many Requests: Rate limit is exceeded. Try again in 57 seconds., retry after "
        "57 s");
}

TEST_CASE("service error: a 429 without Retry-After takes the wait from the message", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(
          429,
          R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in 12 seconds."})"),
      fixed_now);
  CHECK(e.retry_after == 12s);
}

TEST_CASE("service error: a wait in the message is clamped to a day like Retry-After", "[rest]") {
  // Found by fuzz_parse_service_error: "Try again in 222222 seconds" asked for 61 hours.
  const auto six_digits = parse_service_error(
      test::http_answer(429, R"({"statusCode":429,"message":"Try again in 222222 seconds."})"),
      fixed_now);
  CHECK(six_digits.retry_after == 86'400s);
  const auto many_digits = parse_service_error(
      test::http_answer(
          429, R"({"statusCode":429,"message":"Try again in 99999999999999999999999 seconds."})"),
      fixed_now);
  CHECK(many_digits.retry_after == 86'400s);
}

TEST_CASE("service error: Retry-After as an HTTP-date counts from the answer's Date", "[rest]") {
  const auto e =
      parse_service_error(test::http_answer(503, "",
                                            {{"Date", "Tue, 06 Jun 2017 23:11:40 GMT"},
                                             {"Retry-After", "Tue, 06 Jun 2017 23:12:00 GMT"}}),
                          fixed_now);
  CHECK(e.retry_after == 20s);
  CHECK(e.shape == error_body_shape::empty);
}

TEST_CASE("service error: a leading UTF-8 byte order mark is ignored", "[rest]") {
  // Every cmdlet of the old PowerShell module strips one
  // (https://github.com/microsoft/PartnerCenterPowerShellModule/pull/36).
  const auto e = parse_service_error(
      test::http_answer(
          403,
          "\xEF\xBB\xBF{\"code\":900329,\"description\":\"This resource does not support "
          "application-only authentication.\",\"data\":[],\"source\":\"PartnerFD\"}"),
      fixed_now);
  CHECK(e.shape == error_body_shape::api_fault);
  CHECK(e.has_code(error_codes::app_only_authentication_not_supported));
  CHECK(e.summary() ==
        "HTTP 403 Forbidden, code 900329 (this resource does not support application-only "
        "authentication (use App+User)): This resource does not support application-only "
        "authentication.");
}

TEST_CASE("service error: an empty body", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(401, "", {{"WWW-Authenticate", "OAuth realm=urn:cpsvc:cpid:x"}}),
      fixed_now);
  CHECK(e.shape == error_body_shape::empty);
  CHECK(e.code.empty());
  CHECK(e.summary() == "HTTP 401 Unauthorized (empty body)");
  CHECK(parse_service_error(test::http_answer(500, " \r\n"), fixed_now).shape ==
        error_body_shape::empty);
  CHECK(parse_service_error(test::http_answer(500, "\xEF\xBB\xBF"), fixed_now).shape ==
        error_body_shape::empty);
}

TEST_CASE("service error: an HTML page from a proxy", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n</html>"),
      fixed_now);
  CHECK(e.shape == error_body_shape::not_json);
  CHECK(e.body_excerpt == "<html>  <head><title>502 Bad Gateway</title></head>  </html>");
  CHECK(e.retryable());
  CHECK(
      e.summary() ==
      "HTTP 502 Bad Gateway (body: <html>  <head><title>502 Bad Gateway</title></head>  </html>)");
}

TEST_CASE("service error: a long or hostile body is cut and its controls escaped", "[rest]") {
  const auto e =
      parse_service_error(test::http_answer(500, std::string(1000, 'x') + "\x01"), fixed_now);
  CHECK(e.shape == error_body_shape::not_json);
  CHECK(e.body_excerpt == std::string(200, 'x') + "...");
  const auto f = parse_service_error(test::http_answer(500, "oops\x01\x7f"), fixed_now);
  CHECK(f.body_excerpt == "oops\\x01\\x7f");
}

TEST_CASE("service error: a bearer token echoed in a body is redacted", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(400, "<pre>Authorization: Bearer eyJ0eXAi.SENTINEL.sig</pre>"), fixed_now);
  CHECK(e.body_excerpt == "<pre>Authorization: Bearer <redacted></pre>");
  CHECK(e.summary().find("SENTINEL") == std::string::npos);
}

TEST_CASE("service error: the old address validation nests JSON in description", "[rest]") {
  // validate-an-address before May 2021 (MicrosoftDocs/partner-center-sdk, commit 0ef6db0).
  const auto e = parse_service_error(
      test::http_answer(
          400,
          R"({"code": 2007, "description": "{\"code\":\"60071\",\"reason\":\"ZipCityInvalid - Details: Field - &#39;City&#39; is corrected from OldValue: &#39;Redmond&#39; to NewValue: &#39;BELLEVUE&#39;.\",\"object_type\":\"AddressValidation\",\"resource_status\":\"Active\"}", "data": [], "source": "PartnerFD"})"),
      fixed_now);
  CHECK(e.has_code(error_codes::address_validation_failed));
  CHECK(e.inner_code == "60071");
  CHECK(e.inner_reason ==
        "ZipCityInvalid - Details: Field - &#39;City&#39; is corrected from OldValue: "
        "&#39;Redmond&#39; to NewValue: &#39;BELLEVUE&#39;.");
}

TEST_CASE("service error: members match whatever their casing", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(404,
                        R"({"Code":"800015","Description":"PartnerID isn't found","Source":"X"})"),
      fixed_now);
  CHECK(e.code == "800015");
  CHECK(e.description == "PartnerID isn't found");
  CHECK(e.summary() ==
        "HTTP 404 Not Found, code 800015 (the partner ID (associatedPartnerId) was not found): "
        "PartnerID isn't found");
}

TEST_CASE("service error: an {\"error\": {...}} wrapper is opened", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(503, R"({"error":{"code":"ServiceUnavailable","message":"try later"}})"),
      fixed_now);
  CHECK(e.shape == error_body_shape::api_fault);
  CHECK(e.code == "ServiceUnavailable");
  CHECK_FALSE(e.numeric_code());
  CHECK(e.summary() == "HTTP 503 Service Unavailable, code ServiceUnavailable: try later");
}

TEST_CASE("service error: JSON of another shape is kept as an excerpt", "[rest]") {
  const auto e = parse_service_error(test::http_answer(500, R"([1,2,3])"), fixed_now);
  CHECK(e.shape == error_body_shape::unrecognized_json);
  CHECK(e.body_excerpt == "[1,2,3]");
  const auto deep = parse_service_error(
      test::http_answer(500, std::string(100, '[') + std::string(100, ']')), fixed_now);
  CHECK(deep.shape == error_body_shape::not_json);  // deeper than any error body
}

TEST_CASE("service error: a password in a body quoted as an excerpt is redacted", "[rest]") {
  const auto e = parse_service_error(
      test::http_answer(500, R"({"userCredentials":{"userName":"admin","password":"0Krha*Io"},)"),
      fixed_now);
  CHECK(e.shape == error_body_shape::not_json);
  CHECK(e.body_excerpt == R"({"userCredentials":{"userName":"admin","password":"<redacted>"},)");
}

TEST_CASE("service error: tokens and passwords in the summary's fields are redacted",
          "[rest][secrets]") {
  // A service (or a proxy) quoting the request back: the token and a password in description,
  // message, data, parameters and the extended message.
  const auto e = parse_service_error(
      test::http_answer(
          400,
          R"({"code":3000,)"
          R"("description":"Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.TOKEN-SENTINEL.sig rejected for {\"password\":\"PASSWORD-SENTINEL\"}",)"
          R"("message":"bearer eyJ0eXAi.TOKEN-SENTINEL",)"
          R"("data":["\"password\": \"PASSWORD-SENTINEL\"","Bearer TOKEN-SENTINEL"],)"
          R"("errorName":"InvalidProperty","isRetryable":false,)"
          R"("parameters":{"password":"PASSWORD-SENTINEL"},)"
          R"("errorMessageExtended":"Bearer TOKEN-SENTINEL"})"),
      fixed_now);
  CHECK(e.description ==
        R"(Authorization: Bearer <redacted> rejected for {"password":"<redacted>"})");
  CHECK(e.message == "bearer <redacted>");
  CHECK(e.data == std::vector<std::string>{R"("password": "<redacted>")", "Bearer <redacted>"});
  CHECK(e.parameters == R"({"password":"<redacted>"})");
  CHECK(e.extended_message == "Bearer <redacted>");
  const auto shows = [](const std::string& text) {
    return text.find("SENTINEL") != std::string::npos;
  };
  const partner_center::rest::failure f = partner_center::rest::service_failure(e);
  std::ostringstream printed;
  printed << f;
  CHECK_FALSE(shows(f.message));
  CHECK_FALSE(shows(f.summary()));
  CHECK_FALSE(shows(printed.str()));
  CHECK_FALSE(shows(e.summary()));
  for (const std::string* field :
       {&e.code, &e.description, &e.source, &e.message, &e.error_name, &e.parameters,
        &e.extended_message, &e.inner_code, &e.inner_reason, &e.request_id, &e.correlation_id,
        &e.body_excerpt})
    CHECK_FALSE(shows(*field));
  for (const auto& d : e.data)
    CHECK_FALSE(shows(d));
}

// The README's table of limits: "error bodies are parsed up to 1 MiB". A body of exactly 1 MiB is
// parsed; one byte more is only excerpted, however well-formed.
TEST_CASE("service error: a body over 1 MiB is excerpted, not parsed", "[rest][limits]") {
  constexpr std::size_t one_mib = std::size_t{1} << 20;
  const std::string fault = R"({"code":"600049","description":"missing"})";
  std::string body = fault + std::string(one_mib - fault.size(), ' ');
  REQUIRE(body.size() == one_mib);
  const auto parsed = parse_service_error(test::http_answer(400, body), fixed_now);
  CHECK(parsed.shape == error_body_shape::api_fault);
  CHECK(parsed.code == "600049");
  CHECK(parsed.description == "missing");
  CHECK(parsed.body_excerpt.empty());

  body += ' ';
  const auto excerpted = parse_service_error(test::http_answer(400, body), fixed_now);
  CHECK(excerpted.shape == error_body_shape::not_json);
  CHECK(excerpted.code.empty());
  CHECK(excerpted.description.empty());
  CHECK(excerpted.body_excerpt == fault + std::string(200 - fault.size(), ' ') + "...");
}

TEST_CASE("service error: each text field is capped at 1 KiB", "[rest][limits]") {
  const std::string long_text(8192, 'd');
  std::string data = "[";
  for (int i = 0; i < 100; ++i)
    data += i == 0 ? R"("x")" : R"(,"x")";
  data += ']';
  const auto e = parse_service_error(
      test::http_answer(400, R"({"code":"3000","description":")" + long_text + R"(","message":")" +
                                 long_text + R"(","data":)" + data + "}"),
      fixed_now);
  CHECK(max_error_text == 1024);
  CHECK(e.description == std::string(1024, 'd') + "... (7168 bytes cut)");
  CHECK(e.message == e.description);
  REQUIRE(e.data.size() == 33);  // 32 entries, then how many more there were
  CHECK(e.data[31] == "x");
  CHECK(e.data[32] == "... (68 more entries cut)");
  const auto f = partner_center::rest::service_failure(e);
  CHECK(f.message.size() < 2048);
  CHECK(f.message.find(std::string(1025, 'd')) == std::string::npos);
  // A long code or header value is cut the same way.
  const auto g = parse_service_error(
      test::http_answer(500, R"({"code":")" + long_text + R"("})", {{"MS-RequestId", long_text}}),
      fixed_now);
  CHECK(g.code == e.description);
  CHECK(g.request_id == e.description);
}

}  // namespace rest_service_error_test

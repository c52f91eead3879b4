// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/redact.hpp>

#include <partner_center/rest/request_context.hpp>

#include "support/sentinels.hpp"

#include <catch2/catch_test_macros.hpp>

#include <sstream>
#include <string>

namespace rest_redact_test {

using namespace partner_center;
using namespace partner_center::rest;
using test::password_sentinel;
using test::shows_secret;
using test::token_sentinel;

TEST_CASE("a redacted request hides the bearer token and passwords", "[rest]") {
  request_context context;
  context.token = static_token(token_sentinel);
  const auto request =
      make_request(context, http_method::post, context.base_url.endpoint({"customers"}),
                   std::string(R"({"userCredentials":{"userName":"admin","password":")") +
                       password_sentinel + R"("}})",
                   {"d628adbe-b7ee-412e-ac55-58f22b4ba2f4", "0dd197a8-992c-44ca-aeae-21cd83494dce"})
          .value();
  const std::string text = redacted(request);
  CHECK_FALSE(shows_secret(text));
  CHECK(text ==
        "POST https://api.partnercenter.microsoft.com/v1/customers HTTP/1.1\r\n"
        "Host: api.partnercenter.microsoft.com\r\n"
        "Authorization: Bearer <redacted>\r\n"
        "Accept: application/json\r\n"
        "Content-Type: application/json\r\n"
        "MS-RequestId: d628adbe-b7ee-412e-ac55-58f22b4ba2f4\r\n"
        "MS-CorrelationId: 0dd197a8-992c-44ca-aeae-21cd83494dce\r\n"
        "MS-Contract-Version: v1\r\n"
        "Content-Length: 76\r\n"
        "\r\n"
        R"({"userCredentials":{"userName":"admin","password":"<redacted>"}})");
  std::ostringstream out;
  out << request;
  CHECK(out.str() == text);
}

TEST_CASE("a redacted response hides the admin password at any depth and casing", "[rest]") {
  http_response response;
  response.status = 201;
  response.headers.add("Set-Cookie", "session=abc");
  response.body = std::string("\xEF\xBB\xBF") + R"({"id":"1","UserCredentials":{"Password":")" +
                  password_sentinel + R"("},"items":[{"password":"x"}],"note":null})";
  const std::string text = redacted(response);
  CHECK_FALSE(shows_secret(text));
  CHECK(
      text ==
      "HTTP/1.1 201\r\nSet-Cookie: <redacted>\r\n\r\n"
      R"({"id":"1","UserCredentials":{"Password":"<redacted>"},"items":[{"password":"<redacted>"}],"note":null})");
  std::ostringstream out;
  out << response;
  CHECK(out.str() == text);
}

TEST_CASE("a form body printed through rest hides refresh_token and client_secret", "[rest]") {
  http_request request;
  request.method = http_method::post;
  request.url = boost::urls::url("https://login.microsoftonline.com/common/oauth2/token");
  request.headers.set("Content-Type", "Application/X-WWW-Form-Urlencoded; charset=utf-8");
  request.body = std::string("grant_type=refresh_token&refresh_token=") + token_sentinel +
                 "&client_secret=" + password_sentinel + "&scope=a+b";
  const std::string text = redacted(request);
  CHECK_FALSE(shows_secret(text));
  CHECK(
      text.ends_with("\r\n\r\ngrant_type=refresh_token&refresh_token=<redacted>"
                     "&client_secret=<redacted>&scope=a+b"));
  std::ostringstream out;
  out << request;
  CHECK(out.str() == text);
}

}  // namespace rest_redact_test

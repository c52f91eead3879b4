// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/request_context.hpp>

#include <partner_center/model/formats.hpp>

#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

namespace rest_request_context_test {

using namespace partner_center;
using namespace partner_center::rest;
using namespace std::string_view_literals;

namespace {

request_context context_with_token(std::string token = "t0ken") {
  request_context c;
  c.token = static_token(std::move(token));
  return c;
}

}  // namespace

TEST_CASE("make_request sets every header of the REST headers page", "[rest]") {
  auto context = context_with_token();
  context.locale = "en-US";
  context.application = "Contoso Provisioning";
  const auto r = make_request(
      context, http_method::post, context.base_url.endpoint({"customers"}), "{}",
      {"d628adbe-b7ee-412e-ac55-58f22b4ba2f4", "0dd197a8-992c-44ca-aeae-21cd83494dce"});
  REQUIRE(r.has_value());
  const http_headers expected{{"Authorization", "Bearer t0ken"},
                              {"Accept", "application/json"},
                              {"Content-Type", "application/json"},
                              {"MS-RequestId", "d628adbe-b7ee-412e-ac55-58f22b4ba2f4"},
                              {"MS-CorrelationId", "0dd197a8-992c-44ca-aeae-21cd83494dce"},
                              {"MS-Contract-Version", "v1"},
                              {"X-Locale", "en-US"},
                              {"MS-PartnerCenter-Application", "Contoso Provisioning"}};
  CHECK(r->headers == expected);
  CHECK(r->body == "{}");
  CHECK(r->method == http_method::post);
}

TEST_CASE("a request without a body has no Content-Type; optional headers stay out", "[rest]") {
  const auto r = make_request(context_with_token(), http_method::get, base_url().endpoint({"x"}));
  REQUIRE(r.has_value());
  CHECK_FALSE(r->headers.contains("Content-Type"));
  CHECK_FALSE(r->headers.contains("X-Locale"));
  CHECK_FALSE(r->headers.contains("MS-PartnerCenter-Application"));
}

TEST_CASE("request and correlation ids are generated GUIDs, new for each request", "[rest]") {
  const auto context = context_with_token();
  const auto a = make_request(context, http_method::get, base_url().endpoint({"x"})).value();
  const auto b = make_request(context, http_method::get, base_url().endpoint({"x"})).value();
  const std::string id = *a.headers.find("MS-RequestId");
  CHECK(model::formats::is_guid(id));
  CHECK(model::formats::is_guid(*a.headers.find("MS-CorrelationId")));
  CHECK(id != *b.headers.find("MS-RequestId"));
  CHECK(id != *a.headers.find("MS-CorrelationId"));
}

TEST_CASE("new_guid makes version 4 GUIDs", "[rest]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string g = new_guid();
    REQUIRE(model::formats::is_guid(g));
    CHECK(g[14] == '4');
    CHECK(std::string_view("89ab").find(g[19]) != std::string_view::npos);
    seen.insert(g);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("the context's id generator is used when ids are not given", "[rest]") {
  auto context = context_with_token();
  int n = 0;
  context.new_id = [&n] {
    return "00000000-0000-4000-8000-00000000000" + std::to_string(n++);
  };
  const auto r = make_request(context, http_method::get, base_url().endpoint({"x"})).value();
  CHECK(*r.headers.find("MS-RequestId") == "00000000-0000-4000-8000-000000000000");
  CHECK(*r.headers.find("MS-CorrelationId") == "00000000-0000-4000-8000-000000000001");
}

TEST_CASE("ids that are not GUIDs are refused", "[rest]") {
  const auto r = make_request(context_with_token(), http_method::get, base_url().endpoint({"x"}),
                              {}, {"retry-1\r\nX-Evil: 1", ""});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::invalid_request);
  CHECK(r.error().message.find("MS-RequestId") != std::string::npos);
  CHECK(r.error().message.find('\n') == std::string::npos);
}

TEST_CASE("X-Locale must be a supported culture", "[rest]") {
  auto context = context_with_token();
  context.locale = "EN-us";
  CHECK(make_request(context, http_method::get, base_url().endpoint({"x"})).has_value());
  context.locale = "xx-YY";
  const auto r = make_request(context, http_method::get, base_url().endpoint({"x"}));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "X-Locale \"xx-YY\" is not a culture Partner Center supports");
}

TEST_CASE("header values with CR, LF or NUL are refused, never sent", "[rest]") {
  for (const std::string_view bad : {"App\r\nX-Evil: 1"sv, "App\nX"sv, "App\0X"sv}) {
    auto context = context_with_token();
    context.application = std::string(bad);
    const auto r = make_request(context, http_method::get, base_url().endpoint({"x"}));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message ==
          "header MS-PartnerCenter-Application contains CR, LF or NUL and is refused");
  }
  const auto r = make_request(context_with_token("abc\r\nX-Evil: 1"), http_method::get,
                              base_url().endpoint({"x"}));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "the bearer token contains CR, LF or NUL and is refused");
  CHECK(r.error().message.find("abc") == std::string::npos);
}

TEST_CASE("no token means no request", "[rest]") {
  request_context context;  // no provider
  auto r = make_request(context, http_method::get, base_url().endpoint({"x"}));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().token_unavailable);
  CHECK(r.error().is_authentication());
  context.token = [] {
    return std::optional<std::string>("");
  };
  CHECK_FALSE(make_request(context, http_method::get, base_url().endpoint({"x"})).has_value());
}

TEST_CASE("authorize replaces the token with the provider's current one", "[rest]") {
  int calls = 0;
  request_context context;
  context.token = [&calls] {
    return std::optional<std::string>("token-" + std::to_string(++calls));
  };
  auto r = make_request(context, http_method::get, base_url().endpoint({"x"})).value();
  CHECK(*r.headers.find("Authorization") == "Bearer token-1");
  REQUIRE(authorize(r, context).has_value());
  CHECK(*r.headers.find("Authorization") == "Bearer token-2");
  CHECK(r.headers.begin()->name == "Authorization");
}

TEST_CASE("token_from_environment reads the variable at each call", "[rest]") {
  const auto provider = token_from_environment("PARTNER_CENTER_TEST_TOKEN_VARIABLE");
  ::unsetenv("PARTNER_CENTER_TEST_TOKEN_VARIABLE");
  CHECK_FALSE(provider());
  ::setenv("PARTNER_CENTER_TEST_TOKEN_VARIABLE", "from-env", 1);
  CHECK(provider() == "from-env");
  ::setenv("PARTNER_CENTER_TEST_TOKEN_VARIABLE", "", 1);
  CHECK_FALSE(provider());
  ::unsetenv("PARTNER_CENTER_TEST_TOKEN_VARIABLE");
}

TEST_CASE("authorize attaches the token only on the base URL's origin", "[rest][origin]") {
  int calls = 0;
  request_context context;
  context.base_url = base_url::parse("http://127.0.0.1:8080").value();
  context.token = [&calls] {
    ++calls;
    return std::optional<std::string>("t0ken");
  };
  http_request r;
  r.url = boost::urls::url("http://127.0.0.1:9/v1/customers");
  const auto refused = authorize(r, context);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == failure_kind::invalid_request);
  CHECK(refused.error().message ==
        "refused to send the bearer token to \"http://127.0.0.1:9\": not the origin of the base "
        "URL http://127.0.0.1:8080");
  CHECK_FALSE(r.headers.contains("Authorization"));
  CHECK(calls == 0);

  r.url = boost::urls::url("http://127.0.0.1:8080/v1/customers");
  REQUIRE(authorize(r, context).has_value());
  CHECK(r.headers.value_or("Authorization") == "Bearer t0ken");

  // make_request goes through the same check.
  const auto elsewhere =
      make_request(context, http_method::get, boost::urls::url("https://example.com/v1/x"));
  REQUIRE_FALSE(elsewhere.has_value());
  CHECK(elsewhere.error().message ==
        "refused to send the bearer token to \"https://example.com\": not the origin of the base "
        "URL http://127.0.0.1:8080");
}

}  // namespace rest_request_context_test

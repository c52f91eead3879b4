// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/token_request.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <string>

namespace auth_token_request_test {

using namespace partner_center;
using namespace partner_center::auth;

namespace {

constexpr const char* tenant_id = "2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b";
constexpr const char* client_id = "8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d";

token_request_options options(endpoint_version version) {
  token_request_options o;
  o.tenant = tenant_id;
  o.client_id = client_id;
  o.version = version;
  return o;
}

const std::chrono::sys_seconds now{std::chrono::seconds{1'700'000'000}};

}  // namespace

TEST_CASE("v1: the refresh-token grant with resource and a client secret", "[auth]") {
  token_request_options o = options(endpoint_version::v1);
  o.credential = client_secret{secret("s3cr&t+=%/ value")};
  const auto request = refresh_token_request(o, secret("0.AR8A-rt+/=&x"), now);
  REQUIRE(request.has_value());
  CHECK(request->method == rest::http_method::post);
  CHECK(request->url.buffer() ==
        "https://login.microsoftonline.com/2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b/oauth2/token");
  CHECK(request->headers.value_or("Content-Type") == "application/x-www-form-urlencoded");
  CHECK(request->headers.value_or("Accept") == "application/json");
  CHECK(request->body ==
        "grant_type=refresh_token"
        "&client_id=8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d"
        "&refresh_token=0.AR8A-rt%2B%2F%3D%26x"
        "&resource=https%3A%2F%2Fapi.partnercenter.microsoft.com"
        "&client_secret=s3cr%26t%2B%3D%25%2F+value");
}

TEST_CASE("v2: the refresh-token grant with user_impersonation and offline_access", "[auth]") {
  const auto request = refresh_token_request(options(endpoint_version::v2), secret("rt"), now);
  REQUIRE(request.has_value());
  CHECK(request->url.buffer() ==
        "https://login.microsoftonline.com/2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b/oauth2/v2.0/"
        "token");
  // A public client: no client_secret, no client_assertion.
  CHECK(request->body ==
        "grant_type=refresh_token"
        "&client_id=8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d"
        "&refresh_token=rt"
        "&scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2Fuser_impersonation+offline_access");
}

TEST_CASE("a client assertion is made for this endpoint and sent with its type", "[auth]") {
  token_request_options o = options(endpoint_version::v2);
  o.authority = authority::parse("http://127.0.0.1:4711").value();
  o.tenant = "contoso.onmicrosoft.com";
  std::string audience;
  std::string issuer;
  std::chrono::sys_seconds at{};
  o.credential = client_assertion{[&](const assertion_input& in) -> result<secret> {
    audience = in.audience;
    issuer = in.client_id;
    at = in.now;
    return secret("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln");
  }};
  const auto request = refresh_token_request(o, secret("rt"), now);
  REQUIRE(request.has_value());
  CHECK(audience == "http://127.0.0.1:4711/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(issuer == client_id);
  CHECK(at == now);
  CHECK(request->body.ends_with(
      "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
      "&client_assertion=eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln"));

  o.credential = client_assertion{[](const assertion_input&) -> result<secret> {
    return local_failure(auth_failure_kind::invalid_configuration, "no key");
  }};
  const auto refused = refresh_token_request(o, secret("rt"), now);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().detail == "no key");
}

TEST_CASE("a tenant is a GUID or a domain name", "[auth]") {
  CHECK(is_valid_tenant(tenant_id));
  CHECK(is_valid_tenant("contoso.onmicrosoft.com"));
  CHECK(is_valid_tenant("Contoso-Partner.example.co.uk"));
  for (const char* bad :
       {"", "contoso", "a/b.com", "contoso.com\r\nX: y", "..", "a..b", "-contoso.com",
        "contoso-.com", "contoso.com/", "contoso.com?x", "con toso.com", "%2e%2e"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_tenant(bad));
  }
  token_request_options o = options(endpoint_version::v1);
  o.tenant = "../common";
  const auto refused = refresh_token_request(o, secret("rt"), now);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == auth_failure_kind::invalid_configuration);
  CHECK(refused.error().advice() ==
        "tenant \"../common\" is neither a tenant id (a GUID) nor a domain name such as "
        "contoso.onmicrosoft.com");
}

TEST_CASE("the client id is a GUID and the refresh token is not empty", "[auth]") {
  token_request_options o = options(endpoint_version::v1);
  o.client_id = "my-app";
  CHECK(refresh_token_request(o, secret("rt"), now).error().advice() ==
        "client id \"my-app\" is not a GUID (the application (client) id of the app "
        "registration)");
  CHECK(refresh_token_request(options(endpoint_version::v1), secret(""), now).error().advice() ==
        "the refresh token is empty");
  o = options(endpoint_version::v1);
  o.resource = "";
  CHECK(refresh_token_request(o, secret("rt"), now).error().advice() ==
        "the resource \"\" is not an https:// URL");
}

TEST_CASE("a token request prints with every credential redacted", "[auth]") {
  token_request_options o = options(endpoint_version::v1);
  o.credential = client_secret{secret("sentinel-client-secret")};
  const auto request = refresh_token_request(o, secret("sentinel-refresh-token"), now);
  REQUIRE(request.has_value());
  const std::string printed = redacted_token_request(*request);
  CHECK(printed.find("sentinel") == std::string::npos);
  CHECK(printed.find("&refresh_token=<redacted>&") != std::string::npos);
  CHECK(printed.find("&client_secret=<redacted>") != std::string::npos);
  CHECK(printed.starts_with("POST https://login.microsoftonline.com/"));
  CHECK(redacted_form("grant_type=refresh_token&client_assertion=eyJ.x.y&scope=a+b") ==
        "grant_type=refresh_token&client_assertion=<redacted>&scope=a+b");
}

}  // namespace auth_token_request_test

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/access_token_claims.hpp>

#include <partner_center/auth/detail/base64url.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <sstream>
#include <string>

namespace auth_access_token_claims_test {

using namespace partner_center::auth;

namespace {

std::string jwt_with(std::string_view claims_json) {
  return detail::base64url_encode(R"({"typ":"JWT","alg":"RS256"})") + "." +
         detail::base64url_encode(claims_json) + ".c2ln";
}

}  // namespace

TEST_CASE("the claims that matter are read from a v1 access token", "[auth]") {
  const secret token(jwt_with(
      R"({"aud":"https://api.partnercenter.microsoft.com","tid":"2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b",)"
      R"("oid":"7c0e1f2a-3b4c-4d5e-8f60-718293a4b5c6","upn":"admin@contoso.onmicrosoft.com",)"
      R"("amr":["pwd","mfa"],"appid":"8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d","exp":1775037600})"));
  const auto claims = unverified_claims(token);
  REQUIRE(claims.has_value());
  CHECK(claims->tenant_id == "2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b");
  CHECK(claims->object_id == "7c0e1f2a-3b4c-4d5e-8f60-718293a4b5c6");
  CHECK(claims->user == "admin@contoso.onmicrosoft.com");
  CHECK(claims->audience == "https://api.partnercenter.microsoft.com");
  CHECK(claims->app_id == "8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d");
  CHECK(claims->amr == std::vector<std::string>{"pwd", "mfa"});
  CHECK(claims->has_mfa());
  REQUIRE(claims->expires_at);
  CHECK(claims->expires_at->time_since_epoch() == std::chrono::seconds(1775037600));
}

TEST_CASE("v2 names: preferred_username and azp; no mfa in amr", "[auth]") {
  const auto claims = unverified_claims(
      secret(jwt_with(R"({"preferred_username":"a@b.com","azp":"app","amr":["pwd"]})")));
  REQUIRE(claims.has_value());
  CHECK(claims->user == "a@b.com");
  CHECK(claims->app_id == "app");
  CHECK_FALSE(claims->has_mfa());
  CHECK_FALSE(claims->expires_at);
}

TEST_CASE("a token that is not a JWT is refused without quoting it", "[auth]") {
  for (const char* bad : {"opaque-token", "a.b", "!!!.e30.x", "e30.bm90IGpzb24.x"}) {
    INFO(bad);
    const auto claims = unverified_claims(secret(bad));
    REQUIRE_FALSE(claims.has_value());
    CHECK(claims.error().kind == auth_failure_kind::invalid_answer);
    CHECK(claims.error().detail.find(bad) == std::string::npos);
  }
  CHECK(unverified_claims(secret("opaque-token")).error().detail ==
        "the access token is not a JWT (three base64url parts)");
  CHECK(unverified_claims(secret("e30.bm90IGpzb24.x")).error().detail ==
        "the access token's payload is not a JSON object");
}

TEST_CASE("a claims summary is one line and shows no token", "[auth]") {
  access_token_claims c;
  c.tenant_id = "t";
  c.user = "u@x";
  c.amr = {"pwd", "mfa"};
  c.expires_at = std::chrono::sys_seconds{std::chrono::seconds{1775037600}};
  std::ostringstream out;
  out << c;
  CHECK(out.str() ==
        "tenant t, user u@x, amr [pwd, mfa] (MFA), expires 2026-04-01T10:00:00Z (claims read "
        "without verifying the token's signature)");
}

}  // namespace auth_access_token_claims_test

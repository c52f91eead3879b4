// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/failure.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers.hpp>

#include <sstream>
#include <string>

namespace auth_failure_test {

using namespace partner_center::auth;

namespace {

auth_failure refusal(int status, std::string error, std::int64_t code) {
  auth_failure f;
  f.http_status = status;
  f.error = std::move(error);
  f.code = code;
  f.kind = classify_token_error(status, f.error, code);
  return f;
}

}  // namespace

TEST_CASE("every AADSTS code the brief names has its class", "[auth]") {
  using k = auth_failure_kind;
  for (const std::int64_t code : {70008, 700082, 70043, 50173, 70000})
    CHECK(classify_token_error(400, "invalid_grant", code) == k::refresh_token_dead);
  for (const std::int64_t code : {50076, 50079, 50078})
    CHECK(classify_token_error(400, "invalid_grant", code) == k::mfa_required);
  CHECK(classify_token_error(400, "invalid_grant", 65001) == k::consent_missing);
  CHECK(classify_token_error(401, "invalid_client", 7000215) == k::client_credential_invalid);
  CHECK(classify_token_error(401, "invalid_client", 7000222) == k::client_credential_invalid);
  CHECK(classify_token_error(400, "invalid_grant", 50196) == k::throttled);
  CHECK(classify_token_error(429, "", 0) == k::throttled);
  CHECK(classify_token_error(503, "", 0) == k::temporarily_unavailable);
  CHECK(classify_token_error(400, "temporarily_unavailable", 0) == k::temporarily_unavailable);
  CHECK(classify_token_error(400, "invalid_grant", 0) == k::refresh_token_dead);
  CHECK(classify_token_error(400, "interaction_required", 0) == k::refresh_token_dead);
  CHECK(classify_token_error(400, "consent_required", 0) == k::consent_missing);
  CHECK(classify_token_error(401, "invalid_client", 0) == k::client_credential_invalid);
  CHECK(classify_token_error(400, "invalid_scope", 70011) == k::other);
  CHECK(classify_token_error(400, "invalid_grant", 53003) == k::other);
  CHECK(classify_token_error(400, "invalid_request", 0) == k::other);
}

TEST_CASE("the advice says what a person must do", "[auth]") {
  CHECK(refusal(400, "invalid_grant", 70008).advice() ==
        "the refresh token has expired (AADSTS70008): consent again with an MFA sign-in to get a "
        "new one");
  CHECK(refusal(400, "invalid_grant", 700082).advice() ==
        "the refresh token has expired after too long without use (AADSTS700082): consent again "
        "with an MFA sign-in to get a new one");
  CHECK(refusal(400, "invalid_grant", 50076).advice() ==
        "multi-factor authentication is required (AADSTS50076): the refresh token must come from "
        "a sign-in with MFA; consent again with an MFA sign-in to get a new one");
  CHECK(refusal(400, "invalid_grant", 65001).advice() ==
        "the application has no consent for Partner Center (AADSTS65001): an administrator of the "
        "partner tenant must consent to the application, then consent again with an MFA sign-in "
        "to get a new refresh token");
  CHECK(refusal(401, "invalid_client", 7000222).advice() ==
        "the client secret has expired (AADSTS7000222): create a new client secret for the "
        "application registration");
  auth_failure throttled = refusal(429, "", 0);
  throttled.retry_after = std::chrono::seconds(7);
  CHECK(throttled.advice() ==
        "the token endpoint is throttling requests (HTTP 429): retry after 7 s");
  CHECK(refusal(503, "", 0).advice() ==
        "the token endpoint is temporarily unavailable (HTTP 503): retry later");
  CHECK(refusal(400, "invalid_grant", 0).advice() ==
        "the refresh token was refused (invalid_grant): consent again with an MFA sign-in to get "
        "a new one");
}

TEST_CASE("the summary adds what support needs; operator<< names the kind", "[auth]") {
  auth_failure f = refusal(400, "invalid_grant", 70008);
  f.trace_id = "0000aaaa-11bb-cccc-dd22-eeeeee333333";
  f.correlation_id = "aaaa0000-bb11-2222-33cc-444444dddddd";
  CHECK(f.summary() ==
        "the refresh token has expired (AADSTS70008): consent again with an MFA sign-in to get a "
        "new one [HTTP 400, error invalid_grant, trace id 0000aaaa-11bb-cccc-dd22-eeeeee333333, "
        "correlation id aaaa0000-bb11-2222-33cc-444444dddddd]");
  std::ostringstream out;
  out << local_failure(auth_failure_kind::storage, "cannot write \"rt\": Permission denied");
  CHECK(out.str() == "storage: cannot write \"rt\": Permission denied");
  CHECK(f.needs_person());
  CHECK_FALSE(f.retryable());
  CHECK(refusal(429, "", 0).retryable());
  CHECK_FALSE(refusal(429, "", 0).needs_person());
}

TEST_CASE("value() of a failed auth result throws the summary", "[auth]") {
  const result<int> r = local_failure(auth_failure_kind::invalid_configuration, "bad tenant");
  CHECK_THROWS_WITH(r.value(), "bad tenant");
}

}  // namespace auth_failure_test

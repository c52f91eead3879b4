// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/token_answer.hpp>

#include "support/rest_fixtures.hpp"

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <sstream>
#include <string>

namespace auth_token_answer_test {

using namespace partner_center;
using namespace partner_center::auth;
using namespace std::chrono_literals;

namespace {

const std::chrono::sys_seconds now{std::chrono::seconds{1'547'577'789}};

// As the token endpoint answers: a JSON body, and a Content-Type that says so.
rest::http_response answer(int status, std::string body) {
  return test::http_answer(status, std::move(body),
                           {{"Content-Type", "application/json; charset=utf-8"}});
}

// The error answer's documented shape, with this description and code list.
std::string error_body(std::string_view error, std::string_view description,
                       std::string_view codes) {
  return std::string(R"({"error":")") + std::string(error) + R"(","error_description":")" +
         std::string(description) +
         R"(\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2019-01-15 18:43:09Z","error_codes":)" +
         std::string(codes) +
         R"(,"timestamp":"2019-01-15 18:43:09Z","trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd","error_uri":"https://login.microsoftonline.com/error?code=70008"})";
}

}  // namespace

TEST_CASE("v1 answer: numbers as strings, expires_on in epoch seconds", "[auth]") {
  // The secure application model's sample answer.
  const auto parsed = parse_token_answer(
      answer(200,
             R"({"token_type":"Bearer","scope":"user_impersonation","expires_in":"3600",)"
             R"("ext_expires_in":"3600","expires_on":"1547581389","not_before":"1547577489",)"
             R"("resource":"https://api.partnercenter.microsoft.com","access_token":"eyJ0.at.sig",)"
             R"("refresh_token":"0.AR8A-new-rt","id_token":"eyJ0.id.sig"})"),
      now);
  REQUIRE(parsed.has_value());
  CHECK(parsed->access_token == std::string_view("eyJ0.at.sig"));
  CHECK(parsed->token_type == "Bearer");
  CHECK(parsed->expires_in == 3600s);
  REQUIRE(parsed->expires_on);
  CHECK(parsed->expires_on->time_since_epoch() == 1'547'581'389s);
  CHECK(parsed->expires_at == now + 3600s);  // from expires_in: our clock, not theirs
  REQUIRE(parsed->refresh_token);
  CHECK(*parsed->refresh_token == std::string_view("0.AR8A-new-rt"));
}

TEST_CASE("v2 answer: expires_in a number; the refresh token may be missing", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(200, R"({"access_token":"at","token_type":"bearer","expires_in":3599,)"
                  R"("scope":"https://api.partnercenter.microsoft.com/user_impersonation"})"),
      now);
  REQUIRE(parsed.has_value());
  CHECK(parsed->expires_in == 3599s);
  CHECK_FALSE(parsed->expires_on);
  CHECK_FALSE(parsed->refresh_token);
  CHECK(parsed->expires_at == now + 3599s);
}

TEST_CASE("only expires_on: it gives the expiry", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(200, R"({"access_token":"at","token_type":"Bearer","expires_on":1547581389})"), now);
  REQUIRE(parsed.has_value());
  CHECK(parsed->expires_at.time_since_epoch() == 1'547'581'389s);
  CHECK(parsed->expires_in == 3600s);
}

TEST_CASE("an unusable success answer is refused with the reason", "[auth]") {
  auto reason = [](std::string body) {
    const auto parsed = parse_token_answer(answer(200, std::move(body)), now);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == auth_failure_kind::invalid_answer);
    return parsed.error().detail;
  };
  CHECK(reason("<html>proxy</html>") == "the answer is not JSON");
  CHECK(reason("[]") == "the answer is not a JSON object");
  CHECK(reason(R"({"token_type":"Bearer","expires_in":3600})") == "the answer has no access_token");
  CHECK(reason(R"({"access_token":"","token_type":"Bearer","expires_in":3600})") ==
        "the answer has no access_token");
  CHECK(reason(R"({"access_token":"a b","token_type":"Bearer","expires_in":3600})") ==
        "the access_token has characters a bearer token cannot have");
  CHECK(reason(R"({"access_token":"at","token_type":"pop","expires_in":3600})") ==
        "token_type \"pop\" is not Bearer");
  CHECK(reason(R"({"access_token":"at","expires_in":3600})") == "token_type \"\" is not Bearer");
  CHECK(reason(R"({"access_token":"at","token_type":"Bearer"})") ==
        "the answer has neither expires_in nor expires_on");
  CHECK(reason(R"({"access_token":"at","token_type":"Bearer","expires_in":"soon"})") ==
        "expires_in is not a number of seconds");
  CHECK(reason(R"({"access_token":"at","token_type":"Bearer","expires_in":-5})") ==
        "expires_in is not a number of seconds");
  CHECK(
      reason(R"({"access_token":"at","token_type":"Bearer","expires_in":60,"refresh_token":7})") ==
      "refresh_token is not a string");
  CHECK(reason(std::string(max_token_answer_size + 1, ' ')) ==
        "the answer is 65537 bytes, over the 65536-byte limit");
}

TEST_CASE("an absurd lifetime is cut to a day", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(200, R"({"access_token":"at","token_type":"Bearer","expires_in":99999999999})"), now);
  REQUIRE(parsed.has_value());
  CHECK(parsed->expires_in == 86400s);
}

TEST_CASE("an error answer: the codes, the ids and the class", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(400, error_body("invalid_grant",
                             "AADSTS70008: The provided authorization code or refresh token has "
                             "expired due to inactivity.",
                             "[70008]")),
      now);
  REQUIRE_FALSE(parsed.has_value());
  const auth_failure& f = parsed.error();
  CHECK(f.kind == auth_failure_kind::refresh_token_dead);
  CHECK(f.http_status == 400);
  CHECK(f.error == "invalid_grant");
  CHECK(f.code == 70008);
  CHECK(f.description ==
        "AADSTS70008: The provided authorization code or refresh token has expired due to "
        "inactivity.");
  CHECK(f.trace_id == "0000aaaa-11bb-cccc-dd22-eeeeee333333");
  CHECK(f.correlation_id == "aaaa0000-bb11-2222-33cc-444444dddddd");
  CHECK(f.advice() ==
        "the refresh token has expired (AADSTS70008): consent again with an MFA sign-in to get a "
        "new one");
}

TEST_CASE("every AADSTS class maps to its failure", "[auth]") {
  struct row {
    int status;
    const char* error;
    std::int64_t code;
    auth_failure_kind kind;
  };
  using k = auth_failure_kind;
  for (const row& r : {row{400, "invalid_grant", 70008, k::refresh_token_dead},
                       row{400, "invalid_grant", 700082, k::refresh_token_dead},
                       row{400, "invalid_grant", 70043, k::refresh_token_dead},
                       row{400, "invalid_grant", 50173, k::refresh_token_dead},
                       row{400, "invalid_grant", 70000, k::refresh_token_dead},
                       row{400, "invalid_grant", 50076, k::mfa_required},
                       row{400, "interaction_required", 50079, k::mfa_required},
                       row{400, "invalid_grant", 50078, k::mfa_required},
                       row{400, "invalid_grant", 65001, k::consent_missing},
                       row{401, "invalid_client", 7000215, k::client_credential_invalid},
                       row{401, "invalid_client", 7000222, k::client_credential_invalid},
                       row{400, "invalid_request", 50196, k::throttled},
                       row{400, "invalid_scope", 70011, k::other}}) {
    INFO(r.code);
    const std::string code = std::to_string(r.code);
    const auto parsed = parse_token_answer(
        answer(r.status, error_body(r.error, "AADSTS" + code + ": text", "[" + code + "]")), now);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == r.kind);
    CHECK(parsed.error().code == r.code);
  }
}

TEST_CASE("the code comes from error_codes, else from the description", "[auth]") {
  auto code_of = [](std::string body) {
    return parse_token_answer(answer(400, std::move(body)), now).error().code;
  };
  CHECK(
      code_of(
          R"({"error":"invalid_grant","error_description":"AADSTS50076: x","error_codes":[70008]})") ==
      70008);
  CHECK(code_of(R"({"error":"invalid_grant","error_description":"AADSTS50076: MFA"})") == 50076);
  CHECK(code_of(R"({"error":"invalid_grant","error_description":"no code"})") == 0);
  CHECK(code_of(R"({"error":"invalid_grant","error_codes":["x", 1]})") == 0);
}

TEST_CASE("429 with Retry-After, and a 503 page from a proxy", "[auth]") {
  rest::http_response throttled = answer(429, "");
  throttled.headers.set("Retry-After", "17");
  const auto t = parse_token_answer(throttled, now);
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().kind == auth_failure_kind::throttled);
  REQUIRE(t.error().retry_after);
  CHECK(*t.error().retry_after == 17s);
  CHECK(t.error().advice() ==
        "the token endpoint is throttling requests (HTTP 429): retry after 17 s");

  const auto u =
      parse_token_answer(answer(503, "<html><body>Service Unavailable</body></html>"), now);
  REQUIRE_FALSE(u.has_value());
  CHECK(u.error().kind == auth_failure_kind::temporarily_unavailable);
  CHECK(u.error().description.empty());
  CHECK(u.error().retryable());
}

TEST_CASE("a 200 carrying an error member is a refusal", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(200, R"({"error":"temporarily_unavailable","error_description":"busy"})"), now);
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().kind == auth_failure_kind::temporarily_unavailable);
}

TEST_CASE("a description never carries a token, a control character or a flood", "[auth]") {
  const std::string sent = "0.AR8AsentRefreshToken";
  const std::string jwt =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJlMTIzNDU2";
  const auto parsed = parse_token_answer(
      answer(400,
             R"({"error":"invalid_grant","error_description":"AADSTS9002313: Invalid )"
             R"(request. Token )" +
                 sent + " or " + jwt +
                 R"( refused.\u0007 Id 0000aaaa-11bb-cccc-dd22-eeeeee333333.\r\nTrace ID: x"})"),
      now, {sent});
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().description ==
        "AADSTS9002313: Invalid request. Token <redacted> or <redacted> refused.  Id "
        "0000aaaa-11bb-cccc-dd22-eeeeee333333.");

  const auto long_one = parse_token_answer(
      answer(400, R"({"error":"invalid_request","error_description":")" + std::string(5000, 'x') +
                      R"(","trace_id":"not an id\r\n"})"),
      now);
  REQUIRE_FALSE(long_one.has_value());
  CHECK(long_one.error().description.size() <= max_description_size);
  CHECK(long_one.error().description.ends_with("..."));
  CHECK(long_one.error().trace_id.empty());
}

TEST_CASE("a token answer prints without its tokens", "[auth]") {
  const auto parsed = parse_token_answer(
      answer(200, R"({"access_token":"sentinel-at","token_type":"Bearer","expires_in":60,)"
                  R"("refresh_token":"sentinel-rt"})"),
      now);
  REQUIRE(parsed.has_value());
  std::ostringstream out;
  out << *parsed;
  CHECK(out.str().find("sentinel") == std::string::npos);
  CHECK(out.str() ==
        "token_answer{access_token=<redacted>, token_type=Bearer, expires_in=60 s, "
        "refresh_token=<redacted>}");
}

TEST_CASE("a credential echoed in error or trace_id is not kept either", "[auth]") {
  const std::string sent = "0-AR8A-sent-refresh-token";
  const auto parsed = parse_token_answer(
      answer(400, R"({"error":")" + sent + R"(","error_description":"x","trace_id":")" + sent +
                      R"(","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd"})"),
      now, {sent});
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().summary().find(sent) == std::string::npos);
  CHECK(parsed.error().error == "<redacted>");
  CHECK(parsed.error().trace_id.empty());  // not a GUID
  CHECK(parsed.error().correlation_id == "aaaa0000-bb11-2222-33cc-444444dddddd");
}

TEST_CASE("an unusable answer's reason never quotes an echoed credential", "[auth]") {
  // Found by fuzz/token_answer: token_type was quoted whole in the reason.
  const std::string sent = "0.AR8A-fuzz-sentinel-refresh-token";
  const auto parsed = parse_token_answer(
      answer(200, R"({"access_token":"at","token_type":"B )" + sent + R"(","expires_in":60})"), now,
      {sent});
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().summary().find(sent) == std::string::npos);
  CHECK(parsed.error().detail == "token_type is not Bearer");
}

}  // namespace auth_token_answer_test

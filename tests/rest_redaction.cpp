// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/redaction.hpp>

#include "support/sentinels.hpp"

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace rest_redaction_test {

using namespace partner_center;
using namespace partner_center::rest;
using test::password_sentinel;
using test::shows_secret;
using test::token_sentinel;

TEST_CASE("a body that is not JSON keeps its text but not a bearer token", "[rest]") {
  CHECK(redacted_body("") == "");
  CHECK(redacted_body("<p>Authorization: Bearer abc.def</p>") ==
        "<p>Authorization: Bearer <redacted></p>");
  CHECK(redacted_body(R"({"password":null})") == R"({"password":null})");
}

TEST_CASE("secret headers are redacted, others are shown", "[rest]") {
  CHECK(redacted_header_value("authorization", "Bearer abc") == "Bearer <redacted>");
  CHECK(redacted_header_value("Authorization", "Basic abc") == "<redacted>");
  CHECK(redacted_header_value("Ocp-Apim-Subscription-Key", "k") == "<redacted>");
  CHECK(redacted_header_value("Cookie", "a=b") == "<redacted>");
  CHECK(redacted_header_value("MS-RequestId", "x") == "x");
}

TEST_CASE("a truncated answer printed as text still hides the password", "[rest]") {
  CHECK(redacted_body(
            R"({"id":"1","userCredentials":{"userName":"admin","Password" : "0Krha*Io"},)") ==
        R"({"id":"1","userCredentials":{"userName":"admin","Password" : "<redacted>"},)");
  CHECK(redacted_body(R"({"password":"0Krh)") == R"({"password":"<redacted>)");
  CHECK(redacted_body(R"({"password":"a\"b","x":1)") == R"({"password":"<redacted>","x":1)");
}

namespace {

std::string repeated(std::string_view chunk, std::size_t at_least) {
  std::string out;
  out.reserve(at_least + chunk.size());
  while (out.size() < at_least)
    out += chunk;
  return out;
}

constexpr std::size_t sixteen_mib = std::size_t{16} << 20;

}  // namespace

TEST_CASE("redacting 16 MiB of text full of tokens and passwords is linear and capped",
          "[rest][limits]") {
  const std::string chunk = std::string("<p>Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.") +
                            token_sentinel + R"(.sig</p> {"password":")" + password_sentinel +
                            R"("} )";
  const std::string body = "<html>" + repeated(chunk, sixteen_mib);
  const auto start = std::chrono::steady_clock::now();
  const std::string text = redacted_body(body);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5));  // linear: well under a second idle; quadratic: hours
  CHECK_FALSE(shows_secret(text));
  // The whole body redacted, then its first 4 KiB shown and the rest counted.
  const std::string redacted_chunk =
      R"(<p>Authorization: Bearer <redacted></p> {"password":"<redacted>"} )";
  const std::size_t chunks = (body.size() - 6) / chunk.size();
  const std::size_t full = 6 + chunks * redacted_chunk.size();
  const std::string expected_start = ("<html>" + repeated(redacted_chunk, 4096)).substr(0, 4096);
  CHECK(text == expected_start + "... (" + std::to_string(full - 4096) + " bytes cut)");
  CHECK(max_printed_body == 4096);
}

TEST_CASE("redacting 16 MiB of JSON is linear and capped, tokens in strings hidden",
          "[rest][limits]") {
  const std::string item = std::string(R"({"password":")") + password_sentinel +
                           R"(","note":"Authorization: Bearer )" + token_sentinel + R"("},)";
  std::string body = R"({"items":[)" + repeated(item, sixteen_mib);
  body.back() = ']';
  body += '}';
  const auto start = std::chrono::steady_clock::now();
  const std::string text = redacted_body(body);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5));  // linear: under a second idle; quadratic: hours
  CHECK_FALSE(shows_secret(text));
  CHECK(text.starts_with(
      R"({"items":[{"password":"<redacted>","note":"Authorization: Bearer <redacted>"},)"));
  CHECK(text.size() <= 4096 + 32);
  CHECK(text.ends_with(" bytes cut)"));
}

TEST_CASE("a printed body is cut at a character boundary", "[rest][limits]") {
  const std::string body = std::string(4095, 'a') + "\xC3\xA9" + std::string(100, 'b');
  CHECK(redacted_body(body) == std::string(4095, 'a') + "... (102 bytes cut)");
  const std::string fits = std::string(4096, 'a');
  CHECK(redacted_body(fits) == fits);
}

TEST_CASE("whatever follows \"Bearer \" is never shown, even an empty token", "[rest][secrets]") {
  // Found by fuzzing parse_service_error: "Bearer " before a quote was left as it was.
  CHECK(redacted_body(R"(x: Bearer ", y)") == R"(x: Bearer <redacted>", y)");
  CHECK(redacted_body("Bearer ") == "Bearer <redacted>");
  CHECK(redacted_body("bearer Bearer abc") == "bearer <redacted>");
}

TEST_CASE("redacting a redacted text changes nothing", "[rest]") {
  for (const std::string_view text :
       {"<p>Authorization: Bearer <redacted></p>", R"({"password":"<redacted>",)",
        R"(Bearer <redacted>"quoted" and "Password" : 7)"}) {
    INFO(text);
    CHECK(redacted_body(text) == text);
  }
}

}  // namespace rest_redaction_test

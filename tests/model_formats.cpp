#include <partner_center/model/formats.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

using namespace partner_center::model::formats;

TEST_CASE("GUIDs are 8-4-4-4-12 hex digits", "[formats]") {
  STATIC_REQUIRE(is_guid("484e548c-f5f3-4528-93a9-c16c6373cb59"));
  CHECK(is_guid("484E548C-F5F3-4528-93A9-C16C6373CB59"));
  CHECK_FALSE(is_guid("{484e548c-f5f3-4528-93a9-c16c6373cb59}"));
  CHECK_FALSE(is_guid("484e548cf5f3452893a9c16c6373cb59"));
  CHECK_FALSE(is_guid("484e548c-f5f3-4528-93a9-c16c6373cb5g"));
}

TEST_CASE("initial domains: 1..27 letters or digits and the suffix", "[formats]") {
  CHECK(is_domain_with_suffix("a.onmicrosoft.com", onmicrosoft_suffix));
  CHECK(is_domain_with_suffix(std::string(27, 'z') + ".OnMicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix(std::string(28, 'z') + ".onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("a_b.onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("a.b.onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("onmicrosoft.com", onmicrosoft_suffix));
}

TEST_CASE("email addresses", "[formats]") {
  CHECK(is_email_address("gena@wingtiptoys.com"));
  CHECK(is_email_address("first.last+tag@sub.example.co.uk"));
  CHECK_FALSE(is_email_address("gena@wingtiptoys"));
  CHECK_FALSE(is_email_address("gena@wingtiptoys..com"));
  CHECK_FALSE(is_email_address("a@b.com, c@d.com"));
  CHECK_FALSE(is_email_address("a@b.com;c@d.com"));
}

TEST_CASE("company names and languages", "[formats]") {
  CHECK(is_company_name("Wingtip Toys"));
  CHECK(is_company_name("\xE6\x97\xA5\xE6\x9C\xAC"));        // 日本
  CHECK_FALSE(is_company_name("\xE2\x80\x94\xE2\x80\x94"));  // ——
  CHECK_FALSE(is_company_name("!"));
  CHECK(is_two_letter_language("En"));
  CHECK_FALSE(is_two_letter_language("e1"));
  CHECK_FALSE(is_two_letter_language("pt-PT"));
}

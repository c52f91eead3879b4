// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/country_validation_rules.hpp>

#include "support/rest_fixtures.hpp"

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <vector>

namespace rest_country_validation_rules_test {

using namespace partner_center::rest;
namespace test = partner_center::test;

namespace {

// The real PT answer, from https://github.com/microsoft/Partner-Center-PowerShell/issues/383.
constexpr const char* portugal =
    R"({"iso2Code":"PT","defaultCulture":"pt-PT","isStateRequired":false,"supportedStatesList":[],"supportedLanguagesList":["en","pt-PT"],"supportedCulturesList":["pt-PT","en-US"],"isPostalCodeRequired":true,"postalCodeRegex":"^\\d{4}(-\\d{3})?$","isCityRequired":true,"isVatIdSupported":true,"taxIdFormat":"PT#########","taxIdSample":"PT980152267","vatIdRegex":"^PT[\\d]{9,9}$","isTaxIdSupported":false,"isTaxIdOptional":false,"countryCallingCodesList":["351"],"attributes":{"objectType":"CountryValidationRules"}})";

}  // namespace

TEST_CASE("country validation rules are a GET of /v1/countryvalidationrules/{iso2}", "[rest]") {
  const auto request = build_get_country_validation_rules(test::token_context(), "PT");
  REQUIRE(request.has_value());
  CHECK(request->method == http_method::get);
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/countryvalidationrules/PT");
  for (const char* bad : {"", "P", "PRT", "../", "P1"}) {
    INFO(bad);
    CHECK_FALSE(build_get_country_validation_rules(test::token_context(), bad).has_value());
  }
}

TEST_CASE("the PT answer decodes and keeps its JSON for the rule loader", "[rest]") {
  const auto answer = parse_country_validation_rules(
      test::http_answer(200, std::string("\xEF\xBB\xBF") + portugal));
  REQUIRE(answer.has_value());
  CHECK(answer->rules.iso2Code == "PT");
  CHECK(answer->rules.postalCodeRegex == R"(^\d{4}(-\d{3})?$)");
  CHECK(answer->rules.supportedCulturesList == std::vector<std::string>{"pt-PT", "en-US"});
  CHECK_FALSE(answer->rules.phoneNumberRegex);
  CHECK(answer->json == portugal);
}

TEST_CASE("an unknown country is the service's error", "[rest]") {
  const auto answer = parse_country_validation_rules(test::http_answer(
      400,
      R"({"code":"20000","description":"No validation rules were found for the country/region UK"})"));
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().service->has_code(error_codes::country_not_supported));
}

}  // namespace rest_country_validation_rules_test

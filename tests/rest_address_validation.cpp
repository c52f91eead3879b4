// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/address_validation.hpp>

#include "support/rest_fixtures.hpp"

#include <partner_center/core/decode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace rest_address_validation_test {

using namespace partner_center;
using namespace partner_center::rest;

namespace {

model::Address redmond() {
  model::Address a;
  a.addressLine1 = "One Microsoft Way";
  a.city = "Redmond";
  a.state = "WA";
  a.postalCode = "98052";
  a.country = "US";
  a.firstName = "Gena";
  a.phoneNumber = "4255550101";
  return a;
}

}  // namespace

TEST_CASE("address validation posts only the documented members", "[rest]") {
  const auto request = build_validate_address(test::token_context(), redmond());
  REQUIRE(request.has_value());
  CHECK(request->method == http_method::post);
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/validations/address");
  CHECK(
      request->body ==
      R"({"country":"US","city":"Redmond","state":"WA","addressLine1":"One Microsoft Way","postalCode":"98052"})");
  model::Address no_country = redmond();
  no_country.country.reset();
  CHECK_FALSE(build_validate_address(test::token_context(), no_country).has_value());
}

TEST_CASE("the current contract: 200 with a status and suggestions", "[rest]") {
  const auto verified = parse_validate_address(test::http_answer(
      200,
      R"({"originalAddress":{"addressLine1":"One Microsoft Way","city":"Redmond","state":"WA","postalCode":"98052","country":"US"},"suggestedAddresses":[],"status":"VerifiedShippable"})"));
  REQUIRE(verified.has_value());
  CHECK(verified->verified);
  CHECK(verified->status == "VerifiedShippable");

  const auto partial = parse_validate_address(test::http_answer(
      200,
      R"({"originalAddress":{"addressLine1":"1 Main","city":"Redmond","country":"US"},"suggestedAddresses":[{"addressLine1":"1 Main St","city":"Redmond","state":"WA","postalCode":"98052","country":"US"}],"status":"StreetPartial","validationMessage":"Address field invalid for property: 'Region', 'PostalCode', 'City'"})"));
  REQUIRE(partial.has_value());
  CHECK_FALSE(partial->verified);
  CHECK(partial->status == "StreetPartial");
  CHECK(partial->message == "Address field invalid for property: 'Region', 'PostalCode', 'City'");
  REQUIRE(partial->suggestions.size() == 1);
  CHECK(partial->suggestions[0].addressLine1 == "1 Main St");
}

TEST_CASE("the old contract: empty 200 is valid, 400 code 2007 is invalid", "[rest]") {
  const auto valid = parse_validate_address(test::http_answer(200));
  REQUIRE(valid.has_value());
  CHECK(valid->verified);
  CHECK(valid->status.empty());

  const auto invalid = parse_validate_address(test::http_answer(
      400,
      R"({"code": 2007, "description": "{\"code\":\"60071\",\"reason\":\"ZipCityInvalid - Details: Field - &#39;City&#39; is corrected from OldValue: &#39;Redmond&#39; to NewValue: &#39;BELLEVUE&#39;.\",\"object_type\":\"AddressValidation\",\"resource_status\":\"Active\"}", "data": [], "source": "PartnerFD"})"));
  REQUIRE(invalid.has_value());
  CHECK_FALSE(invalid->verified);
  CHECK(invalid->code == "60071");
  CHECK(invalid->message.starts_with("ZipCityInvalid - Details"));
}

TEST_CASE("other refusals of address validation are service failures", "[rest]") {
  const auto refused =
      parse_validate_address(test::http_answer(400, R"({"code":3000,"description":"x"})"));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == failure_kind::service);
  CHECK(parse_validate_address(test::http_answer(200, "<html/>")).error().kind ==
        failure_kind::unexpected_response);
  CHECK(is_verified_status("verified"));
  CHECK_FALSE(is_verified_status("InteractionRequired"));
}

}  // namespace rest_address_validation_test

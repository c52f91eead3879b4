// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/model/country_validation_rules.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/detail/country_data.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace model_country_validation_rules_test {

namespace pc = partner_center;
namespace pcm = partner_center::model;

namespace {

std::string_view captured(std::string_view alpha2) {
  for (const auto& rules : pcm::detail::builtin_country_rules) {
    if (rules.alpha2 == alpha2)
      return rules.json;
  }
  FAIL("no captured rules for " << alpha2);
  return {};
}

}  // namespace

TEST_CASE("CountryValidationRules decodes the captured US response") {
  const auto us = pc::decode<pcm::CountryValidationRules>(captured("US"));
  REQUIRE(us.valid());
  CHECK(us.violations.empty());
  const auto& r = us.value;
  CHECK(r.iso2Code == "US");
  CHECK(r.defaultCulture == "en-US");
  CHECK(r.isStateRequired == true);
  REQUIRE(r.supportedStatesList);
  CHECK(r.supportedStatesList->size() == 51);  // 50 states and DC
  CHECK(r.supportedStatesList->front() == "AK");
  CHECK(r.supportedLanguagesList == std::vector<std::string>{"en", "es"});
  CHECK(r.supportedCulturesList == std::vector<std::string>{"en-US", "es-US"});
  CHECK(r.isPostalCodeRequired == true);
  CHECK(r.postalCodeRegex == R"(^\d{5}(-\d{4})?$)");
  CHECK(r.isCityRequired == true);
  CHECK(r.isVatIdSupported == false);
  CHECK(r.phoneNumberRegex ==
        R"(^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?(\d{4})$)");
  CHECK(r.isTaxIdSupported == true);
  CHECK(r.isTaxIdOptional == true);
  CHECK(r.countryCallingCodesList == std::vector<std::string>{"1"});
  REQUIRE(r.attributes);
  CHECK(r.attributes->objectType == "CountryValidationRules");
  CHECK_FALSE(r.taxIdFormat);
  CHECK_FALSE(r.customerOrganizationRegistrationNumberRequired);
}

TEST_CASE("CountryValidationRules keeps what the PT response leaves out absent") {
  const auto pt = pc::decode<pcm::CountryValidationRules>(captured("PT"));
  REQUIRE(pt.valid());
  const auto& r = pt.value;
  CHECK(r.isStateRequired == false);
  REQUIRE(r.supportedStatesList);  // present and empty, not absent
  CHECK(r.supportedStatesList->empty());
  CHECK(r.supportedLanguagesList == std::vector<std::string>{"en", "pt-PT"});
  CHECK(r.postalCodeRegex == R"(^\d{4}(-\d{3})?$)");
  CHECK(r.taxIdFormat == "PT#########");
  CHECK(r.taxIdSample == "PT980152267");
  CHECK(r.vatIdRegex == R"(^PT[\d]{9,9}$)");
  CHECK_FALSE(r.phoneNumberRegex);  // no key at all (microsoft/Partner-Center-PowerShell#383)
}

TEST_CASE("CountryValidationRules encodes back to the captured responses byte for byte") {
  // The members are declared in the service's order, so a response survives a round trip.
  for (const std::string_view alpha2 : {"US", "PT"}) {
    INFO(alpha2);
    const auto decoded = pc::decode<pcm::CountryValidationRules>(captured(alpha2));
    REQUIRE(decoded.valid());
    CHECK(pc::encode(decoded.value) == captured(alpha2));
  }
}

TEST_CASE("CountryValidationRules reads the server contract's customerOrganization members") {
  const auto decoded = pc::decode<pcm::CountryValidationRules>(
      R"({"Iso2Code":"RU","CustomerOrganizationRegistrationNumberRegex":"^(\\d{7}|\\d{10})$",
          "customerOrganizationRegistrationNumberSample":"1234567",
          "customerOrganizationRegistrationNumberRequired":true,
          "CUSTOMERORGANIZATIONPHONENUMBERREQUIRED":false})");
  REQUIRE(decoded.valid());
  CHECK(decoded.violations.empty());
  const auto& r = decoded.value;
  CHECK(r.iso2Code == "RU");
  CHECK(r.customerOrganizationRegistrationNumberRegex == R"(^(\d{7}|\d{10})$)");
  CHECK(r.customerOrganizationRegistrationNumberSample == "1234567");
  CHECK(r.customerOrganizationRegistrationNumberRequired == true);
  CHECK(r.customerOrganizationPhoneNumberRequired == false);
}

TEST_CASE("CountryValidationRules tolerates CountryInformation's extra members as warnings") {
  const auto decoded = pc::decode<pcm::CountryValidationRules>(
      R"({"iso2Code":"US","iso3Code":"USA","geographicRegion":"NorthAndLatinAmerica",
          "postalCodeRegex":null})");
  CHECK(decoded.valid());
  REQUIRE(decoded.violations.size() == 2);
  CHECK(decoded.violations[0].path == "/iso3Code");
  CHECK(decoded.violations[0].code == pc::violation_code::unknown_field);
  CHECK(decoded.violations[0].severity == pc::severity::warning);
  CHECK(decoded.violations[1].path == "/geographicRegion");
  CHECK_FALSE(decoded.value.postalCodeRegex);
}

TEST_CASE("CountryValidationRules reports members of the wrong type") {
  const auto decoded = pc::decode<pcm::CountryValidationRules>(
      R"({"iso2Code":"US","isStateRequired":"true","supportedStatesList":"WA",
          "supportedCulturesList":["en-US",1]})");
  CHECK_FALSE(decoded.valid());
  REQUIRE(decoded.violations.size() == 3);
  CHECK(decoded.violations[0] ==
        pc::violation{"/isStateRequired", pc::violation_code::type, pc::severity::error,
                      "isStateRequired must be true or false, not a string"});
  CHECK(decoded.violations[1].path == "/supportedStatesList");
  CHECK(decoded.violations[2].path == "/supportedCulturesList/1");
  CHECK_FALSE(decoded.value.isStateRequired);
}

}  // namespace model_country_validation_rules_test

#pragma once

// CountryValidationRules: what GET /v1/countryvalidationrules/{iso2} answers, the rules the
// service applies to an address in one country
// (https://learn.microsoft.com/partner-center/developer/country-information-resources).
// Members are the real responses' camelCase names with the `List` suffixes (as recorded in
// microsoft/Partner-Center-PowerShell, test/PowerShell.UnitTests/SessionRecords/
// GetPartnerCountryValidation.json, and quoted in
// https://github.com/microsoft/Partner-Center-PowerShell/issues/383), not the older doc example's
// `"states": {"value": [...]}` shape, plus the four customerOrganization* members of the server's
// contract (MicrosoftDocs/partner-center-sdk, rest-swagger-specs/CustomerService.json, Dec 2020).
// Every member is optional: PT's response has no phoneNumberRegex at all.
//
//   auto rules = partner_center::decode<CountryValidationRules>(response_body);

#include <partner_center/core/cxx20.hpp>

#include <partner_center/model/resource.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace partner_center::model {

struct CountryValidationRules {
  std::optional<std::string> iso2Code;
  std::optional<std::string> defaultCulture;
  std::optional<bool> isStateRequired;
  // "If a state/province is required, returns the full list" (country-information-resources.md).
  std::optional<std::vector<std::string>> supportedStatesList;
  // Two-letter languages, and culture-style entries: PT answers ["en", "pt-PT"]
  // (https://github.com/microsoft/Partner-Center-PowerShell/issues/383).
  std::optional<std::vector<std::string>> supportedLanguagesList;
  std::optional<std::vector<std::string>> supportedCulturesList;
  std::optional<bool> isPostalCodeRequired;
  std::optional<std::string> postalCodeRegex;  // .NET syntax; the ones seen are ECMAScript too
  std::optional<bool> isCityRequired;
  std::optional<bool> isVatIdSupported;
  std::optional<std::string> taxIdFormat;  // e.g. "PT#########"
  std::optional<std::string> taxIdSample;
  std::optional<std::string> vatIdRegex;
  std::optional<std::string> phoneNumberRegex;
  std::optional<bool> isTaxIdSupported;
  std::optional<bool> isTaxIdOptional;
  std::optional<std::vector<std::string>> countryCallingCodesList;
  std::optional<std::string> customerOrganizationRegistrationNumberRegex;
  std::optional<std::string> customerOrganizationRegistrationNumberSample;
  std::optional<bool> customerOrganizationRegistrationNumberRequired;
  std::optional<bool> customerOrganizationPhoneNumberRequired;
  std::optional<ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(CountryValidationRules, (),
                      (iso2Code, defaultCulture, isStateRequired, supportedStatesList,
                       supportedLanguagesList, supportedCulturesList, isPostalCodeRequired,
                       postalCodeRegex, isCityRequired, isVatIdSupported, taxIdFormat, taxIdSample,
                       vatIdRegex, phoneNumberRegex, isTaxIdSupported, isTaxIdOptional,
                       countryCallingCodesList, customerOrganizationRegistrationNumberRegex,
                       customerOrganizationRegistrationNumberSample,
                       customerOrganizationRegistrationNumberRequired,
                       customerOrganizationPhoneNumberRequired, attributes))

}  // namespace partner_center::model

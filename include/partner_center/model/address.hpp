#pragma once

// Address (https://learn.microsoft.com/partner-center/developer/utility-resources#address;
// members as the server's contract has them: MicrosoftDocs/partner-center-sdk,
// rest-swagger-specs/CustomerService.json) and its rules in a create request (README.md, "The
// create request's rules"; lengths from the Address table of utility-resources).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>
#include <partner_center/model/create_rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace partner_center::model {

struct Address {
  std::optional<std::string> country;  // ISO 3166-1 alpha-2
  std::optional<std::string> region;
  std::optional<std::string> city;
  std::optional<std::string> state;
  std::optional<std::string> district;
  std::optional<std::string> addressLine1;
  std::optional<std::string> addressLine2;
  std::optional<std::string> addressLine3;
  std::optional<std::string> postalCode;
  std::optional<std::string> firstName;
  std::optional<std::string> middleName;
  std::optional<std::string> lastName;
  std::optional<std::string> phoneNumber;
  std::optional<std::string> emailAddress;
};
BOOST_DESCRIBE_STRUCT(Address, (),
                      (country, region, city, state, district, addressLine1, addressLine2,
                       addressLine3, postalCode, firstName, middleName, lastName, phoneNumber,
                       emailAddress))

// The rules every address has. Those of the address's country (state, city, postal code and
// phone formats) need the country beside the member, so they sit on the members that hold an
// Address (model::rules::address_by_country); the phone number's requirement follows the
// customer's country, like the registration number's.
constexpr auto partner_center_rules(type<Address>) {
  using namespace partner_center::rules;
  using namespace partner_center::model::rules;
  return table(field<&Address::country>(required, supported_country{}),
               field<&Address::addressLine1>(required, max_length{200}),
               field<&Address::addressLine2>(max_length{200}),
               field<&Address::state>(max_length{2}),
               field<&Address::firstName>(min_length{1}, max_length{50}),
               field<&Address::middleName>(min_length{1}, max_length{50}),
               field<&Address::lastName>(min_length{1}, max_length{50}),
               field<&Address::phoneNumber>(phone_number_by_country{}));
}

}  // namespace partner_center::model

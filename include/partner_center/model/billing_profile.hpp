#pragma once

// CustomerBillingProfile and its rules in a create request: the minimum the create call needs.
// Members:
// https://learn.microsoft.com/partner-center/developer/customer-resources#customerbillingprofile
// The minimum:
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>
#include <partner_center/model/address.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/model/resource.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace partner_center::model {

struct CustomerBillingProfile {
  std::optional<std::string> id;
  std::optional<std::string> firstName;
  std::optional<std::string> lastName;
  std::optional<std::string> email;
  std::optional<std::string> culture;
  std::optional<std::string> language;
  std::optional<std::string> companyName;
  std::optional<Address> defaultAddress;
  std::optional<ResourceLinks> links;
  std::optional<ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(CustomerBillingProfile, (),
                      (id, firstName, lastName, email, culture, language, companyName,
                       defaultAddress, links, attributes))

constexpr auto partner_center_rules(type<CustomerBillingProfile>) {
  using namespace partner_center::rules;
  using namespace partner_center::model::rules;
  return table(
      field<&CustomerBillingProfile::email>(
          required, format{"one email address (local part of 1 to 64 characters, a domain with a "
                           "dot, 254 characters at most, no spaces)",
                           &formats::is_email_address, formats::email_pattern}),
      field<&CustomerBillingProfile::culture>(required, supported_culture{}),
      field<&CustomerBillingProfile::language>(required, supported_language{}),
      field<&CustomerBillingProfile::companyName>(required, company_name{}),
      // The address's own country decides its state, city, postal code and phone formats.
      field<&CustomerBillingProfile::defaultAddress>(required, address_by_country{}));
}

}  // namespace partner_center::model

#pragma once

// CustomerCompanyProfile and its rules in a create request. Members:
// https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile
// plus address and email as in the server's contract (MicrosoftDocs/partner-center-sdk,
// rest-swagger-specs/CustomerService.json).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>
#include <partner_center/model/address.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/resource.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace partner_center::model {

struct CustomerCompanyProfile {
  std::optional<std::string> tenantId;
  std::optional<std::string> domain;
  std::optional<std::string> companyName;
  std::optional<std::string> organizationRegistrationNumber;
  std::optional<Address> address;
  std::optional<std::string> email;
  std::optional<ResourceLinks> links;
  std::optional<ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(CustomerCompanyProfile, (),
                      (tenantId, domain, companyName, organizationRegistrationNumber, address,
                       email, links, attributes))

constexpr auto partner_center_rules(type<CustomerCompanyProfile>) {
  using namespace partner_center::rules;
  using namespace partner_center::model::rules;
  return table(field<&CustomerCompanyProfile::domain>(required, initial_domain{}),
               field<&CustomerCompanyProfile::organizationRegistrationNumber>(
                   registration_number_by_country{}),
               field<&CustomerCompanyProfile::address>(address_by_country{}));
}

}  // namespace partner_center::model

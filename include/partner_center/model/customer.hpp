#pragma once

// Customer (https://learn.microsoft.com/partner-center/developer/customer-resources#customer, with
// enableGDAPByDefault and tags of the current page) and the top of the create request's rules.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>
#include <partner_center/model/billing_profile.hpp>
#include <partner_center/model/company_profile.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/model/resource.hpp>
#include <partner_center/model/user_credentials.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <vector>

namespace partner_center::model {

// The licensing program between partner and customer. Enumerators are spelled as on the wire
// (the service's converter writes lower snake_case, as in the .NET SDK's
// Source/PartnerSdk.Models/Customers/CustomerPartnerRelationship.cs; `unknown` is in the server's
// contract, MicrosoftDocs/partner-center-sdk, rest-swagger-specs/CustomerService.json).
enum class CustomerPartnerRelationship {
  unknown,
  reseller,
  advisor,
  syndication,
  microsoft_support,
  none
};
BOOST_DESCRIBE_ENUM(CustomerPartnerRelationship, unknown, reseller, advisor, syndication,
                    microsoft_support, none)

struct Customer {
  std::optional<std::string> id;
  std::optional<std::string> commerceId;
  std::optional<CustomerCompanyProfile> companyProfile;
  std::optional<CustomerBillingProfile> billingProfile;
  std::optional<CustomerPartnerRelationship> relationshipToPartner;
  std::optional<bool> allowDelegatedAccess;
  std::optional<UserCredentials> userCredentials;
  std::optional<std::vector<std::string>> customDomains;
  std::optional<std::string> associatedPartnerId;
  std::optional<bool> enableGDAPByDefault;
  std::optional<std::vector<std::string>> tags;
  std::optional<ResourceLinks> links;
  std::optional<ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(Customer, (),
                      (id, commerceId, companyProfile, billingProfile, relationshipToPartner,
                       allowDelegatedAccess, userCredentials, customDomains, associatedPartnerId,
                       enableGDAPByDefault, tags, links, attributes))

constexpr auto partner_center_rules(type<Customer>) {
  using namespace partner_center::rules;
  using namespace partner_center::model::rules;
  return table(field<&Customer::companyProfile>(required),
               field<&Customer::billingProfile>(required),
               field<&Customer::associatedPartnerId>(
                   required_if<create_request_environment>{creating_for_indirect_reseller},
                   format{"a GUID such as \"484e548c-f5f3-4528-93a9-c16c6373cb59\" (the indirect "
                          "reseller's tenant id)",
                          &formats::is_guid, formats::guid_pattern}));
}

}  // namespace partner_center::model

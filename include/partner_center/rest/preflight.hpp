#pragma once

// Creating a customer with the checks the service would otherwise fail late on, in order:
//   1. validation             the create request's rules, offline, under the caller's
//                             create_options (country rules included): create_request_body, the
//                             function client::create_customer uses too; the body it approves is
//                             the body step 4 sends
//   2. domain_availability    HEAD /v1/domains/{domain}: a taken domain has no create error code
//                             of its own (none in https://learn.microsoft.com/partner-center/
//                             developer/error-codes), so it is checked first, as PowerShell's
//                             New-PartnerCustomer does (microsoft/Partner-Center-PowerShell,
//                             src/PowerShell/Commands/NewPartnerCustomer.cs)
//   3. reseller_relationship  associatedPartnerId is an active indirect reseller of the caller,
//                             the documented prerequisite of the create ("The indirect reseller
//                             must have a partnership with the indirect provider",
//                             create-a-customer-for-an-indirect-reseller)
//   4. create                 POST /v1/customers
// The failure names the step that stopped it. A direct create skips step 3.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/message.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/domains.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/relationships.hpp>

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::rest {

enum class preflight_step : std::uint8_t {
  validation,
  domain_availability,
  reseller_relationship,
  create
};

BOOST_DESCRIBE_ENUM(preflight_step, validation, domain_availability, reseller_relationship, create)

inline constexpr std::string_view to_string(preflight_step step) noexcept {
  return enum_name(step, "unknown");
}

struct preflight_failure {
  preflight_step step = preflight_step::validation;
  failure cause;

  [[nodiscard]] std::string summary() const {
    return "stopped at " + std::string(to_string(step)) + ": " + cause.summary();
  }

  friend std::ostream& operator<<(std::ostream& out, const preflight_failure& f) {
    return out << "stopped at " << to_string(f.step) << ": " << f.cause;
  }
};

[[noreturn]] inline void throw_exception_from_error(const preflight_failure& f,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(f.summary()), where);
}

template <transport Transport>
boost::system::result<model::Customer, preflight_failure> create_customer_with_preflight(
    client<Transport>& client, const model::Customer& customer,
    const create_options& options = {}) {
  using step = preflight_step;
  // The one validation of both create paths: the body checked here, under the caller's options
  // (country rules included), is the body the create sends.
  auto body = create_request_body(customer, options);
  if (!body)
    return preflight_failure{step::validation, body.error()};
  const model::Customer& request = body->customer;

  const std::string& domain = *request.companyProfile->domain;  // validation made sure of both
  auto availability = client.check_domain(domain);
  if (!availability)
    return preflight_failure{step::domain_availability, availability.error()};
  if (*availability == domain_availability::taken) {
    return preflight_failure{step::domain_availability,
                             precondition_failure("the domain " + domain + " is already taken")};
  }

  if (options.request.creation == model::customer_creation::indirect_reseller) {
    const std::string& reseller = *request.associatedPartnerId;
    auto check = client.check_reseller(reseller);
    if (!check)
      return preflight_failure{step::reseller_relationship, check.error()};
    if (check->status != reseller_status::active) {
      return preflight_failure{
          step::reseller_relationship,
          precondition_failure(
              check->status == reseller_status::not_found
                  ? "associatedPartnerId " + reseller +
                        " is not an indirect reseller of the signed-in provider"
                  : "the indirect reseller " + reseller + " is not active (state " +
                        quote_for_message(check->relationship->state.value_or("")) + ")")};
    }
  }

  auto created = client.create_customer(*body, options.ids);
  if (!created)
    return preflight_failure{step::create, created.error()};
  return std::move(*created);
}

}  // namespace partner_center::rest

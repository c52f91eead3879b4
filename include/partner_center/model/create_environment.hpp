#pragma once

// What the create-request rules know beyond the member they check: the caller's options and the
// facts of the document that other members depend on (the address country decides the
// registration number, the phone number and the cultures).
//
// Country validation rules are only named here, so that this header stays cheap; the rules that
// read them include country_rule_set.hpp.

#include <partner_center/core/cxx20.hpp>

#include <array>
#include <span>
#include <string_view>

namespace partner_center::model {

class country_rule_set;

// POST /v1/customers creates a customer of an indirect reseller when associatedPartnerId is set,
// and a direct customer of the provider when it is not, says
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller
enum class customer_creation {
  indirect_reseller,
  direct
};

inline constexpr std::array<std::string_view, 1> public_domain_suffixes = {".onmicrosoft.com"};

struct create_request_options {
  customer_creation creation = customer_creation::indirect_reseller;
  // Suffixes an initial domain may end with. Integration sandboxes use others (the docs show
  // ".ccsctp.net" in https://learn.microsoft.com/partner-center/developer/create-a-customer): add
  // them here.
  std::span<const std::string_view> domain_suffixes = public_domain_suffixes;
  // The country validation rules to apply; nullptr means country_rule_set::builtin(). Not owned:
  // the set must outlive the validation (hold its shared_ptr).
  const country_rule_set* countries = nullptr;
};

struct create_request_environment {
  create_request_options options;
  // billingProfile.defaultAddress.country as sent, "" when absent.
  std::string_view country;
};

}  // namespace partner_center::model

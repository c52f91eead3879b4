#pragma once

// How a create-customer request is checked: the one set of options that validation, the JSON
// Schema, pre-flight and the REST create paths all take, so they cannot disagree.
//
//   model::create_request_options options;
//   options.countries = *model::load_country_rules(paths);  // country_rules_files.hpp
//   options.decoding.strict = true;                         // unknown members are errors
//
// Country validation rules are only named here, so that this header stays cheap.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/decode_options.hpp>

#include <array>
#include <memory>
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
  // them here. The strings must outlive the options (string literals do).
  std::span<const std::string_view> domain_suffixes = public_domain_suffixes;
  // The country validation rules to apply (e.g. from load_country_rules); empty means
  // country_rule_set::builtin(). Shared, so the set lives as long as any options holding it.
  std::shared_ptr<const country_rule_set> countries{};
  // How request text is read: `decoding.strict` makes unknown members errors (and the JSON
  // Schema says additionalProperties: false); the limits bound hostile input. Unused when the
  // request is already a Customer.
  decode_options decoding{};
};

}  // namespace partner_center::model

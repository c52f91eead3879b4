#pragma once

// What the create-request rules know beyond the member they check: the caller's options and the
// facts of the document that other members depend on (the address country decides the
// registration number, the phone number and the cultures).
//
// Country validation rules are only named here, so that this header stays cheap; the rules that
// read them include country_rule_set.hpp.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/model/create_request_options.hpp>

#include <string_view>

namespace partner_center::model {

class country_rules;

// Made by make_environment (create_request.hpp), which resolves the country rules once; it only
// refers to the options, which must outlive it.
struct create_request_environment {
  const create_request_options& options;
  // options.countries, or the built-in rules when the options name none.
  const country_rule_set& countries;
  // billingProfile.defaultAddress.country as sent, "" when absent.
  std::string_view country;
  // countries' rules for `country`, looked up once: most rules of a request ask for them.
  const country_rules* rules_of_country = nullptr;
};

}  // namespace partner_center::model

#pragma once

// Offline check of a create-customer request: every rule of the create request, all violations
// at once; from text, the decoding's violations too.
//
//   auto problems = partner_center::model::validate_create_request(customer);
//   auto checked = partner_center::model::validate_create_request_json(json_text);
//
//   partner_center::model::create_request_options options;
//   options.countries = *partner_center::model::load_country_rules(paths);  //
//   country_rules_files.hpp options.decoding.strict = true; auto checked =
//   partner_center::model::validate_create_request_json(json_text, options);

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_request_options.hpp>
#include <partner_center/model/customer.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace partner_center::model {

// The environment of one request: the options, their country rules (the built-in ones when they
// name none) and the billing country other rules depend on. Refers to `options`.
inline create_request_environment make_environment(const create_request_options& options,
                                                   std::string_view country) {
  const country_rule_set& countries =
      options.countries ? *options.countries : *country_rule_set::builtin();
  return {options, countries, country, country.empty() ? nullptr : countries.find(country)};
}

inline create_request_environment make_environment(const Customer& customer,
                                                   const create_request_options& options) {
  std::string_view country;
  if (customer.billingProfile && customer.billingProfile->defaultAddress &&
      customer.billingProfile->defaultAddress->country) {
    country = *customer.billingProfile->defaultAddress->country;
  }
  return make_environment(options, country);
}

// Appends the violations of `customer` as a create request to `out`; true when it has no error.
inline bool validate_create_request(const Customer& customer, report& out,
                                    const create_request_options& options = {}) {
  return validate(customer, make_environment(customer, options), out);
}

inline report validate_create_request(const Customer& customer,
                                      const create_request_options& options = {}) {
  report out;
  validate_create_request(customer, out, options);
  return out;
}

namespace detail {

// A member of the wrong JSON type stays absent, so the rules would report it again as missing;
// the type violation already says what is wrong there, and below it.
inline void drop_repeats_of_type_errors(report& violations, std::size_t decoded_count) {
  std::vector<std::string_view> mistyped;
  for (std::size_t i = 0; i < decoded_count; ++i) {
    if (violations[i].code == violation_code::type)
      mistyped.push_back(violations[i].path);
  }
  if (mistyped.empty())
    return;
  std::vector<std::string> kept(mistyped.begin(), mistyped.end());  // views die on erase
  violations.erase_from_if(decoded_count, [&](const violation& v) {
    for (const std::string& path : kept) {
      if (v.path.starts_with(path) &&
          (v.path.size() == path.size() || v.path[path.size()] == '/')) {
        return true;
      }
    }
    return false;
  });
}

}  // namespace detail

// Decodes `json` as a create request (under options.decoding) and validates it. Malformed JSON
// stops at the syntax violation, and a document that is not an object at its type violation (the
// rules would only repeat them as missing members).
inline decoded<Customer> validate_create_request_json(std::string_view json,
                                                      const create_request_options& options = {}) {
  decoded<Customer> result;
  result.complete = decode(json, result.value, result.violations, options.decoding);
  if (!result.complete || result.violations.contains("", violation_code::type))
    return result;
  const std::size_t decoded_count = result.violations.size();
  validate_create_request(result.value, result.violations, options);
  if (decoded_count != 0)
    detail::drop_repeats_of_type_errors(result.violations, decoded_count);
  return result;
}

}  // namespace partner_center::model

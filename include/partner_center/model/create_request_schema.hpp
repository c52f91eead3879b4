#pragma once

// The JSON Schema of a create-customer request (POST /v1/customers), made from the rules tables
// that validation runs, and that of the Customer the service returns.
//
//   std::string schema = partner_center::model::create_request_schema({.strict = true});
//   std::string response = partner_center::model::customer_schema();
//
// The model's rule types describe themselves here (partner_center_schema, found by ADL); the
// country-dependent ones become one if/then at the root on the billing address country. What a
// schema cannot say (case-insensitive codes, cultures per country, country rules loaded at run
// time) is said in descriptions.

#include <partner_center/core/schema.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <string_view>

namespace partner_center::model {

// The member whose value make_environment() hands to the country-dependent rules.
inline constexpr std::string_view address_country_pointer =
    "/billingProfile/defaultAddress/country";

namespace detail {

template <class Table, class Code>
boost::json::array json_codes(const Table& table, Code code) {
  boost::json::array out;
  for (const auto& entry : table)
    out.emplace_back(code(entry));
  return out;
}

inline boost::json::array market_codes() {
  return json_codes(supported_markets, [](const market& m) { return m.alpha2; });
}

inline boost::json::array registration_number_codes() {
  return json_codes(registration_number_countries, [](std::string_view c) { return c; });
}

inline std::string registration_number_list() {
  std::string out;
  for (const std::string_view c : registration_number_countries) {
    if (!out.empty())
      out += ' ';
    out += c;
  }
  return out;
}

// The `if` of the root's if/then: the billing address is in a country that needs a registration
// number (and a phone number).
inline boost::json::object country_needs_registration_number() {
  return schema_for_member(address_country_pointer,
                           boost::json::object{{"enum", registration_number_codes()}});
}

// An ECMA-262 pattern matching `suffix` in any ASCII case: "[Oo][Nn]" for "on".
inline void append_any_case(std::string& out, std::string_view suffix) {
  constexpr std::string_view syntax = "^$\\.*+?()[]{}|/";
  for (const char c : suffix) {
    if (text::is_ascii_alpha(c)) {
      const char lower = text::ascii_lower(c);
      out += '[';
      out += static_cast<char>(lower - 'a' + 'A');
      out += lower;
      out += ']';
    } else {
      if (syntax.find(c) != std::string_view::npos)
        out += '\\';
      out += c;
    }
  }
}

// initial_domain as a pattern: the prefix, then one of the suffixes in any case.
inline std::string initial_domain_pattern(std::span<const std::string_view> suffixes) {
  if (suffixes.empty())
    return "[^\\s\\S]";  // no suffix is allowed, so no domain is
  std::string out = "^[A-Za-z0-9]{1," + std::to_string(formats::max_domain_prefix) + "}";
  if (suffixes.size() > 1)
    out += "(?:";
  for (std::size_t i = 0; i < suffixes.size(); ++i) {
    if (i > 0)
      out += '|';
    append_any_case(out, suffixes[i]);
  }
  if (suffixes.size() > 1)
    out += ')';
  out += '$';
  return out;
}

}  // namespace detail

namespace rules {

inline void partner_center_schema(const supported_country&, schema_context& ctx) {
  ctx.add_enum(detail::market_codes());
  ctx.add_note(
      "An ISO 3166-1 alpha-2 code of a market Partner Center supports. The validator compares "
      "it case-insensitively (\"gb\" passes) and suggests \"GB\" for \"UK\"; this enum compares "
      "exactly.");
}

inline void partner_center_schema(const registration_number_by_country&, schema_context& ctx) {
  ctx.when(detail::country_needs_registration_number(), schema_requirement::required,
           schema_requirement::absent);
  ctx.add_note("Required when " + std::string(address_country_pointer) + " is one of " +
               detail::registration_number_list() +
               ", absent or null for any other country (the if/then at the root). Country "
               "validation rules loaded at run time may decide otherwise and add a format.");
}

inline void partner_center_schema(const phone_number_by_country&, schema_context& ctx) {
  ctx.when(detail::country_needs_registration_number(), schema_requirement::required);
  ctx.add_note("Required when " + std::string(address_country_pointer) +
               " is one of the countries that need organizationRegistrationNumber (the if/then "
               "at the root). Country validation rules loaded at run time may decide otherwise "
               "and add a format.");
}

inline void partner_center_schema(const initial_domain&, schema_context& ctx) {
  const auto* env = ctx.environment<create_request_environment>();
  const std::span<const std::string_view> suffixes =
      env != nullptr ? env->options.domain_suffixes : std::span(public_domain_suffixes);
  ctx.add_pattern(detail::initial_domain_pattern(suffixes));
  std::string note = "Must be <prefix>";
  note += suffixes.empty() ? formats::onmicrosoft_suffix : suffixes.front();
  note += " with a prefix of 1 to " + std::to_string(formats::max_domain_prefix) +
          " letters or digits, in any case.";
  ctx.add_note(note);
}

inline void partner_center_schema(const supported_culture&, schema_context& ctx) {
  ctx.add_enum(
      detail::json_codes(detail::supported_cultures, [](std::string_view c) { return c; }));
  ctx.add_note(
      "Must also be a culture of the billing address country, which the validator checks and "
      "this enum of every supported culture cannot; the validator compares it "
      "case-insensitively (\"EN-US\" passes), this enum exactly.");
}

inline void partner_center_schema(const supported_language&, schema_context& ctx) {
  ctx.add_pattern(formats::two_letter_language_pattern);
  ctx.add_enum(
      detail::json_codes(detail::supported_languages, [](std::string_view c) { return c; }));
  ctx.add_note(
      "A two-letter language of some supported culture. The validator compares it "
      "case-insensitively (\"En\" passes); this enum compares exactly.");
}

}  // namespace rules

struct create_request_schema_options {
  bool strict = false;  // additionalProperties: false, as validate --strict refuses unknown members
  customer_creation creation = customer_creation::indirect_reseller;
  std::span<const std::string_view> domain_suffixes = public_domain_suffixes;
};

inline boost::json::object create_request_schema_json(
    const create_request_schema_options& options = {}) {
  create_request_environment environment;
  environment.options.creation = options.creation;
  environment.options.domain_suffixes = options.domain_suffixes;
  const bool indirect = options.creation == customer_creation::indirect_reseller;
  schema_options schema;
  schema.strict = options.strict;
  schema.title = indirect ? "Partner Center: create a customer for an indirect reseller"
                          : "Partner Center: create a customer";
  schema.description =
      "The body of POST /v1/customers, with the rules pc-customer validate checks offline. "
      "The validator also checks what this schema cannot: cultures per country, codes and "
      "cultures in any case, and the country validation rules loaded at run time (states, "
      "city, postal code and phone formats; built in for US and PT).";
  return json_schema<Customer>(schema, environment);
}

inline std::string create_request_schema(const create_request_schema_options& options = {},
                                         bool pretty = true) {
  return schema_text(create_request_schema_json(options), pretty);
}

// The Customer as the service returns it: names and types, every member optional and nullable,
// no request rule (the password is there, for instance).
inline boost::json::object customer_schema_json(bool strict = false) {
  schema_options schema;
  schema.strict = strict;
  schema.rules = false;
  schema.title = "Partner Center: Customer";
  schema.description = "The Customer resource the service returns (GET or POST /v1/customers).";
  return json_schema<Customer>(schema);
}

inline std::string customer_schema(bool strict = false, bool pretty = true) {
  return schema_text(customer_schema_json(strict), pretty);
}

}  // namespace partner_center::model

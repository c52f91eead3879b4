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

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/schema.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The country validation rules the schema is made with: the environment's, else the built-in.
inline const country_rule_set& schema_country_rules(const schema_context& ctx) {
  const auto* env = ctx.environment<create_request_environment>();
  return env != nullptr ? env->countries : *country_rule_set::builtin();
}

// The countries that need a registration number (or a phone number): the 24 of
// https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile
// as changed by country rules that say (`says` reads their customerOrganization*Required), the
// way registration_number_by_country and phone_number_by_country decide. Sorted.
template <class Says>
std::vector<std::string> countries_needing(const country_rule_set& set, Says says) {
  std::vector<std::string> out(registration_number_countries.begin(),
                               registration_number_countries.end());
  for (const auto& entry : set.countries()) {
    const std::optional<bool> required = says(entry->data());
    if (!required)
      continue;
    const auto at = std::find(out.begin(), out.end(), entry->iso2());
    if (*required && at == out.end()) {
      out.push_back(entry->iso2());
    } else if (!*required && at != out.end()) {
      out.erase(at);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> countries_needing_registration_number(const country_rule_set& set) {
  return countries_needing(set, [](const CountryValidationRules& r) {
    return r.customerOrganizationRegistrationNumberRequired;
  });
}

inline std::vector<std::string> countries_needing_phone_number(const country_rule_set& set) {
  return countries_needing(set, [](const CountryValidationRules& r) {
    return r.customerOrganizationPhoneNumberRequired;
  });
}

inline std::string spaced(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty())
      out += ' ';
    out += c;
  }
  return out;
}

// The `if` of a root if/then on the billing address country.
inline boost::json::object billing_country_in(const std::vector<std::string>& codes) {
  boost::json::array values;
  for (const auto& c : codes)
    values.emplace_back(c);
  return schema_for_member(address_country_pointer, boost::json::object{{"enum", values}});
}

inline boost::json::object billing_country_is(std::string_view code) {
  return schema_for_member(address_country_pointer, boost::json::object{{"const", code}});
}

// A country rule's pattern, for a value the rule skips when it is blank.
inline std::string pattern_unless_blank(std::string_view pattern) {
  std::string out(pattern);
  out += '|';
  out += schema_patterns::blank;
  return out;
}

// An optional text member that, when not blank, matches a country rule's pattern.
inline boost::json::object text_pattern(std::string_view pattern) {
  return boost::json::object{{"type", boost::json::array{"string", "null"}},
                             {"pattern", pattern_unless_blank(pattern)}};
}

inline boost::json::array json_strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values)
    out.emplace_back(v);
  return out;
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
  const country_rule_set& set = detail::schema_country_rules(ctx);
  const auto needing = detail::countries_needing_registration_number(set);
  ctx.when(detail::billing_country_in(needing), schema_requirement::required,
           schema_requirement::absent);
  std::string with_format;
  for (const auto& entry : set.countries()) {
    if (const country_pattern* pattern = entry->registration_number()) {
      ctx.when(detail::billing_country_is(entry->iso2()), detail::text_pattern(pattern->text()));
      with_format += ' ' + entry->iso2();
    }
  }
  std::string note = "Required when " + std::string(address_country_pointer) + " is one of " +
                     detail::spaced(needing) +
                     ", absent or null for any other country (an if/then at the root).";
  if (!with_format.empty())
    note += " A format where the country's rules give one:" + with_format + '.';
  ctx.add_note(note);
}

inline void partner_center_schema(const phone_number_by_country&, schema_context& ctx) {
  const auto needing = detail::countries_needing_phone_number(detail::schema_country_rules(ctx));
  ctx.when(detail::billing_country_in(needing), schema_requirement::required);
  ctx.add_note("Required when " + std::string(address_country_pointer) + " is one of " +
               detail::spaced(needing) + " (an if/then at the root).");
}

// Each country with validation rules gets an if/then on the address's own country.
inline void partner_center_schema(const address_by_country&, schema_context& ctx) {
  const country_rule_set& set = detail::schema_country_rules(ctx);
  std::string listed;
  for (const auto& entry : set.countries()) {
    const country_rules& rules = *entry;
    const CountryValidationRules& data = rules.data();
    boost::json::object properties;
    boost::json::array required;
    const auto require = [&](std::string_view member) {
      required.emplace_back(member);
      properties[member] = ctx.text_schema(true);
    };
    if (data.isStateRequired.value_or(false)) {
      require("state");
      if (const auto* states = rules.states())
        properties["state"].as_object()["enum"] = detail::json_strings(*states);
    }
    if (data.isCityRequired.value_or(false))
      require("city");
    const country_pattern* postal_code = rules.postal_code();
    if (data.isPostalCodeRequired.value_or(false)) {
      require("postalCode");
      if (postal_code != nullptr)
        properties["postalCode"].as_object()["pattern"] = postal_code->text();
    } else if (postal_code != nullptr) {
      properties["postalCode"] = detail::text_pattern(postal_code->text());
    }
    if (const country_pattern* pattern = rules.phone_number())
      properties["phoneNumber"] = detail::text_pattern(pattern->text());
    if (properties.empty())
      continue;
    boost::json::object then{{"type", "object"}};
    if (!required.empty())
      then["required"] = std::move(required);
    then["properties"] = std::move(properties);
    boost::json::object condition;
    condition["if"] = boost::json::object{{"type", "object"},
                                          {"properties", {{"country", {{"const", rules.iso2()}}}}},
                                          {"required", {"country"}}};
    condition["then"] = std::move(then);
    ctx.add_schema(std::move(condition));
    listed += ' ' + rules.iso2();
  }
  if (!listed.empty()) {
    ctx.add_note(
        "Where the address's country has validation rules (here:" + listed +
        "), its state, city and postal code may be required and its state, postal code and "
        "phone number must follow them (the if/then entries); the validator compares the "
        "country and the states case-insensitively.");
  }
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
  std::string listed;
  for (const auto& entry : detail::schema_country_rules(ctx).countries()) {
    if (const auto* cultures = entry->cultures()) {
      ctx.when(detail::billing_country_is(entry->iso2()),
               boost::json::object{{"enum", detail::json_strings(*cultures)}});
      listed += ' ' + entry->iso2();
    }
  }
  std::string note = "Must be a culture of the billing address country";
  if (!listed.empty())
    note +=
        ": the if/then entries at the root list those of the countries with validation rules"
        " (" +
        listed.substr(1) +
        "); for the others the validator checks Partner Center's table,"
        " which this enum of every supported culture does not repeat";
  note +=
      ". The validator compares it case-insensitively (\"EN-US\" passes), JSON Schema "
      "exactly.";
  ctx.add_note(note);
}

inline void partner_center_schema(const supported_language&, schema_context& ctx) {
  ctx.add_pattern(formats::two_letter_language_pattern);
  ctx.add_enum(
      detail::json_codes(detail::supported_languages, [](std::string_view c) { return c; }));
  for (const auto& entry : detail::schema_country_rules(ctx).countries()) {
    if (const auto* languages = entry->languages()) {
      std::vector<std::string> two_letter;  // "pt-PT" in a list stands for "pt"
      for (const std::string& l : *languages) {
        const std::string language(country_rules::language_of(l));
        if (std::find(two_letter.begin(), two_letter.end(), language) == two_letter.end())
          two_letter.push_back(language);
      }
      ctx.when(detail::billing_country_is(entry->iso2()),
               boost::json::object{{"enum", detail::json_strings(two_letter)}});
    }
  }
  ctx.add_note(
      "A two-letter language of some supported culture, or of the billing address country's "
      "validation rules where they list languages (the if/then entries at the root). The "
      "validator compares it case-insensitively (\"En\" passes), JSON Schema exactly.");
}

}  // namespace rules

// The JSON Schema of a create request under `options`: its creation kind, domain suffixes and
// country rules; `options.decoding.strict` gives additionalProperties: false, as validate
// --strict refuses unknown members.
inline boost::json::object create_request_schema_json(const create_request_options& options = {}) {
  const create_request_environment environment = make_environment(options, {});
  std::string with_rules;
  for (const auto& entry : environment.countries.countries())
    with_rules += (with_rules.empty() ? "" : " ") + entry->iso2();
  const bool indirect = options.creation == customer_creation::indirect_reseller;
  schema_options schema;
  schema.strict = options.decoding.strict;
  schema.title = indirect ? "Partner Center: create a customer for an indirect reseller"
                          : "Partner Center: create a customer";
  const std::string description =
      "The body of POST /v1/customers, with the rules pc-customer validate checks offline, "
      "including the country validation rules of " +
      (with_rules.empty() ? std::string("no country") : with_rules) +
      ". The validator also checks what this schema cannot: the cultures of countries without "
      "validation rules, country codes, cultures, languages and states in any case, the "
      "company name, and the country validation rules given to it at run time instead of "
      "these.";
  schema.description = description;
  return json_schema<Customer>(schema, environment);
}

inline std::string create_request_schema(const create_request_options& options = {},
                                         schema_layout layout = schema_layout::pretty) {
  return schema_text(create_request_schema_json(options), layout);
}

struct customer_schema_options {
  bool strict = false;  // additionalProperties: false
};

// The Customer as the service returns it: names and types, every member optional and nullable,
// no request rule (the password is there, for instance).
inline boost::json::object customer_schema_json(const customer_schema_options& options = {}) {
  schema_options schema;
  schema.strict = options.strict;
  schema.rules = false;
  schema.title = "Partner Center: Customer";
  schema.description = "The Customer resource the service returns (GET or POST /v1/customers).";
  return json_schema<Customer>(schema);
}

inline std::string customer_schema(const customer_schema_options& options = {},
                                   schema_layout layout = schema_layout::pretty) {
  return schema_text(customer_schema_json(options), layout);
}

}  // namespace partner_center::model

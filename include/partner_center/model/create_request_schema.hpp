#pragma once

// The JSON Schema of a create-customer request (POST /v1/customers), made from the rules tables
// that validation runs, and that of the Customer the service returns.
//
//   namespace pcm = partner_center::model;
//   std::string schema = pcm::create_request_schema({.decoding = {.strict = true}});
//   std::string response = pcm::customer_schema();
//
// The model's rule types describe themselves here (partner_center_schema, found by ADL); the
// country-dependent ones become one if/then at the root per billing address country. Codes,
// cultures, languages and states compare in any case, as the validator compares them: patterns
// (JSON Schema's enum is exact), the long or shared lists as $defs entries made from the tables
// the validator reads. What a schema cannot say (country rules loaded at run time) is said in
// descriptions.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/schema.hpp>
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
#include <array>
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

// A $defs entry for a list the validator compares ASCII-case-insensitively, and the reference to
// it; `description` (may be empty) for lists whose name does not spell them. For values that are
// present: the members these lists check are required.
template <class Values>
boost::json::object any_case_list(schema_context& ctx, std::string_view name, const Values& values,
                                  std::string_view description = {}) {
  boost::json::object list{{"type", "string"}};
  if (!description.empty())
    list["description"] =
        std::string(description) + ", in any case: " + schema_patterns::listed(values, " ") + '.';
  list["pattern"] = schema_patterns::any_case_one_of(values);
  return ctx.define(name, std::move(list));
}

// A list named by its values: "cultures.en-US.es-US".
template <class Values>
std::string list_name(std::string_view what, const Values& values) {
  return std::string(what) + '.' + schema_patterns::listed(values, ".");
}

// A country code in any case, as the validator finds markets and country rules.
inline boost::json::object country_code_is(std::string_view code) {
  const std::array<std::string_view, 1> one{code};
  return boost::json::object{{"type", "string"},
                             {"pattern", schema_patterns::any_case_one_of(one)}};
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

// The `if` of a root if/then on the billing address country, in any case.
inline boost::json::object billing_country_in(const std::vector<std::string>& codes) {
  return schema_for_member(
      address_country_pointer,
      boost::json::object{{"type", "string"},
                          {"pattern", schema_patterns::any_case_one_of(codes)}});
}

inline boost::json::object billing_country_is(std::string_view code) {
  return schema_for_member(address_country_pointer, country_code_is(code));
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
    schema_patterns::append_any_case(out, suffixes[i]);
  }
  if (suffixes.size() > 1)
    out += ')';
  out += '$';
  return out;
}

}  // namespace detail

namespace rules {

inline void partner_center_schema(const supported_country&, schema_context& ctx) {
  std::vector<std::string_view> codes;
  for (const auto& m : detail::supported_markets)
    codes.push_back(m.alpha2);
  ctx.add_schema(detail::any_case_list(ctx, "market", codes, "A market Partner Center supports"));
  ctx.add_note(
      "An ISO 3166-1 alpha-2 code of a market Partner Center supports, in any case (\"gb\" "
      "passes); the validator suggests \"GB\" for \"UK\".");
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
                     " (in any case), absent or null for any other country (an if/then at the "
                     "root).";
  if (!with_format.empty())
    note += " A format where the country's rules give one:" + with_format + '.';
  ctx.add_note(note);
}

inline void partner_center_schema(const phone_number_by_country&, schema_context& ctx) {
  const auto needing = detail::countries_needing_phone_number(detail::schema_country_rules(ctx));
  ctx.when(detail::billing_country_in(needing), schema_requirement::required);
  ctx.add_note("Required when " + std::string(address_country_pointer) + " is one of " +
               detail::spaced(needing) + " (in any case; an if/then at the root).");
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
      if (const auto* states = rules.states()) {
        properties["state"].as_object()["allOf"] = boost::json::array{detail::any_case_list(
            ctx, "states." + rules.iso2(), *states, "A state of " + rules.iso2())};
      }
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
    condition["if"] =
        boost::json::object{{"type", "object"},
                            {"properties", {{"country", detail::country_code_is(rules.iso2())}}},
                            {"required", {"country"}}};
    condition["then"] = std::move(then);
    ctx.add_schema(std::move(condition));
    listed += ' ' + rules.iso2();
  }
  if (!listed.empty()) {
    ctx.add_note(
        "Where the address's country has validation rules (here:" + listed +
        "), its state, city and postal code may be required and its state, postal code and "
        "phone number must follow them (the if/then entries; the country and the states in any "
        "case).");
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

// Every market gets an if/then on the billing country with its cultures: those of the country's
// validation rules where they list some, else the market's row of the supported languages and
// locales table, as supported_culture decides.
inline void partner_center_schema(const supported_culture&, schema_context& ctx) {
  ctx.add_schema(detail::any_case_list(ctx, "culture", detail::supported_cultures,
                                       "A culture of some market"));
  const country_rule_set& set = detail::schema_country_rules(ctx);
  const auto cultures_of = [&](std::string_view code, const auto& cultures) {
    ctx.when(detail::billing_country_is(code),
             detail::any_case_list(ctx, detail::list_name("cultures", cultures), cultures));
  };
  std::string listed;
  for (const auto& m : detail::supported_markets) {
    const country_rules* rules = set.find(m.alpha2);
    if (rules != nullptr && rules->cultures() != nullptr) {
      cultures_of(m.alpha2, *rules->cultures());
      listed += ' ' + rules->iso2();
    } else {
      cultures_of(m.alpha2, find_market(m.alpha2)->cultures);
    }
  }
  for (const auto& entry : set.countries()) {  // rules for a country that is no market
    if (!find_market(entry->iso2()) && entry->cultures() != nullptr) {
      cultures_of(entry->iso2(), *entry->cultures());
      listed += ' ' + entry->iso2();
    }
  }
  std::string note =
      "Must be a culture of the billing address country, in any case (\"EN-US\" passes): the "
      "if/then entries at the root give each market's, from Partner Center's table";
  if (!listed.empty())
    note += " or, for" + listed + ", from the country validation rules";
  note += '.';
  ctx.add_note(note);
}

inline void partner_center_schema(const supported_language&, schema_context& ctx) {
  ctx.add_pattern(formats::two_letter_language_pattern);
  ctx.add_schema(detail::any_case_list(ctx, "language", detail::supported_languages,
                                       "The language of some supported culture"));
  for (const auto& entry : detail::schema_country_rules(ctx).countries()) {
    if (const auto* languages = entry->languages()) {
      std::vector<std::string> two_letter;  // "pt-PT" in a list stands for "pt"
      for (const std::string& l : *languages) {
        const std::string language(country_rules::language_of(l));
        if (std::find(two_letter.begin(), two_letter.end(), language) == two_letter.end())
          two_letter.push_back(language);
      }
      ctx.when(detail::billing_country_is(entry->iso2()),
               detail::any_case_list(ctx, detail::list_name("languages", two_letter), two_letter));
    }
  }
  ctx.add_note(
      "A two-letter language of some supported culture, or of the billing address country's "
      "validation rules where they list languages (the if/then entries at the root), in any "
      "case (\"En\" passes).");
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
      ". The validator also applies the country validation rules given to it at run time "
      "instead of these.";
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

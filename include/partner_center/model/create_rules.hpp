#pragma once

// The Partner Center rules of a create request that depend on more than the member itself: on the
// address country, on the kind of customer, on the supported-markets tables. Each is a small data
// type with a check(), so the schema export can recognise it by type.
//
// The country rules are only named here: every use of them is inside a template, resolved where
// validation is instantiated (model/create_request.hpp includes country_rule_set.hpp). Naming
// model::Customer, which lists these rules, so compiles no regular expression engine, decoder or
// file I/O.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/model/pattern_match.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partner_center::model::rules {

inline std::string country_for_message(std::string_view country) {
  std::string out;
  append_quoted(out, country);
  return out;
}

// The rules the service would apply for `country`, or nullptr: then no country-specific rule is
// invented and only the generic checks run.
// (A country_rules*, the environment's country_rule_set being complete where it is called.)
// The request's own country was looked up when its environment was made; any other is looked up
// here.
template <class Environment>
auto rules_for_country(const Environment& env, std::string_view country) {
  if (env.rules_of_country != nullptr && text::iequals(country, env.rules_of_country->iso2()))
    return env.rules_of_country;
  return country.empty() ? nullptr : env.countries.find(country);
}

// Tests a present member against one of the country's patterns; `format` when it does not
// match, `limit` when it could not be told. `for_example` (may be empty) is a sample value.
template <class Pattern, class Rules, class Context>
void check_country_pattern(const std::string& value, const Pattern& pattern, const Rules& rules,
                           Context& ctx, std::string_view for_example = {}) {
  if (text::is_blank(value))
    return;  // absence is the required rules' business
  const pattern_match found = pattern.test(value);
  if (found == pattern_match::matched)
    return;
  std::string message(ctx.member());
  if (found == pattern_match::too_long) {
    message += " has " + std::to_string(text::utf16_length(value)) +
               " characters; values longer than " + std::to_string(Pattern::max_value_length) +
               " are not checked against the " + rules.iso2() + " format";
    ctx.add(violation_code::limit, std::move(message));
    return;
  }
  message += ' ';
  append_quoted(message, value);
  if (found == pattern_match::too_complex) {
    message += " could not be checked against the " + rules.iso2() + " format " + pattern.text() +
               ": matching it needs more effort than the regex engine allows";
    ctx.add(violation_code::limit, std::move(message));
    return;
  }
  message += " does not match the " + rules.iso2() + " format " + pattern.text();
  if (!for_example.empty()) {
    message += ", for example ";
    append_quoted(message, for_example);
  }
  ctx.add(violation_code::format, std::move(message));
}

// associatedPartnerId is what makes the customer an indirect reseller's:
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller
inline constexpr partner_center::rules::condition<create_request_environment>
    creating_for_indirect_reseller{
        "to create a customer for an indirect reseller (without it the customer becomes a direct "
        "customer of the provider)",
        "", [](const create_request_environment& env) noexcept {
          return env.options.creation == customer_creation::indirect_reseller;
        }};

// A country the service knows: ISO 3166-1 alpha-2 and one of the supported markets.
struct supported_country {
  static constexpr std::string_view name = "supported_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string* country = present_text(value);
    if (country == nullptr || text::is_blank(*country))
      return;
    if (find_market(*country))
      return;
    std::string message = "country " + country_for_message(*country);
    if (const auto suggestion = suggested_country(*country)) {
      message += " is not an ISO 3166-1 alpha-2 code; did you mean \"";
      message += *suggestion;
      message += "\"?";
    } else if (const auto iso_name = iso_country_name(*country)) {
      message += " (";
      message += *iso_name;
      message += ") is not a market Partner Center supports";
    } else {
      message += " is not an ISO 3166-1 alpha-2 country code";
    }
    ctx.add(violation_code::not_supported, std::move(message));
  }
};

// The countries that need organizationRegistrationNumber get it required (the list is in
// https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile);
// every other known country gets it forbidden, since the service answers 600002 "Organization
// registration ID value isn't supported" when it is sent for them
// (https://learn.microsoft.com/partner-center/developer/error-codes). The country's rules
// decide instead where they say (customerOrganizationRegistrationNumberRequired), and their
// customerOrganizationRegistrationNumberRegex is the format the service's 600050 quotes.
struct registration_number_by_country {
  static constexpr std::string_view name = "registration_number_by_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string_view country = ctx.environment().country;
    const auto* rules = rules_for_country(ctx.environment(), country);
    if (rules == nullptr && !find_market(country))
      return;  // the country's own violation says what is wrong
    if (is_required(rules, country)) {
      if (!is_present(value)) {
        ctx.add(violation_code::required, std::string(ctx.member()) +
                                              " is required for a company in " +
                                              country_for_message(country));
        return;
      }
    } else if (value.has_value()) {
      ctx.add(violation_code::forbidden,
              std::string(ctx.member()) + " must not be sent for a company in " +
                  country_for_message(country) + " (the service answers 600002)");
      return;
    }
    const auto* pattern = rules != nullptr ? rules->registration_number() : nullptr;
    if (const std::string* number = present_text(value); number != nullptr && pattern != nullptr) {
      const auto& sample = rules->data().customerOrganizationRegistrationNumberSample;
      check_country_pattern(*number, *pattern, *rules, ctx,
                            sample ? std::string_view(*sample) : std::string_view());
    }
  }

  template <class Rules>
  static bool is_required(const Rules* rules, std::string_view country) noexcept {
    if (rules != nullptr && rules->data().customerOrganizationRegistrationNumberRequired)
      return *rules->data().customerOrganizationRegistrationNumberRequired;
    return needs_registration_number(country);
  }
};

// The same countries need the company's phone number
// (https://learn.microsoft.com/partner-center/developer/utility-resources#address), unless
// the country's rules say otherwise (customerOrganizationPhoneNumberRequired).
struct phone_number_by_country {
  static constexpr std::string_view name = "phone_number_by_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string_view country = ctx.environment().country;
    const auto* rules = rules_for_country(ctx.environment(), country);
    const bool required = rules != nullptr && rules->data().customerOrganizationPhoneNumberRequired
                              ? *rules->data().customerOrganizationPhoneNumberRequired
                              : needs_registration_number(country);
    if (required && !is_present(value)) {
      ctx.add(violation_code::required, std::string(ctx.member()) +
                                            " is required for a company in " +
                                            country_for_message(country));
    }
  }
};

// An address checked against the rules of its own country (GET /v1/countryvalidationrules,
// https://learn.microsoft.com/partner-center/developer/get-market-specific-validation-data): state
// required and one of the country's states, city and postal code required,
// postal code and phone number in the country's formats. Each applies only where the rules say
// so. Attached to the members that hold an Address, because the checks of state, city and
// postalCode depend on the address's country, a sibling member; violations are reported at the
// address's own members.
struct address_by_country {
  static constexpr std::string_view name = "address_by_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    if (!value || !value->country)
      return;
    const auto& address = *value;
    const auto* rules = rules_for_country(ctx.environment(), *address.country);
    if (rules == nullptr)
      return;
    const auto& data = rules->data();
    // Quoted only when a message needs it.
    const auto country = [&] {
      return country_for_message(rules->iso2());
    };
    const std::string_view parent = ctx.member();
    const auto at = [&](std::string_view member, auto&& report) {
      ctx.enter(member);
      report();
      ctx.leave(parent);
    };

    if (data.isStateRequired.value_or(false)) {
      at("state", [&] {
        if (!is_present(address.state)) {
          ctx.add(violation_code::required, "state is required for an address in " + country());
          return;
        }
        if (rules->states() == nullptr || rules->lists_state(*address.state))
          return;
        std::string message = "state ";
        append_quoted(message, *address.state);
        message += " is not a state of " + country() + "; use one of";
        for (const std::string& state : *rules->states()) {
          message += ' ';
          message += state;
        }
        ctx.add(violation_code::not_supported, std::move(message));
      });
    }
    if (data.isCityRequired.value_or(false) && !is_present(address.city)) {
      at("city", [&] {
        ctx.add(violation_code::required, "city is required for an address in " + country());
      });
    }
    if (data.isPostalCodeRequired.value_or(false) && !is_present(address.postalCode)) {
      at("postalCode", [&] {
        ctx.add(violation_code::required, "postalCode is required for an address in " + country());
      });
    }
    if (address.postalCode && rules->postal_code() != nullptr) {
      at("postalCode",
         [&] { check_country_pattern(*address.postalCode, *rules->postal_code(), *rules, ctx); });
    }
    if (address.phoneNumber && rules->phone_number() != nullptr) {
      at("phoneNumber",
         [&] { check_country_pattern(*address.phoneNumber, *rules->phone_number(), *rules, ctx); });
    }
  }
};

// An initial domain: `<prefix>.onmicrosoft.com` (or a configured sandbox suffix), prefix 1..27
// letters or digits.
struct initial_domain {
  static constexpr std::string_view name = "initial_domain";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string* domain = present_text(value);
    if (domain == nullptr || text::is_blank(*domain))
      return;
    const auto& suffixes = ctx.environment().options.domain_suffixes;
    for (const std::string_view suffix : suffixes) {
      if (formats::is_domain_with_suffix(*domain, suffix))
        return;
    }
    std::string message = std::string(ctx.member()) + ' ';
    append_quoted(message, *domain);
    message += " is not <prefix>";
    message += suffixes.empty() ? formats::onmicrosoft_suffix : suffixes.front();
    message += " with a prefix of 1 to 27 letters or digits";
    ctx.add(violation_code::format, std::move(message));
  }
};

// A company name: at least 2 characters (UTF-16 code units, as the service counts), one of them a
// letter or a number of any script (Validate company names, "Company name rules":
// https://learn.microsoft.com/partner-center/customers/validate-names-addresses). The schema
// says it with minLength and a pattern over the Unicode general categories L and N, as
// formats::is_company_name decides.
struct company_name : partner_center::rules::format {
  static constexpr std::string_view name = "company_name";
  static constexpr std::size_t min_length = 2;
  // ECMA-262 property escapes (the `u` flag); Python's re and std::regex do not know them.
  static constexpr std::string_view letter_or_number_pattern = "[\\p{L}\\p{N}]";

  constexpr company_name() noexcept
      : format{"a company name (at least 2 characters, at least one letter or digit)",
               &formats::is_company_name} {}

  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.min_length(min_length);
    ctx.add_pattern(letter_or_number_pattern);
    ctx.add_note(
        "Must be a company name: at least 2 characters, one of them a letter or a number of any "
        "script (Unicode general category L or N; the pattern's \\p{..} escapes are those of "
        "ECMA-262 with the u flag).");
  }
};

// A culture the address country supports: its rules' supportedCulturesList where known (the
// service's own per-market list), else the table of supported languages and locales; when the
// country is unknown, any culture of any market. The table:
// https://learn.microsoft.com/partner-center/developer/partner-center-supported-languages-and-locales
struct supported_culture {
  static constexpr std::string_view name = "supported_culture";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string* culture = present_text(value);
    if (culture == nullptr || text::is_blank(*culture))
      return;
    const std::string_view country = ctx.environment().country;
    const auto* rules = rules_for_country(ctx.environment(), country);
    if (rules != nullptr && rules->cultures() != nullptr) {
      if (rules->lists_culture(*culture))
        return;
      std::string message = std::string(ctx.member()) + ' ';
      append_quoted(message, *culture);
      message += " is not supported for " + country_for_message(rules->iso2()) + "; use one of";
      for (const std::string& c : *rules->cultures()) {
        message += ' ';
        message += c;
      }
      ctx.add(violation_code::not_supported, std::move(message));
      return;
    }
    const auto market = find_market(country);
    if (market ? is_supported_culture(country, *culture) : is_supported_culture(*culture))
      return;
    std::string message = std::string(ctx.member()) + ' ';
    append_quoted(message, *culture);
    if (market) {
      message += " is not supported for " + country_for_message(market->alpha2) + "; use one of";
      for (const std::string_view c : market->cultures) {
        message += ' ';
        message += c;
      }
    } else {
      message += " is not a culture Partner Center supports";
    }
    ctx.add(violation_code::not_supported, std::move(message));
  }
};

// A two-letter language: one the country's rules list (supportedLanguagesList, where "pt-PT"
// stands for "pt") where known, else the language of some supported culture.
struct supported_language {
  static constexpr std::string_view name = "supported_language";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string* language = present_text(value);
    if (language == nullptr || text::is_blank(*language))
      return;
    if (!formats::is_two_letter_language(*language)) {
      std::string message = std::string(ctx.member()) + ' ';
      append_quoted(message, *language);
      message += " is not a two-letter language code such as \"en\"";
      ctx.add(violation_code::format, std::move(message));
      return;
    }
    const auto* rules = rules_for_country(ctx.environment(), ctx.environment().country);
    if (rules != nullptr && rules->languages() != nullptr) {
      if (rules->lists_language(*language))
        return;
      std::string message = std::string(ctx.member()) + ' ';
      append_quoted(message, *language);
      message += " is not supported for " + country_for_message(rules->iso2()) + "; use one of";
      std::vector<std::string_view> shown;
      for (const std::string& entry : *rules->languages()) {
        const std::string_view l = std::remove_cvref_t<decltype(*rules)>::language_of(entry);
        if (std::find(shown.begin(), shown.end(), l) == shown.end()) {
          shown.push_back(l);
          message += ' ';
          message += l;
        }
      }
      ctx.add(violation_code::not_supported, std::move(message));
      return;
    }
    if (!is_supported_language(*language)) {
      std::string message = std::string(ctx.member()) + ' ';
      append_quoted(message, *language);
      message += " is not the language of any culture Partner Center supports";
      ctx.add(violation_code::not_supported, std::move(message));
    }
  }
};

}  // namespace partner_center::model::rules

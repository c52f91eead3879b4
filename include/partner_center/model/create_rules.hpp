#pragma once

// The Partner Center rules of a create request that depend on more than the member itself: on the
// address country, on the kind of customer, on the supported-markets tables. Each is a small data
// type with a check(), so the schema export can recognise it by type.

#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/formats.hpp>

#include <string>
#include <string_view>

namespace partner_center::model::rules {

using partner_center::detail::append_quoted;
using partner_center::detail::is_present;
using partner_center::detail::present_text;

inline std::string country_for_message(std::string_view country) {
  std::string out;
  append_quoted(out, country);
  return out;
}

// associatedPartnerId is what makes the customer an indirect reseller's (facts §5.1).
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

// The countries that need organizationRegistrationNumber (facts §3.5) get it required; every
// other known country gets it forbidden, since the service answers 600002 "Organization
// registration ID value isn't supported" when it is sent for them (facts §5.10).
struct registration_number_by_country {
  static constexpr std::string_view name = "registration_number_by_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string_view country = ctx.environment().country;
    if (!find_market(country))
      return;  // the country's own violation says what is wrong
    if (needs_registration_number(country)) {
      if (!is_present(value)) {
        ctx.add(violation_code::required, std::string(ctx.member()) +
                                              " is required for a company in " +
                                              country_for_message(country));
      }
    } else if (value.has_value()) {
      ctx.add(violation_code::forbidden,
              std::string(ctx.member()) + " must not be sent for a company in " +
                  country_for_message(country) + " (the service answers 600002)");
    }
  }
};

// The same countries need the company's phone number (utility-resources.md, facts §2.1).
struct phone_number_by_country {
  static constexpr std::string_view name = "phone_number_by_country";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string_view country = ctx.environment().country;
    if (needs_registration_number(country) && !is_present(value)) {
      ctx.add(violation_code::required, std::string(ctx.member()) +
                                            " is required for a company in " +
                                            country_for_message(country));
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

// A culture the address country supports (partner-center-supported-languages-and-locales.md);
// when the country is unknown, any culture of any market.
struct supported_culture {
  static constexpr std::string_view name = "supported_culture";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    const std::string* culture = present_text(value);
    if (culture == nullptr || text::is_blank(*culture))
      return;
    const std::string_view country = ctx.environment().country;
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

// A two-letter language that is the language of some supported culture.
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
    if (!is_supported_language(*language)) {
      std::string message = std::string(ctx.member()) + ' ';
      append_quoted(message, *language);
      message += " is not the language of any culture Partner Center supports";
      ctx.add(violation_code::not_supported, std::move(message));
    }
  }
};

}  // namespace partner_center::model::rules

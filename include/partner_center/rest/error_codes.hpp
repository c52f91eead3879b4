#pragma once

// The service's error codes this library knows, in one table: the number, the name of its
// constant in rest::error_codes, and what it means in words a person can act on. They are the
// codes the create call and its pre-flight calls can answer, from the error-codes page
// (https://learn.microsoft.com/partner-center/developer/error-codes), but for 1002, 2000, 2007,
// 20000, 27002 and 600006, seen only in issues. The service sends codes as numbers or as strings;
// service_error::code keeps the text, and service_error::has_code compares it with these.

#include <partner_center/core/cxx20.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace partner_center::rest {

struct error_code_info {
  std::int64_t code;
  std::string_view name;     // the constant in rest::error_codes
  std::string_view meaning;  // for people; what error_code_meaning returns
};

// Sorted by code (checked below), so that a lookup is a binary search.
inline constexpr std::array known_error_codes{
    error_code_info{1002, "authorization_failed", "authorization failed"},
    error_code_info{2000, "tenant_id_not_guid", "a tenant ID must be a GUID"},
    error_code_info{2007, "address_validation_failed", "the address failed validation"},
    error_code_info{2030, "partner_not_onboarded_in_country",
                    "the partner is not onboarded to sell in this country or region"},
    error_code_info{3000, "invalid_property", "invalid property"},
    error_code_info{13605, "customer_agreement_required",
                    "the Microsoft Customer Agreement must be confirmed first"},
    error_code_info{20000, "country_not_supported", "the country is not supported"},
    error_code_info{20002, "no_commerce_relationship",
                    "the partner has no commerce relationship with the customer"},
    error_code_info{27002, "property_has_invalid_data", "a property has invalid data"},
    error_code_info{60003, "tenant_not_found", "tenant not found"},
    error_code_info{600002, "registration_id_not_supported",
                    "organization registration ID is not supported for the address country; do "
                    "not send one"},
    error_code_info{600006, "action_not_allowed", "the requested action is not allowed"},
    error_code_info{600049, "registration_id_missing",
                    "organization registration ID is missing (required for the address country)"},
    error_code_info{600050, "registration_id_invalid",
                    "organization registration ID is not in the country's format"},
    error_code_info{600051, "phone_number_missing",
                    "customer phone number is missing (billingProfile.defaultAddress.phoneNumber)"},
    error_code_info{600061, "partner_confirmed_agreement_exists",
                    "a partner-confirmed agreement already exists for the customer"},
    error_code_info{800002, "invalid_request_input", "invalid request input"},
    error_code_info{800015, "partner_id_not_found",
                    "the partner ID (associatedPartnerId) was not found"},
    error_code_info{800016, "partner_id_not_indirect_reseller",
                    "the partner ID (associatedPartnerId) is not a valid indirect reseller"},
    error_code_info{800018, "sandbox_limit_met",
                    "the integration sandbox's customer limit has been met"},
    error_code_info{800039, "reseller_program_not_active",
                    "the reseller's program status is not active"},
    error_code_info{800073, "customer_under_review", "the customer account is under review"},
    error_code_info{800074, "customer_under_review_2", "the customer account is under review"},
    error_code_info{800075, "customer_not_approved", "the customer account was not approved"},
    error_code_info{900118, "invalid_customer_id", "invalid customer ID"},
    error_code_info{900126, "unable_to_parse_enum",
                    "a value is not one of the enumeration's names"},
    error_code_info{900308, "insufficient_privileges",
                    "insufficient privileges to complete the operation"},
    error_code_info{
        900329, "app_only_authentication_not_supported",
        "this resource does not support application-only authentication (use App+User)"},
    // HTTP 401: the App+User token does not show a sign-in with multi-factor authentication,
    // which Partner Center requires of every App+User call since April 1, 2026 ("Partner Center
    // authentication", https://learn.microsoft.com/partner-center/developer/
    // partner-center-authentication). Another token from the same refresh token would not either.
    error_code_info{900421, "mfa_required",
                    "the access token does not come from a sign-in with multi-factor "
                    "authentication: the refresh token must come from an MFA sign-in; consent "
                    "again with MFA to get a new one"},
};

namespace detail {

constexpr bool error_codes_ascend() noexcept {
  return std::adjacent_find(known_error_codes.begin(), known_error_codes.end(),
                            [](const error_code_info& a, const error_code_info& b) {
                              return a.code >= b.code;
                            }) == known_error_codes.end();
}

constexpr bool error_code_names_unique() noexcept {
  for (std::size_t i = 0; i < known_error_codes.size(); ++i) {
    for (std::size_t j = i + 1; j < known_error_codes.size(); ++j) {
      if (known_error_codes[i].name == known_error_codes[j].name)
        return false;
    }
  }
  return true;
}

static_assert(error_codes_ascend(), "known_error_codes: codes must be unique and ascending");
static_assert(error_code_names_unique(), "known_error_codes: names must be unique");

// Not constexpr: a constant below whose name is not in the table stops the build at this call.
inline void error_code_name_not_in_known_error_codes() noexcept {}

consteval std::int64_t error_code_named(std::string_view name) noexcept {
  for (const error_code_info& row : known_error_codes) {
    if (row.name == name)
      return row.code;
  }
  error_code_name_not_in_known_error_codes();
  return 0;
}

}  // namespace detail

// The table's codes by name, for has_code: `error.has_code(rest::error_codes::mfa_required)`.
namespace error_codes {
inline constexpr std::int64_t authorization_failed =
    detail::error_code_named("authorization_failed");
inline constexpr std::int64_t tenant_id_not_guid = detail::error_code_named("tenant_id_not_guid");
inline constexpr std::int64_t address_validation_failed =
    detail::error_code_named("address_validation_failed");
inline constexpr std::int64_t partner_not_onboarded_in_country =
    detail::error_code_named("partner_not_onboarded_in_country");
inline constexpr std::int64_t invalid_property = detail::error_code_named("invalid_property");
inline constexpr std::int64_t customer_agreement_required =
    detail::error_code_named("customer_agreement_required");
inline constexpr std::int64_t country_not_supported =
    detail::error_code_named("country_not_supported");
inline constexpr std::int64_t no_commerce_relationship =
    detail::error_code_named("no_commerce_relationship");
inline constexpr std::int64_t property_has_invalid_data =
    detail::error_code_named("property_has_invalid_data");
inline constexpr std::int64_t tenant_not_found = detail::error_code_named("tenant_not_found");
inline constexpr std::int64_t registration_id_not_supported =
    detail::error_code_named("registration_id_not_supported");
inline constexpr std::int64_t action_not_allowed = detail::error_code_named("action_not_allowed");
inline constexpr std::int64_t registration_id_missing =
    detail::error_code_named("registration_id_missing");
inline constexpr std::int64_t registration_id_invalid =
    detail::error_code_named("registration_id_invalid");
inline constexpr std::int64_t phone_number_missing =
    detail::error_code_named("phone_number_missing");
inline constexpr std::int64_t partner_confirmed_agreement_exists =
    detail::error_code_named("partner_confirmed_agreement_exists");
inline constexpr std::int64_t invalid_request_input =
    detail::error_code_named("invalid_request_input");
inline constexpr std::int64_t partner_id_not_found =
    detail::error_code_named("partner_id_not_found");
inline constexpr std::int64_t partner_id_not_indirect_reseller =
    detail::error_code_named("partner_id_not_indirect_reseller");
inline constexpr std::int64_t sandbox_limit_met = detail::error_code_named("sandbox_limit_met");
inline constexpr std::int64_t reseller_program_not_active =
    detail::error_code_named("reseller_program_not_active");
inline constexpr std::int64_t customer_under_review =
    detail::error_code_named("customer_under_review");
inline constexpr std::int64_t customer_under_review_2 =
    detail::error_code_named("customer_under_review_2");
inline constexpr std::int64_t customer_not_approved =
    detail::error_code_named("customer_not_approved");
inline constexpr std::int64_t invalid_customer_id = detail::error_code_named("invalid_customer_id");
inline constexpr std::int64_t unable_to_parse_enum =
    detail::error_code_named("unable_to_parse_enum");
inline constexpr std::int64_t insufficient_privileges =
    detail::error_code_named("insufficient_privileges");
inline constexpr std::int64_t app_only_authentication_not_supported =
    detail::error_code_named("app_only_authentication_not_supported");
inline constexpr std::int64_t mfa_required = detail::error_code_named("mfa_required");
}  // namespace error_codes

// What a code means, in words a person can act on; nullopt for codes this library does not know.
constexpr std::optional<std::string_view> error_code_meaning(std::int64_t code) noexcept {
  const auto* row = std::lower_bound(
      known_error_codes.begin(), known_error_codes.end(), code,
      [](const error_code_info& r, std::int64_t wanted) { return r.code < wanted; });
  if (row == known_error_codes.end() || row->code != code)
    return std::nullopt;
  return row->meaning;
}

}  // namespace partner_center::rest

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/error_codes.hpp>

#include <catch2/catch_test_macros.hpp>

#include <cstddef>

namespace rest_error_codes_test {

using namespace partner_center::rest;

TEST_CASE("every documented error code has a name and a meaning", "[rest]") {
  namespace c = error_codes;
  for (const auto code : {c::invalid_property,
                          c::registration_id_not_supported,
                          c::registration_id_missing,
                          c::registration_id_invalid,
                          c::phone_number_missing,
                          c::invalid_request_input,
                          c::partner_id_not_found,
                          c::partner_id_not_indirect_reseller,
                          c::reseller_program_not_active,
                          c::sandbox_limit_met,
                          c::partner_not_onboarded_in_country,
                          c::no_commerce_relationship,
                          c::tenant_not_found,
                          c::invalid_customer_id,
                          c::unable_to_parse_enum,
                          c::insufficient_privileges,
                          c::app_only_authentication_not_supported,
                          c::customer_under_review,
                          c::customer_under_review_2,
                          c::customer_not_approved,
                          c::customer_agreement_required,
                          c::partner_confirmed_agreement_exists,
                          c::property_has_invalid_data,
                          c::address_validation_failed,
                          c::country_not_supported,
                          c::action_not_allowed,
                          c::authorization_failed,
                          c::tenant_id_not_guid}) {
    CHECK(error_code_meaning(code).has_value());
  }
  CHECK(c::registration_id_missing == 600049);
  CHECK(c::partner_id_not_indirect_reseller == 800016);
  CHECK_FALSE(error_code_meaning(123456789));
}

TEST_CASE("error_code_meaning finds every row of the table, and only those", "[rest]") {
  for (std::size_t i = 0; i < known_error_codes.size(); ++i) {
    const error_code_info& row = known_error_codes[i];
    INFO(row.name);
    CHECK(error_code_meaning(row.code) == row.meaning);
    const bool next_is_a_row =
        i + 1 < known_error_codes.size() && known_error_codes[i + 1].code == row.code + 1;
    if (!next_is_a_row)
      CHECK_FALSE(error_code_meaning(row.code + 1));
  }
  CHECK_FALSE(error_code_meaning(known_error_codes.front().code - 1));
  CHECK(error_code_meaning(error_codes::customer_under_review_2) ==
        error_code_meaning(error_codes::customer_under_review));
  static_assert(error_code_meaning(error_codes::mfa_required).has_value());
}

}  // namespace rest_error_codes_test

// Arbitrary bytes as a country validation rules file (one object or an array of them), loaded as
// pc-customer --country-rules loads it. What loads is then used: every pattern is tried on short,
// long and backtracking-prone values, and a create request in that country is validated with the
// loaded set. Each match runs on a fixed budget (country_pattern::max_match_steps), so a pattern
// that backtracks catastrophically ends in `too_complex` within about a millisecond; one that
// got past the budget would show as a slow input or the runner's -timeout.

#include "fuzz_check.hpp"

#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_request.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace pc = partner_center;
namespace model = partner_center::model;

// A valid US request: validating it in another country exercises that country's rules.
const model::Customer& sample_customer() {
  static const model::Customer customer = [] {
    model::Customer c;
    c.associatedPartnerId = "484e548c-f5f3-4528-93a9-c16c6373cb59";
    auto& company = c.companyProfile.emplace();
    company.domain = "wingtiptoys.onmicrosoft.com";
    auto& billing = c.billingProfile.emplace();
    billing.email = "gena@wingtiptoys.com";
    billing.culture = "en-US";
    billing.language = "en";
    billing.companyName = "Wingtip Toys";
    auto& address = billing.defaultAddress.emplace();
    address.country = "US";
    address.city = "Redmond";
    address.state = "WA";
    address.addressLine1 = "One Microsoft Way";
    address.postalCode = "98052";
    address.phoneNumber = "4255550101";
    return c;
  }();
  return customer;
}

void try_pattern(const model::country_pattern* pattern, std::string_view sample) {
  if (pattern == nullptr)
    return;
  static const std::string values[] = {
      "",
      "98052",
      "4255550101",
      std::string(model::country_pattern::max_value_length, 'a'),
      std::string(model::country_pattern::max_value_length, '1') + "!",
      std::string(model::country_pattern::max_value_length + 1, '1'),
  };
  for (const std::string& value : values) {
    const model::pattern_match m = pattern->test(value);
    FUZZ_CHECK((m == model::pattern_match::too_long) ==
               (value.size() > model::country_pattern::max_value_length));
  }
  (void)pattern->test(sample);
  (void)pattern->test(pattern->text());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto builder = model::country_rule_set_builder::empty();
  const auto loaded = builder.add_json(text, "fuzz.json");
  if (!loaded) {
    FUZZ_CHECK(!loaded.error().message.empty());
    // At most 20 problems are listed, each quoting at most one 1000-character pattern.
    FUZZ_CHECK(loaded.error().message.size() <= 64 * 1024);
    return 0;
  }
  const auto set = builder.build();
  FUZZ_CHECK(set->size() <= loaded->countries.size());
  for (const auto& rules : set->countries()) {
    FUZZ_CHECK(set->find(rules->iso2()) == rules.get());
    const auto& d = rules->data();
    try_pattern(rules->postal_code(), d.taxIdSample.value_or(""));
    try_pattern(rules->phone_number(), d.taxIdSample.value_or(""));
    try_pattern(rules->registration_number(),
                d.customerOrganizationRegistrationNumberSample.value_or(""));
    try_pattern(rules->vat_id(), d.taxIdSample.value_or(""));

    model::Customer customer = sample_customer();
    customer.billingProfile->defaultAddress->country = rules->iso2();
    const pc::report found = model::validate_create_request(customer, {.countries = set});
    fuzz::check_report(found, true);
  }
  return 0;
}

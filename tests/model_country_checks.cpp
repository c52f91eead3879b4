// The create request's country-dependent checks with country validation rules: the header under
// test comes first, so that it is shown to compile on its own.
#include <partner_center/model/create_request.hpp>

#include "support/documents.hpp"
#include "support/files.hpp"

#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_rules_files.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace model_country_checks_test {

namespace pc = partner_center;
namespace pcm = partner_center::model;
namespace test = partner_center::test;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

constexpr std::string_view state_path = "/billingProfile/defaultAddress/state";
constexpr std::string_view city_path = "/billingProfile/defaultAddress/city";
constexpr std::string_view postal_code_path = "/billingProfile/defaultAddress/postalCode";
constexpr std::string_view phone_path = "/billingProfile/defaultAddress/phoneNumber";

// A valid request for a customer in Lisbon.
pcm::Customer pt_customer() {
  pcm::Customer c = test::documented_customer();
  auto& billing = *c.billingProfile;
  billing.culture = "pt-PT";
  billing.language = "pt";
  auto& a = *billing.defaultAddress;
  a = pcm::Address{};
  a.country = "PT";
  a.city = "Lisboa";
  a.addressLine1 = "Rua do Ouro 1";
  a.postalCode = "1100-060";
  return c;
}

// Berlin: no rules are built in for DE.
pcm::Customer de_customer() {
  pcm::Customer c = test::documented_customer();
  auto& billing = *c.billingProfile;
  billing.culture = "de-DE";
  billing.language = "de";
  auto& a = *billing.defaultAddress;
  a = pcm::Address{};
  a.country = "DE";
  a.addressLine1 = "Unter den Linden 1";
  return c;
}

pcm::Address& address(pcm::Customer& c) {
  return *c.billingProfile->defaultAddress;
}

pc::report check(const pcm::Customer& c,
                 std::shared_ptr<const pcm::country_rule_set> countries = nullptr) {
  return pcm::validate_create_request(c, {.countries = std::move(countries)});
}

std::shared_ptr<const pcm::country_rule_set> with_rules(std::string_view json) {
  pcm::country_rule_set_builder builder;
  const auto loaded = builder.add_json(json, "test rules");
  INFO((loaded ? std::string() : loaded.error().message));
  REQUIRE(loaded);
  return builder.build();
}

pc::violation error(std::string_view path, pc::violation_code code, std::string message) {
  return pc::violation{std::string(path), code, pc::severity::error, std::move(message)};
}

}  // namespace

TEST_CASE("country checks: the documented US request meets the built-in US rules") {
  const std::string json = test::read_test_data("documented-request.json");
  REQUIRE_FALSE(json.empty());
  const auto checked = pcm::validate_create_request_json(json);
  CHECK(checked.valid());
  CHECK(checked.violations.empty());
  CHECK(check(test::documented_customer()).empty());
  CHECK(check(pt_customer()).empty());
  CHECK(check(de_customer()).empty());
}

TEST_CASE("country checks: a US address needs a state, and one of the US states") {
  auto c = test::documented_customer();
  address(c).state.reset();
  CHECK(check(c).items() == std::vector{error(state_path, pc::violation_code::required,
                                              R"(state is required for an address in "US")")});
  address(c).state = " ";
  CHECK(check(c).items() == std::vector{error(state_path, pc::violation_code::required,
                                              R"(state is required for an address in "US")")});

  address(c).state = "XX";
  const auto unknown = check(c);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].path == state_path);
  CHECK(unknown[0].code == pc::violation_code::not_supported);
  CHECK_THAT(unknown[0].message,
             StartsWith(R"(state "XX" is not a state of "US"; use one of AK AL AR AZ CA )"));
  CHECK_THAT(unknown[0].message, EndsWith(" WA WI WV WY"));

  address(c).state = "wa";  // the compare is case-insensitive (PowerShell's is exact)
  CHECK(check(c).empty());
}

TEST_CASE("country checks: a US address needs a city and a postal code") {
  auto c = test::documented_customer();
  address(c).city.reset();
  address(c).postalCode = "";
  CHECK(check(c).items() == std::vector{
                                error(city_path, pc::violation_code::required,
                                      R"(city is required for an address in "US")"),
                                error(postal_code_path, pc::violation_code::required,
                                      R"(postalCode is required for an address in "US")"),
                            });
}

TEST_CASE("country checks: US postal codes have the US format") {
  auto c = test::documented_customer();
  for (const char* valid : {"98052", "98052-6399", "00501"}) {
    INFO(valid);
    address(c).postalCode = valid;
    CHECK(check(c).empty());
  }
  address(c).postalCode = "9810";
  CHECK(check(c).items() ==
        std::vector{error(postal_code_path, pc::violation_code::format,
                          R"(postalCode "9810" does not match the US format ^\d{5}(-\d{4})?$)")});
  for (const char* invalid : {"98052 6399", "980521", "ABCDE", "98052-"}) {
    INFO(invalid);
    address(c).postalCode = invalid;
    CHECK(check(c).contains(postal_code_path, pc::violation_code::format));
  }
}

TEST_CASE("country checks: US phone numbers have the US format") {
  auto c = test::documented_customer();
  for (const char* valid :
       {"4255550101", "(425) 555-0101", "1-425-555-0101", "425.555.0101", "1 425/555 0101"}) {
    INFO(valid);
    address(c).phoneNumber = valid;
    CHECK(check(c).empty());
  }
  address(c).phoneNumber = "555-0101";
  CHECK(check(c).items() ==
        std::vector{error(phone_path, pc::violation_code::format,
                          R"(phoneNumber "555-0101" does not match the US format )"
                          R"(^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?)"
                          R"((\d{4})$)")});
  for (const char* invalid : {"+44 20 7946 0958", "425-555-01010", "phone"}) {
    INFO(invalid);
    address(c).phoneNumber = invalid;
    CHECK(check(c).contains(phone_path, pc::violation_code::format));
  }
  address(c).phoneNumber.reset();  // not required for US
  CHECK(check(c).empty());
}

TEST_CASE("country checks: PT postal codes have the PT format, and PT needs no state") {
  auto c = pt_customer();
  CHECK(check(c).empty());
  address(c).postalCode = "1100";
  CHECK(check(c).empty());
  address(c).state = "LX";  // allowed, not listed: PT lists no states
  CHECK(check(c).empty());

  address(c).postalCode = "11000";
  CHECK(check(c).items() ==
        std::vector{error(postal_code_path, pc::violation_code::format,
                          R"(postalCode "11000" does not match the PT format ^\d{4}(-\d{3})?$)")});

  // PT's rules have no phoneNumberRegex: nothing is invented.
  address(c).postalCode = "1100-060";
  address(c).phoneNumber = "+351 21 000 0000 (ext. 12)";
  CHECK(check(c).empty());
}

TEST_CASE("country checks: PT's languages and cultures are its rules' lists") {
  auto c = pt_customer();
  c.billingProfile->language = "EN";
  c.billingProfile->culture = "en-us";
  CHECK(check(c).empty());

  c.billingProfile->language = "es";  // a Partner Center language, but not PT's
  c.billingProfile->culture = "es-ES";
  CHECK(check(c).items() ==
        std::vector{
            error("/billingProfile/culture", pc::violation_code::not_supported,
                  R"(culture "es-ES" is not supported for "PT"; use one of pt-PT en-US)"),
            error("/billingProfile/language", pc::violation_code::not_supported,
                  R"(language "es" is not supported for "PT"; use one of en pt)"),
        });

  c.billingProfile->language = "pt-PT";  // listed, but the request takes two letters
  c.billingProfile->culture = "pt-PT";
  CHECK(check(c).items() ==
        std::vector{error("/billingProfile/language", pc::violation_code::format,
                          R"(language "pt-PT" is not a two-letter language code such as "en")")});
}

TEST_CASE("country checks: a country without known rules gets only the generic checks") {
  auto c = de_customer();  // no state, city, postal code or phone number
  CHECK(check(c).empty());
  address(c).postalCode = "not a postal code";
  address(c).phoneNumber = "call me";
  address(c).state = "BE";
  CHECK(check(c).empty());

  // The generic checks still run.
  address(c).state = "BER";
  address(c).addressLine1.reset();
  const auto generic = check(c);
  CHECK(generic.size() == 2);
  CHECK(generic.contains(state_path, pc::violation_code::max_length));
  CHECK(generic.contains("/billingProfile/defaultAddress/addressLine1",
                         pc::violation_code::required));
}

TEST_CASE("country checks: a rules file that changes a country's postal format is obeyed") {
  const test::temp_directory dir;
  const std::vector<std::string> paths{dir.write(
      "US.json", R"({"iso2Code":"US","isPostalCodeRequired":true,"postalCodeRegex":"^\\d{3}$"})")};
  const auto loaded = pcm::load_country_rules(paths);
  REQUIRE(loaded);
  const auto& rules = *loaded;

  auto c = test::documented_customer();
  CHECK(check(c).empty());  // the built-in rules
  CHECK(check(c, rules).items() ==
        std::vector{error(postal_code_path, pc::violation_code::format,
                          R"(postalCode "98052" does not match the US format ^\d{3}$)")});
  address(c).postalCode = "980";
  CHECK(check(c, rules).empty());

  // The file replaced the US rules wholesale: no state or city required, no phone format.
  address(c).state.reset();
  address(c).city.reset();
  address(c).phoneNumber = "call me";
  CHECK(check(c, rules).empty());

  // validate_create_request_json takes the set the same way.
  pcm::create_request_options options;
  options.countries = rules;
  const auto checked = pcm::validate_create_request_json(
      R"({"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59",
          "companyProfile":{"domain":"contoso.onmicrosoft.com"},
          "billingProfile":{"email":"a@contoso.com","culture":"en-US","language":"en",
            "companyName":"Contoso","defaultAddress":{"country":"US","addressLine1":"1 Main St",
            "postalCode":"12345"}}})",
      options);
  CHECK(checked.violations.items() ==
        std::vector{error(postal_code_path, pc::violation_code::format,
                          R"(postalCode "12345" does not match the US format ^\d{3}$)")});
}

TEST_CASE("country checks: options own the rule set they were given") {
  auto rules = with_rules(R"({"iso2Code":"US","postalCodeRegex":"^\\d{3}$"})");
  const std::weak_ptr<const pcm::country_rule_set> watched = rules;
  const pcm::create_request_options options{.countries = std::move(rules)};
  rules.reset();  // the caller's handle is gone; the options still hold the set
  REQUIRE_FALSE(watched.expired());
  CHECK(pcm::validate_create_request(test::documented_customer(), options).items() ==
        std::vector{error(postal_code_path, pc::violation_code::format,
                          R"(postalCode "98052" does not match the US format ^\d{3}$)")});
}

TEST_CASE("country checks: the rules' registration number and phone requirements win") {
  const auto rules = with_rules(R"([
      {"iso2Code":"DE","customerOrganizationRegistrationNumberRequired":true,
       "customerOrganizationRegistrationNumberRegex":"^HR[AB] \\d{1,6}$",
       "customerOrganizationRegistrationNumberSample":"HRB 12345",
       "customerOrganizationPhoneNumberRequired":true},
      {"iso2Code":"RU","customerOrganizationRegistrationNumberRequired":false,
       "customerOrganizationPhoneNumberRequired":false}])");

  auto de = de_customer();
  CHECK(check(de).empty());  // the built-in list does not name DE
  CHECK(check(de, rules).items() ==
        std::vector{
            error("/companyProfile/organizationRegistrationNumber", pc::violation_code::required,
                  R"(organizationRegistrationNumber is required for a company in "DE")"),
            error(phone_path, pc::violation_code::required,
                  R"(phoneNumber is required for a company in "DE")"),
        });
  de.companyProfile->organizationRegistrationNumber = "12345";
  address(de).phoneNumber = "+49 30 1234567";
  CHECK(check(de, rules).items() ==
        std::vector{error("/companyProfile/organizationRegistrationNumber",
                          pc::violation_code::format,
                          R"(organizationRegistrationNumber "12345" does not match the DE format )"
                          R"(^HR[AB] \d{1,6}$, for example "HRB 12345")")});
  de.companyProfile->organizationRegistrationNumber = "HRB 12345";
  CHECK(check(de, rules).empty());

  // RU is on the built-in list; its rules here say neither is needed.
  auto ru = de_customer();
  address(ru).country = "RU";
  ru.billingProfile->culture = "ru-RU";
  ru.billingProfile->language = "ru";
  const auto builtin = check(ru);
  CHECK(builtin.contains("/companyProfile/organizationRegistrationNumber",
                         pc::violation_code::required));
  CHECK(builtin.contains(phone_path, pc::violation_code::required));
  CHECK(check(ru, rules).empty());
  ru.companyProfile->organizationRegistrationNumber = "1234567";
  CHECK(check(ru, rules).items() ==
        std::vector{error("/companyProfile/organizationRegistrationNumber",
                          pc::violation_code::forbidden,
                          R"(organizationRegistrationNumber must not be sent for a company in )"
                          R"("RU" (the service answers 600002))")});
}

TEST_CASE("country checks: a supportedCulturesList replaces the locales table's cultures") {
  const auto rules = with_rules(R"({"iso2Code":"DE","supportedCulturesList":["de-DE"],
                                    "supportedLanguagesList":["de"]})");
  auto c = de_customer();
  c.billingProfile->culture = "en-US";
  c.billingProfile->language = "en";
  CHECK(check(c).empty());  // the locales table offers en-US in DE
  CHECK(check(c, rules).items() ==
        std::vector{
            error("/billingProfile/culture", pc::violation_code::not_supported,
                  R"(culture "en-US" is not supported for "DE"; use one of de-DE)"),
            error("/billingProfile/language", pc::violation_code::not_supported,
                  R"(language "en" is not supported for "DE"; use one of de)"),
        });
}

TEST_CASE("country checks: the company address is checked against its own country") {
  auto c = test::documented_customer();
  auto& company_address = c.companyProfile->address.emplace();
  company_address.country = "PT";
  company_address.addressLine1 = "Rua do Ouro 1";
  company_address.city = "Lisboa";
  company_address.postalCode = "98052";
  CHECK(check(c).items() ==
        std::vector{error("/companyProfile/address/postalCode", pc::violation_code::format,
                          R"(postalCode "98052" does not match the PT format ^\d{4}(-\d{3})?$)")});
  company_address.postalCode = "1100-060";
  CHECK(check(c).empty());  // and PT needs no state, though the billing address's US does
}

TEST_CASE("country checks: a pathological postal code pattern is a limit, never a hang") {
  const auto rules = with_rules(R"({"iso2Code":"US","postalCodeRegex":"^(a+)+$"})");
  auto c = test::documented_customer();

  address(c).postalCode = std::string(100 * 1024, 'a') + "!";
  CHECK(check(c, rules).items() ==
        std::vector{error(postal_code_path, pc::violation_code::limit,
                          "postalCode has 102401 characters; values longer than 256 are not "
                          "checked against the US format")});

  address(c).postalCode = std::string(200, 'a') + "!";
  const auto complex = check(c, rules);
  REQUIRE(complex.size() == 1);
  CHECK(complex[0].path == postal_code_path);
  CHECK(complex[0].code == pc::violation_code::limit);
  CHECK(complex[0].message ==
        "postalCode \"" + std::string(64, 'a') +
            "...\" could not be checked against the US format ^(a+)+$: matching it needs more "
            "effort than the regex engine allows");

  address(c).postalCode = "aaa";
  CHECK(check(c, rules).empty());
}

TEST_CASE("country checks: an empty rule set leaves only the generic checks") {
  const auto none = pcm::country_rule_set_builder::empty().build();
  auto c = test::documented_customer();
  address(c).state.reset();
  address(c).postalCode = "9810";
  CHECK(check(c, none).empty());
  CHECK_FALSE(check(c).empty());
}

TEST_CASE("country checks: one rule set shared by 8 threads gives every thread the same answers") {
  const auto rules = with_rules(R"([{"iso2Code":"DE","postalCodeRegex":"^\\d{5}$",
                                     "isCityRequired":true},
                                    {"iso2Code":"GB","postalCodeRegex":"^(a+)+$"}])");
  std::vector<pcm::Customer> customers;
  customers.push_back(test::documented_customer());
  customers.push_back(test::documented_customer());
  address(customers.back()).postalCode = "9810";
  address(customers.back()).state = "XX";
  customers.push_back(pt_customer());
  address(customers.back()).postalCode = "11000";
  customers.push_back(de_customer());
  address(customers.back()).postalCode = "1234";
  customers.push_back(de_customer());
  address(customers.back()).country = "GB";
  address(customers.back()).postalCode = std::string(100, 'a') + "!";
  customers.back().billingProfile->culture = "en-GB";
  customers.back().billingProfile->language = "en";

  std::vector<pc::report> expected;
  for (const auto& c : customers)
    expected.push_back(check(c, rules));
  CHECK(expected[0].empty());
  CHECK(expected[1].size() == 2);
  CHECK(expected[2].size() == 1);
  CHECK(expected[3].size() == 2);  // city and postal code
  CHECK(expected[4].contains(postal_code_path, pc::violation_code::limit));

  std::atomic<int> mismatches{0};
  std::atomic<int> checks{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < customers.size(); ++i) {
          const std::size_t k = (i + static_cast<std::size_t>(t)) % customers.size();
          if (check(customers[k], rules).items() != expected[k].items())
            ++mismatches;
          ++checks;
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  CHECK(checks == 8 * 50 * static_cast<int>(customers.size()));
  CHECK(mismatches == 0);
}

}  // namespace model_country_checks_test

#include <partner_center/model/create_request.hpp>

#include "support/documents.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <string>

namespace model_create_request_test {

// Every row of the rule table for "create a customer for an indirect reseller" (README.md, "The
// create request's rules"), with path and code, at the boundaries.

namespace {

using namespace partner_center;
using namespace partner_center::model;

Address& address(Customer& c) {
  return *c.billingProfile->defaultAddress;
}

// The violations' paths and codes, one a line, for compact exact assertions.
std::string summary(const report& r) {
  std::string out;
  for (const violation& v : r) {
    out += v.path + ' ' + std::string(to_string(v.code)) + '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("a valid customer has no violation", "[create_request]") {
  const report r = validate_create_request(test::documented_customer());
  CHECK(summary(r).empty());
  CHECK(r.valid());
}

TEST_CASE("the documented request validates with no violation", "[create_request]") {
  const auto result = validate_create_request_json(test::read_test_data("documented-request.json"));
  CHECK(result.complete);
  CHECK(summary(result.violations).empty());
}

TEST_CASE("billingProfile and companyProfile are required", "[create_request]") {
  Customer c = test::documented_customer();
  c.billingProfile.reset();
  c.companyProfile.reset();
  CHECK(summary(validate_create_request(c)) ==
        "/companyProfile required\n/billingProfile required\n");
}

TEST_CASE("associatedPartnerId: required for a reseller's customer, optional for a direct one",
          "[create_request]") {
  Customer c = test::documented_customer();
  c.associatedPartnerId.reset();
  CHECK(summary(validate_create_request(c)) == "/associatedPartnerId required\n");
  CHECK(validate_create_request(c, {.creation = customer_creation::direct}).empty());

  c.associatedPartnerId = "   ";
  CHECK(summary(validate_create_request(c)) == "/associatedPartnerId required\n");

  c.associatedPartnerId = "484e548c-f5f3-4528-93a9-c16c6373cb5";  // one digit short
  CHECK(summary(validate_create_request(c)) == "/associatedPartnerId format\n");
  CHECK(summary(validate_create_request(c, {.creation = customer_creation::direct})) ==
        "/associatedPartnerId format\n");
  c.associatedPartnerId = "484E548C-F5F3-4528-93A9-C16C6373CB59";
  CHECK(validate_create_request(c).empty());
}

TEST_CASE("domain: a prefix of 1 to 27 letters or digits, then .onmicrosoft.com",
          "[create_request]") {
  Customer c = test::documented_customer();
  auto& domain = c.companyProfile->domain;
  domain = std::string(27, 'a') + ".onmicrosoft.com";
  CHECK(validate_create_request(c).empty());
  domain = std::string(28, 'a') + ".onmicrosoft.com";
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain format\n");
  domain = "a.ONMICROSOFT.COM";
  CHECK(validate_create_request(c).empty());
  domain = ".onmicrosoft.com";
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain format\n");
  domain = "wingtip-toys.onmicrosoft.com";
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain format\n");
  domain = "wingtiptoys.com";
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain format\n");
  domain.reset();
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain required\n");

  const report r = [&] {
    domain = std::string(28, 'a') + ".onmicrosoft.com";
    return validate_create_request(c);
  }();
  CHECK(r[0].message ==
        "domain \"aaaaaaaaaaaaaaaaaaaaaaaaaaaa.onmicrosoft.com\" is not "
        "<prefix>.onmicrosoft.com with a prefix of 1 to 27 letters or digits");
}

TEST_CASE("domain: sandbox suffixes are configurable", "[create_request]") {
  Customer c = test::documented_customer();
  c.companyProfile->domain = "wingtip.ccsctp.net";
  CHECK(summary(validate_create_request(c)) == "/companyProfile/domain format\n");
  const std::string_view suffixes[] = {".onmicrosoft.com", ".ccsctp.net"};
  CHECK(validate_create_request(c, {.domain_suffixes = suffixes}).empty());
}

TEST_CASE("organizationRegistrationNumber and phoneNumber for each of the 24 countries",
          "[create_request]") {
  const std::string country =
      GENERATE("AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA",
               "PL", "AE", "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE");
  CAPTURE(country);
  Customer c = test::documented_customer();
  address(c).country = country;
  address(c).state.reset();
  c.billingProfile->culture = "en-US";
  address(c).phoneNumber.reset();
  CHECK(summary(validate_create_request(c)) ==
        "/companyProfile/organizationRegistrationNumber required\n"
        "/billingProfile/defaultAddress/phoneNumber required\n");
  c.companyProfile->organizationRegistrationNumber = "7707083893";
  address(c).phoneNumber = "+7 495 000-00-00";
  CHECK(summary(validate_create_request(c)).empty());
}

TEST_CASE("organizationRegistrationNumber is forbidden outside those countries",
          "[create_request]") {
  Customer c = test::documented_customer();
  c.companyProfile->organizationRegistrationNumber = "123";
  const report r = validate_create_request(c);
  CHECK(summary(r) == "/companyProfile/organizationRegistrationNumber forbidden\n");
  CHECK(r[0].message ==
        "organizationRegistrationNumber must not be sent for a company in \"US\" (the service "
        "answers 600002)");
  address(c).phoneNumber.reset();  // optional outside the 24
  c.companyProfile->organizationRegistrationNumber.reset();
  CHECK(validate_create_request(c).empty());
}

TEST_CASE("email: one address", "[create_request]") {
  Customer c = test::documented_customer();
  auto& email = c.billingProfile->email;
  const std::string local64(64, 'a');
  email = local64 + "@example.com";
  CHECK(validate_create_request(c).empty());
  email = local64 + "a@example.com";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/email format\n");
  email = "a@" + std::string(248, 'b') + ".com";  // 254 in all
  CHECK(email->size() == 254);
  CHECK(validate_create_request(c).empty());
  email = "a@" + std::string(249, 'b') + ".com";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/email format\n");
  for (const char* bad : {"gena", "gena@wingtiptoys", "gena @wingtiptoys.com",
                          "a@b@wingtiptoys.com", "@wingtiptoys.com", "gena@.com"}) {
    email = bad;
    CAPTURE(bad);
    CHECK(summary(validate_create_request(c)) == "/billingProfile/email format\n");
  }
  email = "";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/email required\n");
}

TEST_CASE("culture: supported for the address country, any case", "[create_request]") {
  Customer c = test::documented_customer();
  auto& culture = c.billingProfile->culture;
  for (const char* ok : {"en-US", "EN-US", "en-us", "es-US"}) {
    culture = ok;
    CAPTURE(ok);
    CHECK(validate_create_request(c).empty());
  }
  culture = "fr-FR";
  const report r = validate_create_request(c);
  CHECK(summary(r) == "/billingProfile/culture not_supported\n");
  culture.reset();
  CHECK(summary(validate_create_request(c)) == "/billingProfile/culture required\n");
}

TEST_CASE("language: two letters, the language of a supported culture", "[create_request]") {
  Customer c = test::documented_customer();
  auto& language = c.billingProfile->language;
  language = "En";
  CHECK(validate_create_request(c).empty());
  language = "eng";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/language format\n");
  language = "xx";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/language not_supported\n");
  language = " ";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/language required\n");
}

TEST_CASE("companyName: at least 2 characters with a letter or digit", "[create_request]") {
  Customer c = test::documented_customer();
  auto& name = c.billingProfile->companyName;
  for (const char* ok : {"AB", "A1", "Ж.", "3M"}) {
    name = ok;
    CAPTURE(ok);
    CHECK(validate_create_request(c).empty());
  }
  for (const char* bad : {"A", "--", "...", "Ж"}) {
    name = bad;
    CAPTURE(bad);
    CHECK(summary(validate_create_request(c)) == "/billingProfile/companyName format\n");
  }
  name = "\t ";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/companyName required\n");
}

TEST_CASE("defaultAddress and its country are required", "[create_request]") {
  Customer c = test::documented_customer();
  address(c).country.reset();
  CHECK(summary(validate_create_request(c)) == "/billingProfile/defaultAddress/country required\n");
  c.billingProfile->defaultAddress.reset();
  CHECK(summary(validate_create_request(c)) == "/billingProfile/defaultAddress required\n");
}

TEST_CASE("country: ISO 3166-1 alpha-2 in the supported table", "[create_request]") {
  Customer c = test::documented_customer();
  address(c).country = "UK";
  report r = validate_create_request(c);
  REQUIRE(summary(r) == "/billingProfile/defaultAddress/country not_supported\n");
  CHECK(r[0].message == "country \"UK\" is not an ISO 3166-1 alpha-2 code; did you mean \"GB\"?");
  address(c).country = "ZZ";
  r = validate_create_request(c);
  CHECK(r[0].message == "country \"ZZ\" is not an ISO 3166-1 alpha-2 country code");
  address(c).country = "us";
  CHECK(validate_create_request(c).empty());
}

TEST_CASE("addressLine1 and addressLine2: at most 200 UTF-16 units", "[create_request]") {
  Customer c = test::documented_customer();
  address(c).addressLine1 = std::string(200, 'x');
  address(c).addressLine2 = std::string(200, 'x');
  CHECK(validate_create_request(c).empty());
  address(c).addressLine1 = std::string(201, 'x');
  address(c).addressLine2 = std::string(201, 'x');
  CHECK(summary(validate_create_request(c)) ==
        "/billingProfile/defaultAddress/addressLine1 max_length\n"
        "/billingProfile/defaultAddress/addressLine2 max_length\n");

  // Non-ASCII: 200 'é' are 400 bytes but 200 UTF-16 units; 100 '😀' are 200 units.
  std::string accented;
  for (int i = 0; i < 200; ++i)
    accented += "é";
  address(c).addressLine1 = accented;
  std::string emoji;
  for (int i = 0; i < 100; ++i)
    emoji += "😀";
  address(c).addressLine2 = emoji;
  CHECK(validate_create_request(c).empty());
  address(c).addressLine1 = accented + "é";
  address(c).addressLine2 = emoji + "a";
  const report r = validate_create_request(c);
  CHECK(summary(r) ==
        "/billingProfile/defaultAddress/addressLine1 max_length\n"
        "/billingProfile/defaultAddress/addressLine2 max_length\n");
  CHECK(r[0].message == "addressLine1 has 201 characters; at most 200 are allowed");

  address(c).addressLine1.reset();
  address(c).addressLine2.reset();
  CHECK(summary(validate_create_request(c)) ==
        "/billingProfile/defaultAddress/addressLine1 required\n");
}

TEST_CASE("state: at most 2", "[create_request]") {
  Customer c = test::documented_customer();
  address(c).country = "DE";  // no built-in country rules: only the generic limit applies
  c.billingProfile->culture = "de-DE";
  address(c).state = "WAS";
  CHECK(summary(validate_create_request(c)) == "/billingProfile/defaultAddress/state max_length\n");
}

TEST_CASE("firstName and lastName: optional, 1 to 50 when present", "[create_request]") {
  Customer c = test::documented_customer();
  address(c).firstName = std::string(50, 'g');
  address(c).lastName = "S";
  CHECK(validate_create_request(c).empty());
  address(c).firstName = std::string(51, 'g');
  address(c).lastName = "";
  CHECK(summary(validate_create_request(c)) ==
        "/billingProfile/defaultAddress/firstName max_length\n"
        "/billingProfile/defaultAddress/lastName min_length\n");
}

TEST_CASE("userCredentials.password is forbidden and never quoted", "[create_request]") {
  Customer c = test::documented_customer();
  c.userCredentials.emplace();
  c.userCredentials->userName = "admin";
  CHECK(validate_create_request(c).empty());
  c.userCredentials->password = "S3cret-Sentinel";
  const report r = validate_create_request(c);
  REQUIRE(summary(r) == "/userCredentials/password forbidden\n");
  CHECK(r[0].message.find("S3cret-Sentinel") == std::string::npos);
}

TEST_CASE("unknown members: a warning, an error in strict mode", "[create_request]") {
  const std::string json = R"({"companyProfile":{"domain":"a.onmicrosoft.com","Colour":"red"}})";
  auto lenient = validate_create_request_json(json, {.creation = customer_creation::direct});
  REQUIRE(lenient.violations.size() > 0);
  CHECK(lenient.violations[0].path == "/companyProfile/Colour");
  CHECK(lenient.violations[0].code == violation_code::unknown_field);
  CHECK(lenient.violations[0].severity == severity::warning);
  auto strict = validate_create_request_json(
      json, {.creation = customer_creation::direct, .decoding = {.strict = true}});
  CHECK(strict.violations[0].severity == severity::error);
}

TEST_CASE("keys match whatever their case", "[create_request]") {
  const std::string json = R"({"COMPANYPROFILE":{"DoMaIn":"a.onmicrosoft.com"},"billingprofile":
    {"EMAIL":"a@b.com","culture":"en-us","Language":"EN","companyNAME":"Contoso",
     "defaultaddress":{"COUNTRY":"US","addressline1":"1 Main St","CITY":"Redmond",
     "State":"WA","postalcode":"98052"}},
     "associatedpartnerid":"484e548c-f5f3-4528-93a9-c16c6373cb59"})";
  const auto result = validate_create_request_json(json);
  CHECK(summary(result.violations).empty());
  CHECK(result.value.billingProfile->defaultAddress->addressLine1 == "1 Main St");
}

TEST_CASE("a document with several mistakes reports all of them in document order",
          "[create_request]") {
  Customer c = test::documented_customer();
  c.companyProfile->domain = "bad domain";
  c.billingProfile->email.reset();
  address(c).addressLine1 = std::string(201, 'x');
  c.associatedPartnerId = "nope";
  CHECK(summary(validate_create_request(c)) ==
        "/companyProfile/domain format\n"
        "/billingProfile/email required\n"
        "/billingProfile/defaultAddress/addressLine1 max_length\n"
        "/associatedPartnerId format\n");
}

}  // namespace model_create_request_test

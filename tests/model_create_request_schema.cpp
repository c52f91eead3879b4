#include <partner_center/model/create_request_schema.hpp>

#include <partner_center/model/formats.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch_test_macros.hpp>

#include <array>
#include <regex>
#include <string>
#include <string_view>

using namespace partner_center;
using namespace partner_center::model;

namespace {

const boost::json::value& property(const boost::json::object& schema, std::string_view def,
                                   std::string_view member) {
  return schema.at("$defs").at(def).at("properties").at(member);
}

std::string text_of(const boost::json::value& v) {
  return boost::json::serialize(v);
}

// The schema's patterns are ECMA-262; std::regex's ECMAScript grammar reads these ASCII ones the
// same way, so each can be held against the C++ check it stands for.
bool pattern_matches(const boost::json::value& pattern, const std::string& value) {
  return std::regex_search(value, std::regex(std::string(pattern.as_string())));
}

}  // namespace

TEST_CASE("create request schema: the indirect reseller's request requires its partner",
          "[schema]") {
  const auto indirect = create_request_schema_json();
  CHECK(text_of(indirect.at("$defs").at("Customer").at("required")) ==
        R"(["companyProfile","billingProfile","associatedPartnerId"])");
  CHECK(indirect.at("$ref") == "#/$defs/Customer");
  CHECK(indirect.at("title") == "Partner Center: create a customer for an indirect reseller");

  const auto direct = create_request_schema_json({.creation = customer_creation::direct});
  CHECK(text_of(direct.at("$defs").at("Customer").at("required")) ==
        R"(["companyProfile","billingProfile"])");
}

TEST_CASE("create request schema: strict and lenient differ only in additionalProperties",
          "[schema]") {
  auto strict = create_request_schema_json({.decoding = {.strict = true}});
  const auto lenient = create_request_schema_json();
  std::size_t objects = 0;
  for (auto& def : strict.at("$defs").as_object()) {
    if (def.value().at("type") == "object") {
      ++objects;
      CHECK(def.value().at("additionalProperties") == false);
      def.value().as_object().erase("additionalProperties");
    }
  }
  CHECK(objects == 9);
  CHECK(strict == lenient);
}

TEST_CASE("create request schema: the country is one of the supported markets", "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& country = property(schema, "Address", "country");
  const auto& codes = country.at("enum").as_array();
  CHECK(codes.size() == model::detail::supported_markets.size());
  CHECK(codes.front() == "AD");
  CHECK(std::find(codes.begin(), codes.end(), boost::json::value("GB")) != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), boost::json::value("UK")) == codes.end());
  const std::string description(country.at("description").as_string());
  CHECK(description.find("case-insensitively") != std::string::npos);
  CHECK(text_of(schema.at("$defs").at("Address").at("required")) ==
        R"(["country","addressLine1"])");
}

TEST_CASE("create request schema: the registration number and phone follow the country",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& first = schema.at("allOf").at(0).as_object();
  const auto& codes = first.at("if")
                          .at("properties")
                          .at("billingProfile")
                          .at("properties")
                          .at("defaultAddress")
                          .at("properties")
                          .at("country")
                          .at("enum")
                          .as_array();
  CHECK(codes.size() == 24);
  for (const auto& code : codes)
    CHECK(needs_registration_number(code.as_string()));
  const auto& then = first.at("then").at("properties");
  CHECK(text_of(then.at("companyProfile").at("required")) ==
        R"(["organizationRegistrationNumber"])");
  CHECK(text_of(then.at("companyProfile").at("properties").at("address").at("required")) ==
        R"(["phoneNumber"])");
  CHECK(text_of(then.at("billingProfile")
                    .at("properties")
                    .at("defaultAddress")
                    .at("properties")
                    .at("phoneNumber")) == R"({"type":"string","$ref":"#/$defs/requiredText"})");
  CHECK(text_of(first.at("else")) == boost::json::serialize(boost::json::parse(R"({
    "type": "object", "properties": {"companyProfile": {"type": ["object", "null"],
      "properties": {"organizationRegistrationNumber": {"type": "null"}}}}})")));
}

TEST_CASE("create request schema: the domain pattern is the initial domain check", "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& pattern = property(schema, "CustomerCompanyProfile", "domain").at("pattern");
  CHECK(pattern ==
        "^[A-Za-z0-9]{1,27}\\.[Oo][Nn][Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\.[Cc][Oo][Mm]$");
  for (const std::string domain :
       {"contoso.onmicrosoft.com", "Contoso1.ONMICROSOFT.COM", "a.onmicrosoft.com",
        "contoso-eu.onmicrosoft.com", ".onmicrosoft.com", "contoso.onmicrosoft.co",
        "contosocontosocontosocontoso.onmicrosoft.com",
        "contosocontosocontosocontos.onmicrosoft.com", "contoso.onmicrosoftxcom",
        "contoso.sharepoint.com"}) {
    INFO(domain);
    CHECK(pattern_matches(pattern, domain) ==
          formats::is_domain_with_suffix(domain, formats::onmicrosoft_suffix));
  }

  // Sandbox suffixes join the alternatives, in any case too.
  constexpr std::array<std::string_view, 2> suffixes = {".onmicrosoft.com", ".ccsctp.net"};
  const auto sandbox = create_request_schema_json({.domain_suffixes = suffixes});
  const auto& either = property(sandbox, "CustomerCompanyProfile", "domain").at("pattern");
  CHECK(pattern_matches(either, "contoso.CCSCTP.net"));
  CHECK(pattern_matches(either, "contoso.onmicrosoft.com"));
  CHECK_FALSE(pattern_matches(either, "contoso.ccsctp.com"));
}

TEST_CASE("create request schema: GUID and language patterns agree with their checks", "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& guid = property(schema, "Customer", "associatedPartnerId").at("pattern");
  for (const std::string id :
       {"484e548c-f5f3-4528-93a9-c16c6373cb59", "484E548C-F5F3-4528-93A9-C16C6373CB59",
        "484e548cf5f3452893a9c16c6373cb59", "{484e548c-f5f3-4528-93a9-c16c6373cb59}",
        "484e548c-f5f3-4528-93a9-c16c6373cb5g", "484e548c-f5f3-4528-93a9-c16c6373cb590"}) {
    INFO(id);
    CHECK(pattern_matches(guid, id) == formats::is_guid(id));
  }
  const auto& language = property(schema, "CustomerBillingProfile", "language");
  for (const std::string code : {"en", "En", "e", "eng", "e1"}) {
    INFO(code);
    CHECK(pattern_matches(language.at("pattern"), code) == formats::is_two_letter_language(code));
  }
  CHECK(language.at("enum").as_array().size() == model::detail::supported_languages.size());
}

TEST_CASE("create request schema: forbidden password, described company name", "[schema]") {
  const auto schema = create_request_schema_json();
  CHECK(property(schema, "UserCredentials", "password").at("type") == "null");
  const std::string company(
      property(schema, "CustomerBillingProfile", "companyName").at("description").as_string());
  CHECK(company.find("this schema cannot say it") != std::string::npos);
}

TEST_CASE("create request schema: built-in country rules become if/then on the address",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& conditions =
      property(schema, "CustomerBillingProfile", "defaultAddress").at("allOf").as_array();
  REQUIRE(conditions.size() == 2);  // PT, US
  const auto& us = conditions.at(1).as_object();
  CHECK(us.at("if").at("properties").at("country").at("const") == "US");
  CHECK(text_of(us.at("then").at("required")) == R"(["state","city","postalCode"])");
  const auto& postal = us.at("then").at("properties").at("postalCode");
  CHECK(pattern_matches(postal.at("pattern"), "98052"));
  CHECK(pattern_matches(postal.at("pattern"), "98052-6399"));
  CHECK_FALSE(pattern_matches(postal.at("pattern"), "9805"));
  CHECK(us.at("then").at("properties").at("state").at("enum").as_array().size() == 51);
  // The company's own address follows its own country the same way.
  CHECK(property(schema, "CustomerCompanyProfile", "address").at("allOf") == conditions);

  // Culture and language lists of those countries, on the billing country.
  const auto& all = schema.at("allOf").as_array();
  REQUIRE(all.size() == 3);
  CHECK(text_of(all.at(2).at("then").at("properties").at("billingProfile").at("properties")) ==
        R"({"culture":{"enum":["en-US","es-US"]},"language":{"enum":["en","es"]}})");
}

TEST_CASE("create request schema: country rules given at run time are expressed", "[schema]") {
  auto builder = country_rule_set_builder();
  REQUIRE(builder.add_json(R"({"iso2Code":"GB","isPostalCodeRequired":true,
      "postalCodeRegex":"^[A-Z0-9 ]{5,8}$","customerOrganizationRegistrationNumberRequired":true,
      "customerOrganizationRegistrationNumberRegex":"^\\d{8}$"})",
                           "test"));
  const auto rules = builder.build();
  const auto schema = create_request_schema_json({.countries = rules});
  const std::string description(schema.at("description").as_string());
  CHECK(description.find("country validation rules of GB PT US") != std::string::npos);
  // GB now needs a registration number (not a phone number: its rules do not say so).
  const auto& needing = schema.at("allOf")
                            .at(0)
                            .at("if")
                            .at("properties")
                            .at("billingProfile")
                            .at("properties")
                            .at("defaultAddress")
                            .at("properties")
                            .at("country")
                            .at("enum")
                            .as_array();
  CHECK(needing.size() == 25);
  CHECK(std::find(needing.begin(), needing.end(), boost::json::value("GB")) != needing.end());
  const std::string all = text_of(schema.at("allOf"));
  CHECK(all.find(
            R"("organizationRegistrationNumber":{"type":["string","null"],"pattern":"^\\d{8}$|)") !=
        std::string::npos);
  CHECK(property(schema, "Address", "phoneNumber").at("description").as_string().find("GB") ==
        boost::json::string_view::npos);
}

TEST_CASE("customer schema: the response's shape, with no request rule", "[schema]") {
  const auto schema = customer_schema_json();
  CHECK(schema.at("title") == "Partner Center: Customer");
  for (const auto& def : schema.at("$defs").as_object()) {
    INFO(def.key());
    CHECK_FALSE(def.value().as_object().contains("required"));
    CHECK_FALSE(def.value().as_object().contains("additionalProperties"));
  }
  CHECK(text_of(property(schema, "UserCredentials", "password")) ==
        R"({"type":["string","null"]})");
  CHECK_FALSE(schema.contains("allOf"));
  const std::string text = customer_schema();
  CHECK(text.find("#/$defs/text") == std::string::npos);
  CHECK(text.find("\"enum\"") != std::string::npos);  // relationshipToPartner's enumerators
  CHECK(boost::json::parse(text) == schema);
}

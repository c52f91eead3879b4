#include <partner_center/model/create_request_schema.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/model/country_pattern.hpp>
#include <partner_center/model/formats.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <array>
#include <regex>
#include <string>
#include <string_view>

namespace model_create_request_schema_test {

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

// The $defs entry a {"$ref": "#/$defs/NAME"} names.
const boost::json::object& def_of(const boost::json::object& schema,
                                  const boost::json::value& ref) {
  const std::string_view prefix = "#/$defs/";
  const std::string_view text = ref.at("$ref").as_string();
  REQUIRE(text.starts_with(prefix));
  return schema.at("$defs").at(text.substr(prefix.size())).as_object();
}

// The billing country a root if/then tests.
const boost::json::value& billing_country_of(const boost::json::value& condition) {
  return condition.at("if")
      .at("properties")
      .at("billingProfile")
      .at("properties")
      .at("defaultAddress")
      .at("properties")
      .at("country");
}

// The schema's patterns are ECMA-262; std::regex's ECMAScript grammar reads these ASCII ones the
// same way, so each can be held against the C++ check it stands for.
// The last pattern stays compiled: the list patterns are long and tested against many values.
bool pattern_matches(const boost::json::value& pattern, const std::string& value) {
  static std::string compiled_text;
  static std::regex compiled;
  if (compiled_text != pattern.as_string()) {
    compiled = std::regex(std::string(pattern.as_string()));
    compiled_text = pattern.as_string();
  }
  return std::regex_search(value, compiled);
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

TEST_CASE("create request schema: the country is one of the supported markets, in any case",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& country = property(schema, "Address", "country");
  const auto& market = def_of(schema, country.at("allOf").at(0));
  CHECK(market.at("type") == "string");
  const std::string description(market.at("description").as_string());
  CHECK(description.find(" AD AE AF ") != std::string::npos);
  for (const auto& m : model::detail::supported_markets) {
    INFO(m.alpha2);
    std::string lower(m.alpha2);
    for (char& c : lower)
      c = text::ascii_lower(c);
    CHECK(pattern_matches(market.at("pattern"), std::string(m.alpha2)));
    CHECK(pattern_matches(market.at("pattern"), lower));
    CHECK(pattern_matches(market.at("pattern"), std::string{lower[0], m.alpha2[1]}));
  }
  for (const std::string code : {"UK", "uk", "ZZ", "G", "GBR", " GB", ""}) {
    INFO(code);
    CHECK_FALSE(pattern_matches(market.at("pattern"), code));
  }
  CHECK(text_of(schema.at("$defs").at("Address").at("required")) ==
        R"(["country","addressLine1"])");
}

TEST_CASE("create request schema: the registration number and phone follow the country",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& first = schema.at("allOf").at(0);
  const auto& codes = billing_country_of(first);
  CHECK(codes.at("type") == "string");
  // The 24 countries, in any case, and no other market.
  std::size_t needing = 0;
  for (const auto& m : model::detail::supported_markets) {
    INFO(m.alpha2);
    const std::string code(m.alpha2);
    std::string lower = code;
    for (char& c : lower)
      c = text::ascii_lower(c);
    CHECK(pattern_matches(codes.at("pattern"), code) == needs_registration_number(code));
    CHECK(pattern_matches(codes.at("pattern"), lower) == needs_registration_number(code));
    needing += needs_registration_number(code) ? 1 : 0;
  }
  CHECK(needing == 24);
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
  // The language of some supported culture, in any case.
  const auto& languages = def_of(schema, language.at("allOf").at(0));
  for (const std::string code : {"en", "EN", "eN", "pt", "Zh", "xx", "e", "eng", "en-US"}) {
    INFO(code);
    CHECK(pattern_matches(languages.at("pattern"), code) == is_supported_language(code));
  }
}

TEST_CASE("create request schema: the culture is one of its market's, in any case", "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& culture = property(schema, "CustomerBillingProfile", "culture");
  const auto& any = def_of(schema, culture.at("allOf").at(0));
  for (const std::string code : {"en-US", "EN-us", "az-latn-az", "xx-XX", "en", "en-US "}) {
    INFO(code);
    CHECK(pattern_matches(any.at("pattern"), code) == is_supported_culture(code));
  }

  // One if/then per market on the billing country (besides the registration number's), each
  // with the market's cultures, or those of the country's validation rules where they list some.
  const auto& conditions = schema.at("allOf").as_array();
  CHECK(conditions.size() == 1 + model::detail::supported_markets.size());
  const auto builtin = country_rule_set::builtin();
  std::size_t checked = 0;
  for (const auto& m : model::detail::supported_markets) {
    INFO(m.alpha2);
    const std::string code(m.alpha2);
    const std::string wanted{'^', '[', code[0], text::ascii_lower(code[0]),
                             ']', '[', code[1], text::ascii_lower(code[1]),
                             ']', '$'};
    const boost::json::value* found = nullptr;
    for (const auto& condition : conditions) {
      const auto* pattern = billing_country_of(condition).as_object().if_contains("pattern");
      if (pattern != nullptr && pattern->is_string() && pattern->get_string() == wanted)
        found = &condition;
    }
    REQUIRE(found != nullptr);
    const auto& cultures = def_of(
        schema,
        found->at("then").at("properties").at("billingProfile").at("properties").at("culture"));
    const country_rules* rules = builtin->find(code);
    for (const std::string_view c : model::detail::supported_cultures) {
      std::string upper(c);
      for (char& ch : upper) {
        if (ch >= 'a' && ch <= 'z')
          ch = static_cast<char>(ch - 'a' + 'A');
      }
      const bool listed = rules != nullptr && rules->cultures() != nullptr
                              ? rules->lists_culture(c)
                              : is_supported_culture(code, c);
      CHECK(pattern_matches(cultures.at("pattern"), upper) == listed);
    }
    ++checked;
  }
  CHECK(checked == 248);
  // Markets that share a list share its $defs entry.
  std::size_t lists = 0;
  for (const auto& def : schema.at("$defs").as_object())
    lists += def.key().starts_with("cultures.") ? 1 : 0;
  CHECK(lists < 140);
  CHECK(schema.at("$defs").as_object().contains("cultures.fr-FR.en-US"));
}

TEST_CASE("create request schema: forbidden password", "[schema]") {
  const auto schema = create_request_schema_json();
  CHECK(property(schema, "UserCredentials", "password").at("type") == "null");
}

TEST_CASE("create request schema: the company name has a length and a letter or digit",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& company = property(schema, "CustomerBillingProfile", "companyName");
  CHECK(company.at("minLength") == 2);
  // Letters and numbers by Unicode general category (L*, N*): ECMA-262 property escapes, which
  // PCRE2 reads the same way (std::regex does not know them).
  CHECK(company.at("pattern") == "[\\p{L}\\p{N}]");
  const auto letter_or_digit = country_pattern::compile(company.at("pattern").as_string());
  REQUIRE(letter_or_digit);
  for (const std::string name : {"Contoso", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "\u6771\u4eac",
                                 "\u0663\u0663", "--", "C", "\u00d7\u00f7", "- 1", "\u00aa."}) {
    INFO(name);
    const bool schema_says =
        text::utf16_length(name) >= 2 && letter_or_digit->test(name) == pattern_match::matched;
    CHECK(schema_says == formats::is_company_name(name));
  }
  const std::string description(company.at("description").as_string());
  CHECK(description.find("cannot") == std::string::npos);
}

TEST_CASE("create request schema: built-in country rules become if/then on the address",
          "[schema]") {
  const auto schema = create_request_schema_json();
  const auto& conditions =
      property(schema, "CustomerBillingProfile", "defaultAddress").at("allOf").as_array();
  REQUIRE(conditions.size() == 2);  // PT, US
  const auto& us = conditions.at(1).as_object();
  // The country in any case, as the rules are found.
  CHECK(text_of(us.at("if").at("properties").at("country")) ==
        R"({"type":"string","pattern":"^[Uu][Ss]$"})");
  CHECK(text_of(us.at("then").at("required")) == R"(["state","city","postalCode"])");
  const auto& postal = us.at("then").at("properties").at("postalCode");
  CHECK(pattern_matches(postal.at("pattern"), "98052"));
  CHECK(pattern_matches(postal.at("pattern"), "98052-6399"));
  CHECK_FALSE(pattern_matches(postal.at("pattern"), "9805"));
  const auto& state = us.at("then").at("properties").at("state");
  const auto& states = def_of(schema, state.at("allOf").at(0));
  const country_rules* rules = country_rule_set::builtin()->find("US");
  for (const std::string code : {"WA", "wa", "Wa", "DC", "XX", "W", "WAS", "PR"}) {
    INFO(code);
    CHECK(pattern_matches(states.at("pattern"), code) == rules->lists_state(code));
  }
  // The company's own address follows its own country the same way.
  CHECK(property(schema, "CustomerCompanyProfile", "address").at("allOf") == conditions);

  // Culture and language lists of those countries, on the billing country.
  const auto& all = schema.at("allOf").as_array();
  const auto at_us = std::find_if(all.begin(), all.end(), [](const boost::json::value& c) {
    return billing_country_of(c).at("pattern") == "^[Uu][Ss]$";
  });
  REQUIRE(at_us != all.end());
  CHECK(text_of(at_us->at("then").at("properties").at("billingProfile").at("properties")) ==
        R"({"culture":{"$ref":"#/$defs/cultures.en-US.es-US"},)"
        R"("language":{"$ref":"#/$defs/languages.en.es"}})");
  CHECK(pattern_matches(schema.at("$defs").at("languages.en.es").at("pattern"), "ES"));
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
  const auto& needing = billing_country_of(schema.at("allOf").at(0)).at("pattern");
  CHECK(pattern_matches(needing, "gb"));
  CHECK(pattern_matches(needing, "RU"));
  CHECK_FALSE(pattern_matches(needing, "FR"));
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
  // relationshipToPartner's enumerators, in any case as the decoder matches them.
  const auto& relationship = schema.at("$defs").at("CustomerPartnerRelationship");
  CHECK(pattern_matches(relationship.at("pattern"), "Reseller"));
  CHECK(pattern_matches(relationship.at("pattern"), "MICROSOFT_SUPPORT"));
  CHECK_FALSE(pattern_matches(relationship.at("pattern"), "resellers"));
  CHECK(boost::json::parse(text) == schema);
}

}  // namespace model_create_request_schema_test

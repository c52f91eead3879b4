#include <partner_center/core/decode.hpp>

#include "support/documents.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace core_decode_test {

namespace {

using namespace partner_center;
using partner_center::model::Customer;

std::string lines(const report& r) {
  std::string out;
  for (const violation& v : r) {
    out += v.path + ' ' + std::string(to_string(v.code)) + ' ' +
           std::string(to_string(v.severity)) + ": " + v.message + '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("the documented 201 response decodes completely", "[decode]") {
  const auto r = decode<Customer>(test::read_test_data("documented-response.json"));
  REQUIRE(r.complete);
  CHECK(r.violations.empty());
  const Customer& c = r.value;
  CHECK(c.id == "626099fe-17af-4756-9fd0-6a73b7127859");
  CHECK(c.relationshipToPartner == model::CustomerPartnerRelationship::reseller);
  CHECK(c.allowDelegatedAccess == true);
  REQUIRE(c.userCredentials);
  CHECK(c.userCredentials->userName == "admin");
  CHECK(c.userCredentials->password == "0Krha*Io");
  REQUIRE(c.companyProfile->links);
  CHECK(c.companyProfile->links->self->uri ==
        "/customers/626099fe-17af-4756-9fd0-6a73b7127859/profiles/company");
  CHECK(c.companyProfile->links->self->headers->empty());
  CHECK(c.billingProfile->attributes->etag == "-8799889149591823008");
  CHECK(c.billingProfile->defaultAddress->phoneNumber == "4255550101");
  CHECK(c.attributes->objectType == "Customer");
}

TEST_CASE("decode, encode, decode again gives the same value", "[decode]") {
  for (const char* name : {"documented-request.json", "documented-response.json"}) {
    CAPTURE(name);
    const auto first = decode<Customer>(test::read_test_data(name));
    REQUIRE(first.complete);
    const std::string once = encode(first.value);
    const auto second = decode<Customer>(once);
    REQUIRE(second.complete);
    CHECK(second.violations.empty());
    CHECK(encode(second.value) == once);
  }
}

TEST_CASE("a wrong JSON type is a type error at that member, and decoding goes on", "[decode]") {
  const auto r = decode<Customer>(
      R"({"companyProfile":"x","billingProfile":{"email":42,"defaultAddress":[]},
          "allowDelegatedAccess":"yes","customDomains":["a.com",7,null],"id":"kept"})");
  CHECK(r.complete);
  CHECK(lines(r.violations) ==
        "/companyProfile type error: companyProfile must be an object, not a string\n"
        "/billingProfile/email type error: email must be a string, not a number\n"
        "/billingProfile/defaultAddress type error: defaultAddress must be an object, not an "
        "array\n"
        "/allowDelegatedAccess type error: allowDelegatedAccess must be true or false, not a "
        "string\n"
        "/customDomains/1 type error: each element of customDomains must be a string, not a "
        "number\n"
        "/customDomains/2 type error: each element of customDomains must be a string, not null\n");
  CHECK_FALSE(r.value.companyProfile.has_value());  // a wrongly typed member is not half-made
  CHECK(r.value.id == "kept");
  REQUIRE(r.value.customDomains);
  CHECK(r.value.customDomains->size() == 1);
}

TEST_CASE("null leaves an optional member empty", "[decode]") {
  const auto r = decode<Customer>(R"({"id":null,"companyProfile":null,"tags":null})");
  CHECK(r.valid());
  CHECK_FALSE(r.value.id);
  CHECK_FALSE(r.value.companyProfile);
}

TEST_CASE("duplicate keys, including case variants, are errors", "[decode]") {
  const auto r = decode<Customer>(
      R"({"id":"a","ID":"b","companyProfile":{"domain":"x","Domain":"y"},"x":1,"X":2})");
  CHECK(lines(r.violations) ==
        "/id duplicate_key error: member id appears more than once (keys match whatever their "
        "case); the first one is kept\n"
        "/companyProfile/domain duplicate_key error: member domain appears more than once (keys "
        "match whatever their case); the first one is kept\n"
        "/x unknown_field warning: unknown member \"x\" is ignored\n"
        "/X duplicate_key error: member \"X\" appears more than once (keys match whatever their "
        "case)\n");
  CHECK(r.value.id == "a");
  CHECK(r.value.companyProfile->domain == "x");
}

TEST_CASE("unknown members are skipped whatever their value", "[decode]") {
  const auto r =
      decode<Customer>(R"({"extra":{"deep":[1,{"a":[true,null,"s"]}]},"id":"after","more":"s"})");
  CHECK(r.complete);
  CHECK(r.violations.size() == 2);
  CHECK(r.violations[0].path == "/extra");
  CHECK(r.violations[1].path == "/more");
  CHECK(r.value.id == "after");

  decode_options strict;
  strict.strict = true;
  const auto s = decode<Customer>(R"({"a~b/c":1})", strict);
  CHECK(lines(s.violations) ==
        "/a~0b~1c unknown_field error: unknown member \"a~b/c\" is not allowed (strict mode)\n");
}

TEST_CASE("malformed JSON is a syntax error with line and column", "[decode]") {
  const auto r = decode<Customer>("{\n  \"id\": \"a\",\n  \"commerceId\" \"b\"\n}");
  CHECK_FALSE(r.complete);
  CHECK(lines(r.violations) == " syntax error: line 3, column 16: not valid JSON\n");
  CHECK(lines(decode<Customer>("{\"id\":\"a\"").violations) ==
        " syntax error: line 1, column 10: the document ends too early\n");
  CHECK(lines(decode<Customer>("{} {}").violations) ==
        " syntax error: line 1, column 4: unexpected text after the document\n");
  CHECK(lines(decode<Customer>("").violations) ==
        " syntax error: line 1, column 1: the document ends too early\n");
}

TEST_CASE("invalid UTF-8 is an error naming where", "[decode]") {
  for (const std::string& bad : {std::string("{\"id\":\"a\xC0\xAF\"}"),      // overlong '/'
                                 std::string("{\"id\":\"\xED\xA0\x80\"}"),   // lone surrogate
                                 std::string("{\"id\":\"ab\xE2\x82\"}")}) {  // truncated
    const auto r = decode<Customer>(bad);
    CHECK_FALSE(r.complete);
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0].code == violation_code::syntax);
    CHECK(r.violations[0].message.find("invalid UTF-8") != std::string::npos);
  }
  const auto escaped = decode<Customer>(R"({"id":"\ud800"})");
  CHECK(escaped.violations[0].code == violation_code::syntax);
}

TEST_CASE("depth and size limits are `limit` errors", "[decode]") {
  std::string deep = R"({"extra":)";
  for (int i = 0; i < 100; ++i)
    deep += '[';
  for (int i = 0; i < 100; ++i)
    deep += ']';
  deep += '}';
  const auto r = decode<Customer>(deep);
  CHECK_FALSE(r.complete);
  REQUIRE(r.violations.size() >= 1);
  CHECK(r.violations.items().back().code == violation_code::limit);
  CHECK(r.violations.items().back().message == "line 1, column 41: nesting deeper than 32 levels");

  decode_options small;
  small.max_document_size = 10;
  const auto big = decode<Customer>(R"({"id":"0123456789"})", small);
  CHECK(lines(big.violations) ==
        " limit error: the document has 19 bytes; at most 10 are accepted\n");
}

TEST_CASE("a UTF-8 byte order mark is accepted", "[decode]") {
  const auto r = decode<Customer>("\xEF\xBB\xBF{\"id\":\"x\"}");
  CHECK(r.valid());
  CHECK(r.value.id == "x");
}

TEST_CASE("enumerations match case-insensitively and refuse unknown values", "[decode]") {
  CHECK(decode<Customer>(R"({"relationshipToPartner":"Microsoft_Support"})")
            .value.relationshipToPartner == model::CustomerPartnerRelationship::microsoft_support);
  const auto r = decode<Customer>(R"({"relationshipToPartner":"partner"})");
  CHECK(lines(r.violations) ==
        "/relationshipToPartner not_supported error: relationshipToPartner \"partner\" is not "
        "one of unknown reseller advisor syndication microsoft_support none\n");
}

TEST_CASE("the root must be an object", "[decode]") {
  CHECK(lines(decode<Customer>("[1]").violations) ==
        " type error: document must be an object, not an array\n");
  CHECK(lines(decode<Customer>("\"s\"").violations) ==
        " type error: document must be an object, not a string\n");
}

TEST_CASE("escapes and long strings decode exactly", "[decode]") {
  const std::string long_text(100000, 'x');
  const auto r =
      decode<Customer>("{\"id\":\"" + long_text + "\",\"commerceId\":\"a\\\"b\\u00e9\\n\"}");
  CHECK(r.valid());
  CHECK(r.value.id == long_text);
  CHECK(r.value.commerceId == "a\"b\xC3\xA9\n");
}

}  // namespace core_decode_test

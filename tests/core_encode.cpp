#include <partner_center/core/encode.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/model/customer.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace core_encode_test {

using namespace partner_center;
using partner_center::model::Customer;

TEST_CASE("absent members are omitted, present ones in declaration order", "[encode]") {
  Customer c;
  CHECK(encode(c) == "{}");
  c.associatedPartnerId = "p";
  c.id = "i";
  c.allowDelegatedAccess = false;
  c.customDomains.emplace();
  c.customDomains->emplace_back("a.com");
  c.customDomains->emplace_back("b.com");
  c.relationshipToPartner = model::CustomerPartnerRelationship::microsoft_support;
  CHECK(encode(c) ==
        R"({"id":"i","relationshipToPartner":"microsoft_support","allowDelegatedAccess":false,)"
        R"("customDomains":["a.com","b.com"],"associatedPartnerId":"p"})");
}

TEST_CASE("strings are escaped per RFC 8259", "[encode]") {
  Customer c;
  c.id = std::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f\xC3\xA9\0", 17);
  CHECK(encode(c) == "{\"id\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xC3\xA9\\u0000\"}");
}

TEST_CASE("encode_to appends to a caller's buffer", "[encode]") {
  std::string buffer = "x";
  Customer c;
  c.id = "1";
  encode_to(buffer, c);
  CHECK(buffer == "x{\"id\":\"1\"}");
}

TEST_CASE("long strings escape exactly where the word-at-a-time scan hands over", "[encode]") {
  for (std::size_t length = 0; length < 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char special : {'"', '\\', '\n', '\x01'}) {
        std::string text(length, 'x');
        text[at] = special;
        Customer c;
        c.id = text;
        const auto back = decode<Customer>(encode(c));
        CAPTURE(length, at, int(special));
        REQUIRE(back.valid());
        CHECK(back.value.id == text);
      }
    }
  }
}

}  // namespace core_encode_test

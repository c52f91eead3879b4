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

TEST_CASE("json_string_size is what write_json_string writes, byte for byte", "[encode]") {
  // Every length around the word size, every place, every kind of byte that escapes and the
  // bytes next to them (0x20 after a control is where a word's borrow may flag a clean byte).
  for (std::size_t length = 0; length < 24; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char special : {'"', '\\', '\n', '\x01', '\x1f', ' ', '\x7f', '\xC3'}) {
        std::string text(length, 'x');
        text[at] = special;
        if (at + 1 < length)
          text[at + 1] = ' ';
        std::string written(partner_center::json_string_size(text), '?');
        const char* end = partner_center::write_json_string(written.data(), text);
        CAPTURE(length, at, int(special));
        CHECK(end == written.data() + written.size());
        std::string appended = "<";
        partner_center::append_json_string(appended, text);
        CHECK(appended == "<" + written);
      }
    }
  }
  CHECK(partner_center::json_string_size("") == 2);
  CHECK(partner_center::json_string_size(std::string_view()) == 2);
  std::string empty(2, '?');
  CHECK(partner_center::write_json_string(empty.data(), std::string_view()) == empty.data() + 2);
  CHECK(empty == "\"\"");
}

}  // namespace core_encode_test

#include <partner_center/model/customer.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_customer_test {

using namespace partner_center;
using namespace partner_center::model;

TEST_CASE("relationshipToPartner uses the wire spellings", "[customer]") {
  Customer c;
  for (const auto& [value, text] :
       {std::pair{CustomerPartnerRelationship::unknown, "unknown"},
        std::pair{CustomerPartnerRelationship::microsoft_support, "microsoft_support"},
        std::pair{CustomerPartnerRelationship::none, "none"}}) {
    c.relationshipToPartner = value;
    CHECK(encode(c) == std::string("{\"relationshipToPartner\":\"") + text + "\"}");
  }
}

TEST_CASE("the newer members enableGDAPByDefault and tags round-trip", "[customer]") {
  const auto r = decode<Customer>(R"({"enableGDAPByDefault":false,"tags":["a","b"]})");
  CHECK(r.valid());
  CHECK(r.value.enableGDAPByDefault == false);
  CHECK(encode(r.value) == R"({"enableGDAPByDefault":false,"tags":["a","b"]})");
}

}  // namespace model_customer_test

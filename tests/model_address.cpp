#include <partner_center/model/address.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_address_test {

using namespace partner_center;
using partner_center::model::Address;

TEST_CASE("Address has every member of the server's contract", "[address]") {
  const auto r = decode<Address>(
      R"({"country":"US","region":"r","city":"c","state":"WA","district":"d",)"
      R"("addressLine1":"1","addressLine2":"2","addressLine3":"3","postalCode":"98052",)"
      R"("firstName":"f","middleName":"m","lastName":"l","phoneNumber":"p","emailAddress":"e"})");
  CHECK(r.valid());
  CHECK(r.violations.empty());
  CHECK(r.value.addressLine3 == "3");
  CHECK(r.value.emailAddress == "e");
  CHECK(encode(r.value) ==
        R"({"country":"US","region":"r","city":"c","state":"WA","district":"d",)"
        R"("addressLine1":"1","addressLine2":"2","addressLine3":"3","postalCode":"98052",)"
        R"("firstName":"f","middleName":"m","lastName":"l","phoneNumber":"p","emailAddress":"e"})");
}

TEST_CASE("Address's table limits the documented lengths", "[address]") {
  constexpr auto table = rules_table<Address>();
  STATIC_REQUIRE(std::tuple_size_v<decltype(table)> == 8);
  STATIC_REQUIRE(std::get<1>(std::get<1>(table).rules).value == 200);  // addressLine1
  STATIC_REQUIRE(std::get<0>(std::get<3>(table).rules).value == 2);    // state
}

}  // namespace model_address_test

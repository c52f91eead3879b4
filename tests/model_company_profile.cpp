#include <partner_center/model/company_profile.hpp>

#include <partner_center/core/decode.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_company_profile_test {

using namespace partner_center;
using partner_center::model::CustomerCompanyProfile;

TEST_CASE("CustomerCompanyProfile decodes a get-customer answer", "[company_profile]") {
  const auto r = decode<CustomerCompanyProfile>(
      R"({"tenantId":"t","domain":"a.onmicrosoft.com","companyName":"A",)"
      R"("address":{"country":"US"},"email":"a@b.com","organizationRegistrationNumber":null})");
  CHECK(r.valid());
  CHECK(r.value.address->country == "US");
  CHECK_FALSE(r.value.organizationRegistrationNumber);
}

TEST_CASE("the domain rule is required then initial_domain", "[company_profile]") {
  constexpr auto table = rules_table<CustomerCompanyProfile>();
  STATIC_REQUIRE(std::get<0>(table).member == &CustomerCompanyProfile::domain);
  STATIC_REQUIRE(std::tuple_size_v<decltype(std::get<0>(table).rules)> == 2);
}

}  // namespace model_company_profile_test

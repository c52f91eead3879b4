#include <partner_center/model/billing_profile.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/model/create_request.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_billing_profile_test {

using namespace partner_center;
using namespace partner_center::model;

TEST_CASE("a billing profile alone is checked against the address country", "[billing_profile]") {
  const auto r = decode<CustomerBillingProfile>(
      R"({"email":"a@b.com","culture":"pt-PT","language":"pt","companyName":"Contoso",)"
      R"("defaultAddress":{"country":"PT","addressLine1":"Rua 1","city":"Lisboa",)"
      R"("postalCode":"1000-001"}})");
  REQUIRE(r.valid());
  report out;
  CHECK(validate(r.value, make_environment(create_request_options{}, "PT"), out));
  report us;
  CHECK_FALSE(validate(r.value, make_environment(create_request_options{}, "US"), us));
  REQUIRE(us.size() >= 1);
  CHECK(us[0].path == "/culture");
  CHECK(us[0].message == "culture \"pt-PT\" is not supported for \"US\"; use one of en-US es-US");
}

}  // namespace model_billing_profile_test

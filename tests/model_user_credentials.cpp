#include <partner_center/model/user_credentials.hpp>

#include <partner_center/core/validate.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_user_credentials_test {

using namespace partner_center;
using partner_center::model::UserCredentials;

TEST_CASE("a password is forbidden in a request and never echoed", "[user_credentials]") {
  UserCredentials credentials{"admin", "Sentinel-Password-1"};
  const report r = validate(credentials);
  REQUIRE(r.size() == 1);
  CHECK(r[0].path == "/password");
  CHECK(r[0].code == violation_code::forbidden);
  CHECK(r[0].message.find("Sentinel-Password-1") == std::string::npos);
  CHECK(validate(UserCredentials{"admin", std::nullopt}).empty());
}

}  // namespace model_user_credentials_test

// The umbrella header compiles on its own and brings every topic of the auth layer.
#include <partner_center/auth.hpp>

#include <catch2/catch_test_macros.hpp>

#include <memory>
#include <type_traits>

namespace auth_umbrella_test {

using namespace partner_center;

TEST_CASE("auth.hpp brings the whole auth layer", "[auth]") {
  STATIC_REQUIRE(std::is_class_v<auth::token_provider>);
  STATIC_REQUIRE(std::is_class_v<auth::client_certificate>);
  STATIC_REQUIRE(std::is_class_v<auth::file_refresh_token_store>);
  STATIC_REQUIRE(std::is_class_v<auth::access_token_claims>);
  STATIC_REQUIRE(
      std::is_same_v<decltype(auth::rest_token_source(std::shared_ptr<auth::token_provider>())),
                     rest::token_provider>);
  CHECK(auth::find_cloud("public") == &auth::clouds[0]);
}

}  // namespace auth_umbrella_test

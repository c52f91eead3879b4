#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_request_options.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_create_environment_test {

using namespace partner_center::model;

TEST_CASE("the default options create an indirect reseller's customer on onmicrosoft.com",
          "[create_environment]") {
  const create_request_options options;
  CHECK(options.creation == customer_creation::indirect_reseller);
  REQUIRE(options.domain_suffixes.size() == 1);
  CHECK(options.domain_suffixes[0] == ".onmicrosoft.com");
  CHECK(options.countries == nullptr);  // the built-in rules
  CHECK_FALSE(options.decoding.strict);
}

}  // namespace model_create_environment_test

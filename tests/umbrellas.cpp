// The layer umbrella headers compile on their own and bring their layers: partner_center.hpp
// the offline library (core, model, JSON Schema), rest.hpp the REST layer over it.
#include <partner_center/partner_center.hpp>
#include <partner_center/rest.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <type_traits>

namespace umbrellas_test {

using namespace partner_center;

TEST_CASE("partner_center.hpp brings core, model and the JSON Schema", "[umbrella]") {
  STATIC_REQUIRE(std::is_class_v<model::create_request_options>);
  STATIC_REQUIRE(std::is_class_v<model::country_rule_set>);
  CHECK(model::create_request_schema().find("\"associatedPartnerId\"") != std::string::npos);
  CHECK(model::validate_create_request_json("{}").violations.size() > 0);
}

TEST_CASE("rest.hpp brings the REST layer", "[umbrella]") {
  STATIC_REQUIRE(std::is_class_v<rest::create_options>);
  STATIC_REQUIRE(std::is_class_v<rest::batch_options>);
  STATIC_REQUIRE(std::is_class_v<rest::service_error>);
  CHECK(rest::base_url::parse(rest::public_cloud_base_url).has_value());
}

}  // namespace umbrellas_test

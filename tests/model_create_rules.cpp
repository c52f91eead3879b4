#include <partner_center/model/create_rules.hpp>

#include <partner_center/core/validate.hpp>
#include <partner_center/model/create_request.hpp>

#include <boost/describe/class.hpp>
#include <catch2/catch_test_macros.hpp>

#include <optional>
#include <string>

namespace model_create_rules_test {

// The Partner Center rules on a struct of their own, to test each one apart from the model.
namespace probe {

struct Form {
  std::optional<std::string> country;
  std::optional<std::string> registration;
  std::optional<std::string> phone;
  std::optional<std::string> language;
};
BOOST_DESCRIBE_STRUCT(Form, (), (country, registration, phone, language))

constexpr auto partner_center_rules(partner_center::type<Form>) {
  using namespace partner_center::rules;
  using namespace partner_center::model::rules;
  return table(field<&Form::country>(supported_country{}),
               field<&Form::registration>(registration_number_by_country{}),
               field<&Form::phone>(phone_number_by_country{}),
               field<&Form::language>(supported_language{}));
}

}  // namespace probe

using namespace partner_center;
using namespace partner_center::model;

TEST_CASE("country rules follow the environment's country", "[create_rules]") {
  probe::Form form{"HU", std::nullopt, std::nullopt, "hu"};
  report out;
  validate(form, make_environment(create_request_options{}, "HU"), out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].message == "registration is required for a company in \"HU\"");
  CHECK(out[1].message == "phone is required for a company in \"HU\"");
}

TEST_CASE("an ISO country that is no market is named", "[create_rules]") {
  probe::Form form{"KP", std::nullopt, std::nullopt, std::nullopt};
  report out;
  validate(form, make_environment(create_request_options{}, "KP"), out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].code == violation_code::not_supported);
  CHECK(out[0].message.starts_with("country \"KP\" ("));
  CHECK(out[0].message.ends_with(") is not a market Partner Center supports"));
}

}  // namespace model_create_rules_test

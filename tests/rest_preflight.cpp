// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/preflight.hpp>

#include <partner_center/model/country_rule_set.hpp>

#include "support/documents.hpp"
#include "support/scripted_transport.hpp"

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <vector>

namespace rest_preflight_test {

using namespace partner_center;
using namespace partner_center::rest;

namespace {

client_options options() {
  client_options o;
  o.context.token = static_token("t");
  o.sleep = [](std::chrono::milliseconds) {
  };
  return o;
}

constexpr const char* active_reseller =
    R"({"totalCount":1,"items":[{"id":"484e548c-f5f3-4528-93a9-c16c6373cb59","state":"Active"}]})";

std::vector<std::string> calls(const test::scripted_transport& t) {
  std::vector<std::string> out;
  for (const auto& r : t.requests())
    out.push_back(std::string(to_string(r.method)) + " " + std::string(r.url.encoded_path()));
  return out;
}

}  // namespace

TEST_CASE("preflight: validation, domain, reseller, then create", "[rest]") {
  test::scripted_transport transport;
  transport.then(404)
      .then(200, active_reseller)
      .then(201, test::read_test_data("documented-response.json"));
  client c{transport, options()};
  const auto created = create_customer_with_preflight(c, test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(created->id == "626099fe-17af-4756-9fd0-6a73b7127859");
  CHECK(calls(transport) ==
        std::vector<std::string>{"HEAD /v1/domains/WingtipToys678152504.onmicrosoft.com",
                                 "GET /v1/relationships", "POST /v1/customers"});
}

TEST_CASE("preflight: an invalid customer stops at validation, nothing sent", "[rest]") {
  test::scripted_transport transport;
  client c{transport, options()};
  model::Customer customer = test::documented_customer();
  customer.billingProfile->culture = "xx-XX";
  const auto r = create_customer_with_preflight(c, customer);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().step == preflight_step::validation);
  CHECK(r.error().cause.violations.contains("/billingProfile/culture",
                                            violation_code::not_supported));
  CHECK(transport.requests().empty());
}

TEST_CASE("preflight: a taken domain stops before the create", "[rest]") {
  test::scripted_transport transport;
  transport.then(200);
  client c{transport, options()};
  const auto r = create_customer_with_preflight(c, test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().step == preflight_step::domain_availability);
  CHECK(r.error().cause.kind == failure_kind::precondition);
  CHECK(r.error().summary() ==
        "stopped at domain_availability: precondition: the domain "
        "WingtipToys678152504.onmicrosoft.com is already taken");
  CHECK(transport.requests().size() == 1);
}

TEST_CASE("preflight: an unknown or inactive reseller stops before the create", "[rest]") {
  {
    test::scripted_transport transport;
    transport.then(404).then(200, R"({"totalCount":0,"items":[]})");
    client c{transport, options()};
    const auto r = create_customer_with_preflight(c, test::documented_customer());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().step == preflight_step::reseller_relationship);
    CHECK(r.error().cause.message ==
          "associatedPartnerId 484e548c-f5f3-4528-93a9-c16c6373cb59 is not an indirect reseller "
          "of the signed-in provider");
  }
  {
    test::scripted_transport transport;
    transport.then(404).then(
        200, R"({"items":[{"id":"484e548c-f5f3-4528-93a9-c16c6373cb59","state":"Suspended"}]})");
    client c{transport, options()};
    const auto r = create_customer_with_preflight(c, test::documented_customer());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().step == preflight_step::reseller_relationship);
    CHECK(r.error().cause.message ==
          "the indirect reseller 484e548c-f5f3-4528-93a9-c16c6373cb59 is not active (state "
          "\"Suspended\")");
    CHECK(transport.requests().size() == 2);
  }
}

TEST_CASE("preflight: a failing call names its step", "[rest]") {
  test::scripted_transport transport;
  transport.then(404).then(401);
  client c{transport, options()};
  const auto r = create_customer_with_preflight(c, test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().step == preflight_step::reseller_relationship);
  CHECK(r.error().cause.is_authentication());

  test::scripted_transport refusing;
  refusing.then(404).then(200, active_reseller).then(400, R"({"code":800016,"description":"x"})");
  client c2{refusing, options()};
  const auto refused = create_customer_with_preflight(c2, test::documented_customer());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().step == preflight_step::create);
  CHECK(refused.error().cause.service->has_code(error_codes::partner_id_not_indirect_reseller));
}

TEST_CASE("preflight: a direct create skips the reseller check", "[rest]") {
  test::scripted_transport transport;
  transport.then(404).then(201, R"({"id":"x"})");
  client c{transport, options()};
  model::Customer customer = test::documented_customer();
  customer.associatedPartnerId.reset();
  create_options direct;
  direct.request.creation = model::customer_creation::direct;
  REQUIRE(create_customer_with_preflight(c, customer, direct).has_value());
  CHECK(calls(transport) ==
        std::vector<std::string>{"HEAD /v1/domains/WingtipToys678152504.onmicrosoft.com",
                                 "POST /v1/customers"});
}

TEST_CASE("preflight: steps print their names", "[rest]") {
  CHECK(to_string(preflight_step::validation) == "validation");
  CHECK(to_string(preflight_step::create) == "create");
}

TEST_CASE("preflight: the caller's country rules decide, and nothing is sent", "[rest]") {
  // US rules that want a nine-digit postal code: the documented 98052 passes the built-in rules
  // and fails these.
  model::country_rule_set_builder builder;
  REQUIRE(builder.add_json(R"({"iso2Code":"US","postalCodeRegex":"^\\d{9}$"})", "strict-us.json"));
  const auto rules = builder.build();
  create_options strict;
  strict.request.countries = rules;
  const model::Customer customer = test::documented_customer();
  REQUIRE(create_request_body(customer, {}).has_value());  // valid under the built-in rules

  test::scripted_transport transport;
  transport.then(404).then(200, active_reseller).then(201, R"({"id":"x"})");
  client c{transport, options()};
  const auto r = create_customer_with_preflight(c, customer, strict);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().step == preflight_step::validation);
  CHECK(r.error().cause.kind == failure_kind::invalid_request);
  CHECK(r.error().cause.violations.contains("/billingProfile/defaultAddress/postalCode",
                                            violation_code::format));
  CHECK(transport.requests().empty());

  // The client's own create checks the same rules with the same function.
  const auto direct = c.create_customer(customer, strict);
  REQUIRE_FALSE(direct.has_value());
  CHECK(direct.error().violations.items() == r.error().cause.violations.items());
  CHECK(direct.error().message == r.error().cause.message);
  CHECK(transport.requests().empty());
}

TEST_CASE("preflight: the create sends the body validation approved", "[rest]") {
  test::scripted_transport transport;
  transport.then(404).then(200, active_reseller).then(201, R"({"id":"x"})");
  client c{transport, options()};
  model::Customer customer = test::documented_customer();
  customer.associatedPartnerId.reset();
  create_options with_reseller;
  with_reseller.reseller_id = test::documented_reseller_id;
  REQUIRE(create_customer_with_preflight(c, customer, with_reseller).has_value());
  REQUIRE(transport.requests().size() == 3);
  const auto body = create_request_body(customer, with_reseller);
  REQUIRE(body.has_value());
  CHECK(transport.requests()[2].body == body->json);
}

}  // namespace rest_preflight_test

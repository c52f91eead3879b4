// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/response.hpp>

#include <partner_center/model/customer.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

using namespace partner_center::rest;
namespace model = partner_center::model;
namespace rd = partner_center::rest::detail;
using partner_center::violation_code;

namespace {

http_response ok(std::string body) {
  http_response r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("success bodies decode tolerantly: unknown members are fine", "[rest]") {
  const auto c = rd::decode_body<model::Customer>(
      ok(R"({"id":"1","somethingNew":{"deep":[1,2,3]},"companyProfile":{"domain":"a.onmicrosoft.com","extra":5}})"),
      "a Customer");
  REQUIRE(c.has_value());
  CHECK(c->id == "1");
  CHECK(c->companyProfile->domain == "a.onmicrosoft.com");
}

TEST_CASE("a byte order mark before a success body is accepted", "[rest]") {
  const auto c = rd::decode_body<model::Customer>(ok("\xEF\xBB\xBF{\"id\":\"1\"}"), "a Customer");
  REQUIRE(c.has_value());
  CHECK(c->id == "1");
}

TEST_CASE("an empty, malformed or wrong-kind success body is an unexpected response", "[rest]") {
  const auto empty = rd::decode_body<model::Customer>(ok(""), "a Customer");
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().kind == failure_kind::unexpected_response);
  CHECK(empty.error().message == "HTTP 200: the body is empty; expected a Customer");

  const auto truncated = rd::decode_body<model::Customer>(ok(R"({"id":"1",)"), "a Customer");
  REQUIRE_FALSE(truncated.has_value());
  CHECK(truncated.error().message == "HTTP 200: the body is not a Customer");
  CHECK(truncated.error().violations.contains("", violation_code::syntax));

  const auto html = rd::decode_body<model::Customer>(ok("<html></html>"), "a Customer");
  CHECK_FALSE(html.has_value());
  const auto array = rd::decode_body<model::Customer>(ok("[]"), "a Customer");
  CHECK_FALSE(array.has_value());
}

TEST_CASE("collections decode their items and their count", "[rest]") {
  const auto json =
      rd::parse_json_body(ok(R"({"totalCount":2,"items":[{"id":"a"},{"id":"b"}]})"), "x");
  REQUIRE(json.has_value());
  const auto& o = json->as_object();
  CHECK(rd::integer_member(o, "totalCount") == 2);
  CHECK(rd::integer_member(o, "TOTALCOUNT") == 2);
  CHECK_FALSE(rd::integer_member(o, "missing"));
  const auto items = rd::decode_items<model::Customer>(o, 200, "a Customer");
  REQUIRE(items.has_value());
  REQUIRE(items->size() == 2);
  CHECK((*items)[1].id == "b");
}

TEST_CASE("a collection whose items are not objects is an unexpected response", "[rest]") {
  const auto json = rd::parse_json_body(ok(R"({"items":"nope"})"), "x");
  REQUIRE(json.has_value());
  CHECK_FALSE(rd::decode_items<model::Customer>(json->as_object(), 200, "a Customer").has_value());
  const auto bad_item = rd::parse_json_body(ok(R"({"items":[7]})"), "x");
  CHECK_FALSE(
      rd::decode_items<model::Customer>(bad_item->as_object(), 200, "a Customer").has_value());
  const auto not_json = rd::parse_json_body(ok("nope"), "a collection");
  REQUIRE_FALSE(not_json.has_value());
  CHECK(not_json.error().kind == failure_kind::unexpected_response);
}

TEST_CASE("refusal turns an error answer into a service failure", "[rest]") {
  http_response r;
  r.status = 409;
  r.body = R"({"code":"1","description":"conflict"})";
  const failure f = refusal(r);
  CHECK(f.kind == failure_kind::service);
  CHECK(f.service->http_status == 409);
  CHECK(f.message == "HTTP 409 Conflict, code 1: conflict");
}

TEST_CASE("an unusable success body never shows the password in the failure", "[rest]") {
  const auto r = rd::parse_json_body(ok(R"({"id":"1","userCredentials":{"password":"0Krha*Io"})"),
                                     "a collection");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("0Krha*Io") == std::string::npos);
}

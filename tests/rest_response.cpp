// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/response.hpp>

#include "support/rest_fixtures.hpp"

#include <partner_center/model/customer.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace rest_response_test {

using namespace partner_center::rest;
namespace model = partner_center::model;
namespace rd = partner_center::rest::detail;
namespace test = partner_center::test;
using partner_center::violation_code;

TEST_CASE("success bodies decode tolerantly: unknown members are fine", "[rest]") {
  const auto c = rd::decode_body<model::Customer>(
      test::http_answer(
          200,
          R"({"id":"1","somethingNew":{"deep":[1,2,3]},"companyProfile":{"domain":"a.onmicrosoft.com","extra":5}})"),
      "a Customer");
  REQUIRE(c.has_value());
  CHECK(c->id == "1");
  CHECK(c->companyProfile->domain == "a.onmicrosoft.com");
}

TEST_CASE("a byte order mark before a success body is accepted", "[rest]") {
  const auto c = rd::decode_body<model::Customer>(
      test::http_answer(200, "\xEF\xBB\xBF{\"id\":\"1\"}"), "a Customer");
  REQUIRE(c.has_value());
  CHECK(c->id == "1");
}

TEST_CASE("an empty, malformed or wrong-kind success body is an unexpected response", "[rest]") {
  const auto empty = rd::decode_body<model::Customer>(test::http_answer(200, ""), "a Customer");
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().kind == failure_kind::unexpected_response);
  CHECK(empty.error().message == "HTTP 200: the body is empty; expected a Customer");

  const auto truncated =
      rd::decode_body<model::Customer>(test::http_answer(200, R"({"id":"1",)"), "a Customer");
  REQUIRE_FALSE(truncated.has_value());
  CHECK(truncated.error().message == "HTTP 200: the body is not a Customer");
  CHECK(truncated.error().violations.contains("", violation_code::syntax));

  const auto html =
      rd::decode_body<model::Customer>(test::http_answer(200, "<html></html>"), "a Customer");
  CHECK_FALSE(html.has_value());
  const auto array = rd::decode_body<model::Customer>(test::http_answer(200, "[]"), "a Customer");
  CHECK_FALSE(array.has_value());
}

TEST_CASE("collections decode their items and their count", "[rest]") {
  const auto page = rd::decode_page<model::Customer>(
      test::http_answer(
          200,
          R"({"TOTALCOUNT":2,"items":[{"id":"a"},{"id":"b"}],"attributes":{"objectType":"x"}})"),
      "x");
  REQUIRE(page.has_value());
  CHECK(page->totalCount == 2);
  REQUIRE(page->items.has_value());
  REQUIRE(page->items->size() == 2);
  CHECK((*page->items)[1].id == "b");
}

TEST_CASE("the continuation token comes from the page or from the next link's header", "[rest]") {
  const auto own = rd::decode_page<model::Customer>(
      test::http_answer(200, R"({"continuationToken":"t1"})"), "x");
  REQUIRE(own.has_value());
  CHECK(rd::continuation_token_of(*own) == "t1");
  const auto linked = rd::decode_page<model::Customer>(
      test::http_answer(
          200, R"({"links":{"next":{"uri":"/v1/customers?size=2","method":"GET","headers":)"
               R"([{"key":"x","value":"y"},{"key":"ms-continuationtoken","value":"t2"}]}}})"),
      "x");
  REQUIRE(linked.has_value());
  CHECK(rd::continuation_token_of(*linked) == "t2");
  // A link of an unexpected shape is tolerated and simply has no token.
  const auto odd = rd::decode_page<model::Customer>(
      test::http_answer(200, R"({"links":{"next":{"headers":"x"}}})"), "x");
  REQUIRE(odd.has_value());
  CHECK(rd::continuation_token_of(*odd).empty());
}

TEST_CASE("a collection whose items are not objects is an unexpected response", "[rest]") {
  const auto not_array =
      rd::decode_page<model::Customer>(test::http_answer(200, R"({"items":"nope"})"), "x");
  REQUIRE_FALSE(not_array.has_value());
  CHECK(not_array.error().kind == failure_kind::unexpected_response);
  CHECK(not_array.error().violations.contains("/items", violation_code::type));
  const auto bad_item =
      rd::decode_page<model::Customer>(test::http_answer(200, R"({"items":[{"id":"a"},7]})"), "x");
  REQUIRE_FALSE(bad_item.has_value());
  CHECK(bad_item.error().violations.contains("/items/1", violation_code::type));
  const auto not_json =
      rd::decode_page<model::Customer>(test::http_answer(200, "nope"), "a collection");
  REQUIRE_FALSE(not_json.has_value());
  CHECK(not_json.error().kind == failure_kind::unexpected_response);
  const auto array = rd::decode_page<model::Customer>(test::http_answer(200, "[]"), "a collection");
  REQUIRE_FALSE(array.has_value());
  // A member of an item in a shape this library does not expect is not the page's fault.
  const auto odd_member =
      rd::decode_page<model::Customer>(test::http_answer(200, R"({"items":[{"id":5}]})"), "x");
  REQUIRE(odd_member.has_value());
}

TEST_CASE("refusal turns an error answer into a service failure", "[rest]") {
  const failure f = refusal(test::http_answer(409, R"({"code":"1","description":"conflict"})"));
  CHECK(f.kind == failure_kind::service);
  CHECK(f.service->http_status == 409);
  CHECK(f.message == "HTTP 409 Conflict, code 1: conflict");
}

TEST_CASE("an unusable success body never shows the password in the failure", "[rest]") {
  const auto r = rd::decode_page<model::Customer>(
      test::http_answer(200, R"({"items":[{"id":"1","userCredentials":{"password":"0Krha*Io"}}]})"
                             "garbage"),
      "a collection");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("0Krha*Io") == std::string::npos);
  for (const auto& v : r.error().violations)
    CHECK(v.message.find("0Krha*Io") == std::string::npos);
}

}  // namespace rest_response_test

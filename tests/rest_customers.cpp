// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/customers.hpp>

#include "support/documents.hpp"
#include "support/rest_fixtures.hpp"
#include "support/sentinels.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <boost/url/parse.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rest_customers_test {

using namespace partner_center;
using namespace partner_center::rest;

namespace {

// Not test::token_context() as it is: the documented request's token and X-Locale, so that its
// headers can be compared with the page's.
request_context documented_context() {
  request_context c = test::token_context("<token>");
  c.locale = "en-US";
  return c;
}

create_options documented_ids() {
  create_options o;
  o.ids = {test::documented_request_id, test::documented_correlation_id};
  return o;
}

}  // namespace

TEST_CASE("the documented example builds the documented request", "[rest]") {
  const model::Customer customer = test::documented_customer();
  const auto request = build_create_customer(documented_context(), customer, documented_ids());
  REQUIRE(request.has_value());
  // POST https://api.partnercenter.microsoft.com/v1/customers HTTP/1.1
  CHECK(request->method == http_method::post);
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/customers");
  const auto& h = request->headers;
  CHECK(h.value_or("Authorization") == "Bearer <token>");
  CHECK(h.value_or("MS-RequestId") == test::documented_request_id);
  CHECK(h.value_or("MS-CorrelationId") == test::documented_correlation_id);
  CHECK(h.value_or("X-Locale") == "en-US");
  CHECK(h.value_or("Content-Type") == "application/json");
  CHECK(h.value_or("Accept") == "application/json");
  CHECK(h.value_or("MS-Contract-Version") == "v1");
  // The body decodes to the same customer.
  const auto sent = decode<model::Customer>(request->body);
  REQUIRE(sent.valid());
  CHECK(encode(sent.value) == encode(customer));
  CHECK(sent.value.associatedPartnerId == test::documented_reseller_id);
  CHECK(sent.value.billingProfile->defaultAddress->city == "Redmond");
}

TEST_CASE("the documented request prints with the token redacted", "[rest]") {
  const auto text = redacted_create_request(test::documented_customer(), documented_ids());
  REQUIRE(text.has_value());
  CHECK(
      text->starts_with("POST https://api.partnercenter.microsoft.com/v1/customers HTTP/1.1\r\n"
                        "Host: api.partnercenter.microsoft.com\r\n"
                        "Authorization: Bearer <redacted>\r\n"));
  CHECK(text->find("MS-RequestId: d628adbe-b7ee-412e-ac55-58f22b4ba2f4\r\n") != std::string::npos);
  CHECK(text->find("placeholder") == std::string::npos);
  CHECK(text->find(R"("associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59")") !=
        std::string::npos);
}

TEST_CASE("redacted_create_request applies the reseller id and the base URL", "[rest]") {
  model::Customer customer = test::documented_customer();
  customer.associatedPartnerId.reset();
  const create_options reseller{.reseller_id = "11111111-2222-4333-8444-555555555555"};
  const auto text = redacted_create_request(customer, reseller, "http://127.0.0.1:8080");
  REQUIRE(text.has_value());
  CHECK(text->starts_with("POST http://127.0.0.1:8080/v1/customers HTTP/1.1\r\n"));
  CHECK(text->find(R"("associatedPartnerId":"11111111-2222-4333-8444-555555555555")") !=
        std::string::npos);
  const auto remote_http =
      redacted_create_request(customer, reseller, "http://partner.example.com");
  REQUIRE_FALSE(remote_http.has_value());
  CHECK(remote_http.error().kind == failure_kind::invalid_request);
  const auto no_reseller = redacted_create_request(customer);
  REQUIRE_FALSE(no_reseller.has_value());
  CHECK(no_reseller.error().violations.contains("/associatedPartnerId", violation_code::required));
}

TEST_CASE("an invalid customer is not built into a request", "[rest]") {
  model::Customer customer = test::documented_customer();
  customer.billingProfile->email = "not an email";
  customer.userCredentials = model::UserCredentials{"admin", "chosen"};
  const auto request = build_create_customer(documented_context(), customer);
  REQUIRE_FALSE(request.has_value());
  const failure& f = request.error();
  CHECK(f.kind == failure_kind::invalid_request);
  CHECK(f.message == "the customer is not a valid create request (2 errors); not sent");
  CHECK(f.violations.contains("/billingProfile/email", violation_code::format));
  CHECK(f.violations.contains("/userCredentials/password", violation_code::forbidden));
  CHECK(f.attempts == 0);
}

TEST_CASE("a direct create needs no associatedPartnerId", "[rest]") {
  model::Customer customer = test::documented_customer();
  customer.associatedPartnerId.reset();
  CHECK_FALSE(build_create_customer(documented_context(), customer).has_value());
  create_options direct;
  direct.request.creation = model::customer_creation::direct;
  const auto request = build_create_customer(documented_context(), customer, direct);
  REQUIRE(request.has_value());
  CHECK(request->body.find("associatedPartnerId") == std::string::npos);
}

TEST_CASE("the reseller id option sets associatedPartnerId", "[rest]") {
  model::Customer customer = test::documented_customer();
  customer.associatedPartnerId.reset();
  create_options options;
  options.reseller_id = "11111111-2222-4333-8444-555555555555";
  const auto request = build_create_customer(documented_context(), customer, options);
  REQUIRE(request.has_value());
  CHECK(decode<model::Customer>(request->body).value.associatedPartnerId == options.reseller_id);
  options.reseller_id = "not-a-guid";
  const auto refused = build_create_customer(documented_context(), customer, options);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().violations.contains("/associatedPartnerId", violation_code::format));
}

TEST_CASE("the documented create answer parses into the new customer", "[rest]") {
  const auto created = parse_create_customer(
      test::http_answer(201, test::read_test_data("documented-response.json")));
  REQUIRE(created.has_value());
  CHECK(created->id == "626099fe-17af-4756-9fd0-6a73b7127859");
  CHECK(created->relationshipToPartner == model::CustomerPartnerRelationship::reseller);
  CHECK(created->userCredentials->userName == "admin");
  CHECK(created->userCredentials->password == "0Krha*Io");
  CHECK(created->billingProfile->attributes->etag == "-8799889149591823008");
  CHECK(redacted_json(*created).find("0Krha*Io") == std::string::npos);
  // The swagger's 200 is a success too (MicrosoftDocs/partner-center-sdk,
  // rest-swagger-specs/CustomerService.json).
  CHECK(parse_create_customer(test::http_answer(200, R"({"id":"x"})")).has_value());
}

TEST_CASE("a refused create is a service failure with the code", "[rest]") {
  const auto refused = parse_create_customer(test::http_answer(
      400,
      R"({"code":600050,"description":"Organization registration ID information is invalid","data":[],"source":"PartnerFD"})"));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == failure_kind::service);
  CHECK(refused.error().service->has_code(error_codes::registration_id_invalid));
  const auto empty = parse_create_customer(test::http_answer(201, ""));
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().kind == failure_kind::unexpected_response);
}

TEST_CASE("get customer takes a GUID and escapes nothing else into the path", "[rest]") {
  const auto request =
      build_get_customer(documented_context(), "626099fe-17af-4756-9fd0-6a73b7127859");
  REQUIRE(request.has_value());
  CHECK(request->method == http_method::get);
  CHECK(
      std::string(request->url.buffer()) ==
      "https://api.partnercenter.microsoft.com/v1/customers/626099fe-17af-4756-9fd0-6a73b7127859");
  CHECK_FALSE(request->headers.contains("Content-Type"));
  for (const char* bad : {"../admin", "626099fe-17af-4756-9fd0-6a73b7127859?x=1", ""}) {
    const auto refused = build_get_customer(documented_context(), bad);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == failure_kind::invalid_request);
  }
  const auto got =
      parse_get_customer(test::http_answer(200, test::read_test_data("documented-response.json")));
  REQUIRE(got.has_value());
  CHECK(got->companyProfile->tenantId == "626099fe-17af-4756-9fd0-6a73b7127859");
  CHECK(parse_get_customer(test::http_answer(404, "")).error().service->http_status == 404);
}

TEST_CASE("listing a reseller's customers sends the documented query", "[rest]") {
  const auto request = build_list_customers(documented_context(),
                                            customers_of_reseller(test::documented_reseller_id));
  REQUIRE(request.has_value());
  // The example of
  // https://learn.microsoft.com/partner-center/developer/get-customers-of-an-indirect-reseller,
  // byte for byte.
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/customers?size=0&filter="
        "%7B%22Field%22%3A%22IndirectReseller%22%2C%22Value%22%3A%22484e548c-f5f3-4528-93a9-"
        "c16c6373cb59%22%2C%22Operator%22%3A%22starts_with%22%7D");
  CHECK_FALSE(request->headers.contains("MS-ContinuationToken"));
}

TEST_CASE("a filter value holding '+', '&', '=' and '%' survives the query", "[rest]") {
  list_customers_query query;
  query.filter = customer_filter{"CompanyName", "A+B & C=D 100%", "starts_with"};
  const auto request = build_list_customers(documented_context(), query).value();
  CHECK(request.url.encoded_query().find('+') == boost::core::string_view::npos);
  const auto reparsed = boost::urls::parse_uri(request.url.buffer()).value();
  CHECK((*reparsed.params().find("filter")).value ==
        R"({"Field":"CompanyName","Value":"A+B & C=D 100%","Operator":"starts_with"})");
}

TEST_CASE("the next page is asked for with seekOperation and MS-ContinuationToken", "[rest]") {
  list_customers_query query = customers_of_reseller(test::documented_reseller_id);
  query.continuation_token = "ab+c/d==";
  const auto request = build_list_customers(documented_context(), query).value();
  CHECK(request.headers.value_or("MS-ContinuationToken") == "ab+c/d==");
  CHECK(std::string(request.url.encoded_query()).ends_with("&seekOperation=Next"));
  query.continuation_token = "a\r\nb";
  CHECK_FALSE(build_list_customers(documented_context(), query).has_value());
  query.continuation_token.clear();
  query.size = -1;
  CHECK_FALSE(build_list_customers(documented_context(), query).has_value());
}

TEST_CASE("a page of customers gives its items, count and continuation token", "[rest]") {
  const auto page = parse_list_customers(test::http_answer(
      200,
      R"({"totalCount":2,"items":[{"id":"a","companyProfile":{"domain":"a.onmicrosoft.com"}},{"id":"b"}],"links":{"next":{"uri":"/customers?size=2&seekOperation=Next","method":"GET","headers":[{"key":"MS-ContinuationToken","value":"tok-2"}]}},"attributes":{"objectType":"Collection"}})"));
  REQUIRE(page.has_value());
  CHECK(page->total_count == 2);
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[0].companyProfile->domain == "a.onmicrosoft.com");
  CHECK(page->continuation_token == "tok-2");
  const auto top_level = parse_list_customers(
      test::http_answer(200, R"({"totalCount":0,"items":[],"continuationToken":"t"})"));
  CHECK(top_level->continuation_token == "t");
  const auto last =
      parse_list_customers(test::http_answer(200, R"({"totalCount":1,"items":[{"id":"a"}]})"));
  CHECK(last->continuation_token.empty());
  CHECK_FALSE(parse_list_customers(test::http_answer(200, "[]")).has_value());
  CHECK(parse_list_customers(test::http_answer(403, "")).error().kind == failure_kind::service);
}

namespace {

// {"items":[ITEM,ITEM,...]} with `count` items.
std::string page_of(std::size_t count, std::string_view item = "{}") {
  std::string body = R"({"items":[)";
  body.reserve(body.size() + count * (item.size() + 1) + 2);
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0)
      body += ',';
    body += item;
  }
  body += "]}";
  return body;
}

}  // namespace

TEST_CASE("a megabyte page of {} items is a limit failure, found quickly", "[rest][limits]") {
  // 1 MiB of "{}," is some 350,000 items: as Customer values, gigabytes.
  const std::size_t count = (std::size_t{1} << 20) / 3;
  const auto start = std::chrono::steady_clock::now();
  const auto page = parse_list_customers(test::http_answer(200, page_of(count)));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(page.has_value());
  CHECK(page.error().kind == failure_kind::unexpected_response);
  CHECK(page.error().message ==
        "HTTP 200: the page holds more than 1000 customers; at most 1000 are read from one page");
  CHECK(page.error().violations.contains("/items", violation_code::limit));
  CHECK(elapsed < std::chrono::seconds(1));
}

TEST_CASE("a page holds at most 1,000 customers", "[rest][limits]") {
  CHECK(max_customers_per_page == 1000);
  const auto over = parse_list_customers(test::http_answer(200, page_of(1001, R"({"id":"x"})")));
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().message ==
        "HTTP 200: the page holds more than 1000 customers; at most 1000 are read from one page");
  CHECK(over.error().violations.contains("/items", violation_code::limit));
  const auto full = parse_list_customers(test::http_answer(200, page_of(1000, R"({"id":"x"})")));
  REQUIRE(full.has_value());
  CHECK(full->items.size() == 1000);
  CHECK(full->items.back().id == "x");
}

TEST_CASE("redacted_json prints a customer with its password redacted", "[rest]") {
  model::Customer c;
  c.id = "626099fe-17af-4756-9fd0-6a73b7127859";
  c.userCredentials = model::UserCredentials{"admin", test::password_sentinel};
  const std::string text = redacted_json(c);
  CHECK(
      text ==
      R"({"id":"626099fe-17af-4756-9fd0-6a73b7127859","userCredentials":{"userName":"admin","password":"<redacted>"}})");
  CHECK(c.userCredentials->password == test::password_sentinel);  // the value itself is untouched
  model::Customer without;
  without.id = "x";
  CHECK(redacted_json(without) == R"({"id":"x"})");
}

}  // namespace rest_customers_test

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/relationships.hpp>

#include "support/rest_fixtures.hpp"

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace rest_relationships_test {

using namespace partner_center::rest;
namespace test = partner_center::test;

namespace {

// The documented answer
// (https://learn.microsoft.com/partner-center/developer/retrieve-a-list-of-indirect-resellers),
// with a second, inactive reseller.
constexpr const char* documented_relationships =
    R"({"totalCount":2,"items":[{"id":"484e548c-f5f3-4528-93a9-c16c6373cb59","name":"First Up Consultants","relationshipType":"is_indirect_cloud_solution_provider_of","state":"Active","mpnId":"4847383","location":"US","attributes":{"objectType":"PartnerRelationship"}},{"id":"11111111-2222-4333-8444-555555555555","name":"Dormant Reseller","relationshipType":"is_indirect_cloud_solution_provider_of","state":"Suspended","mpnId":"1","location":"DE","attributes":{"objectType":"PartnerRelationship"}}],"attributes":{"objectType":"Collection"}})";

}  // namespace

TEST_CASE("the indirect resellers are listed with the PascalCase relationship type", "[rest]") {
  const auto request = build_list_relationships(test::token_context());
  REQUIRE(request.has_value());
  CHECK(request->method == http_method::get);
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/"
        "relationships?relationship_type=IsIndirectCloudSolutionProviderOf");
  CHECK(std::string(
            build_list_relationships(test::token_context(), relationship_type::indirect_reseller_of)
                .value()
                .url.encoded_query()) == "relationship_type=IsIndirectResellerOf");
}

TEST_CASE("the documented relationships answer parses", "[rest]") {
  const auto page = parse_list_relationships(test::http_answer(200, documented_relationships));
  REQUIRE(page.has_value());
  CHECK(page->total_count == 2);
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[0].name == "First Up Consultants");
  CHECK(page->items[0].mpnId == "4847383");
  CHECK(page->items[0].relationshipType == "is_indirect_cloud_solution_provider_of");
  CHECK(parse_list_relationships(test::http_answer(200, R"({"totalCount":0})"))->items.empty());
  CHECK(parse_list_relationships(test::http_answer(401)).error().kind == failure_kind::service);
  CHECK(parse_list_relationships(test::http_answer(200, "oops")).error().kind ==
        failure_kind::unexpected_response);
}

TEST_CASE("find_reseller tells active, inactive and unknown resellers apart", "[rest]") {
  const auto page =
      parse_list_relationships(test::http_answer(200, documented_relationships)).value();
  const auto active = find_reseller(page, "484E548C-F5F3-4528-93A9-C16C6373CB59");
  CHECK(active.status == reseller_status::active);
  CHECK(active.relationship->name == "First Up Consultants");
  CHECK(find_reseller(page, "11111111-2222-4333-8444-555555555555").status ==
        reseller_status::inactive);
  const auto unknown = find_reseller(page, "99999999-2222-4333-8444-555555555555");
  CHECK(unknown.status == reseller_status::not_found);
  CHECK_FALSE(unknown.relationship);
  CHECK(to_string(reseller_status::not_found) == "not_found");
}

}  // namespace rest_relationships_test

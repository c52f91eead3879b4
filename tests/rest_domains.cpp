// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/domains.hpp>

#include "support/rest_fixtures.hpp"

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace rest_domains_test {

using namespace partner_center::rest;
namespace test = partner_center::test;

TEST_CASE("domain availability is a HEAD of /v1/domains/{domain}", "[rest]") {
  const auto request =
      build_domain_availability(test::token_context(), "WingtipToys678152504.onmicrosoft.com");
  REQUIRE(request.has_value());
  CHECK(request->method == http_method::head);
  CHECK(std::string(request->url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/domains/WingtipToys678152504.onmicrosoft.com");
  CHECK(request->body.empty());
  CHECK(std::string(
            build_domain_availability(test::token_context(), "a/../b?c").value().url.buffer()) ==
        "https://api.partnercenter.microsoft.com/v1/domains/a%2F..%2Fb%3Fc");
  CHECK_FALSE(build_domain_availability(test::token_context(), "  ").has_value());
}

TEST_CASE("404 means available, 200 means taken (verify-domain-availability)", "[rest]") {
  CHECK(parse_domain_availability(test::http_answer(404)).value() ==
        domain_availability::available);
  CHECK(parse_domain_availability(test::http_answer(200)).value() == domain_availability::taken);
  CHECK(to_string(domain_availability::taken) == "taken");
  const auto refused = parse_domain_availability(test::http_answer(401));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == failure_kind::service);
  CHECK(refused.error().is_authentication());
}

}  // namespace rest_domains_test

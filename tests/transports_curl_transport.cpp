// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/transports/curl_transport.hpp>

#include "support/fake_partner_center.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/rest/client.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/preflight.hpp>

#include <catch2/catch_test_macros.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <set>
#include <string>

namespace transports_curl_transport_test {

using namespace partner_center;
using namespace partner_center::rest;
using partner_center::transports::curl_options;
using partner_center::transports::curl_transport;
using namespace std::chrono_literals;

namespace {

client<curl_transport> curl_client(const test::fake_partner_center& server,
                                   curl_options options = {}) {
  if (server.certificate_pem().empty()) {
    return client<curl_transport>{curl_transport{options}, test::fast_retry_options(server)};
  }
  options.ca_pem = server.certificate_pem();
  return client<curl_transport>{curl_transport{options}, test::fast_retry_options(server)};
}

}  // namespace

TEST_CASE("curl: a customer is created over loopback with the right headers", "[transport]") {
  test::fake_partner_center server;
  auto c = curl_client(server);
  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(created->associatedPartnerId == test::reseller_id);
  CHECK(created->userCredentials->userName == "admin");
  CHECK(redacted_json(*created).find(*created->userCredentials->password) == std::string::npos);
  CHECK(server.customer_count() == 1);
  CHECK(server.header_problems().empty());
  const auto fetched = c.get_customer(*created->id);
  REQUIRE(fetched.has_value());
  CHECK(fetched->companyProfile->domain == "WingtipToys678152504.onmicrosoft.com");
  CHECK_FALSE(fetched->userCredentials);
}

TEST_CASE("curl: the pre-flight helper runs every step against the server", "[transport]") {
  test::fake_partner_center server;
  server.add_reseller(test::reseller_id);
  auto c = curl_client(server);
  const auto created = create_customer_with_preflight(c, test::customer_numbered(1));
  REQUIRE(created.has_value());
  // The same domain again: stopped at the availability check (HEAD answered 200).
  const auto again = create_customer_with_preflight(c, test::customer_numbered(1));
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().step == preflight_step::domain_availability);
  // A reseller the provider does not have.
  model::Customer other = test::customer_numbered(2);
  other.associatedPartnerId = "99999999-2222-4333-8444-555555555555";
  const auto unknown = create_customer_with_preflight(c, other);
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().step == preflight_step::reseller_relationship);
  CHECK(server.customer_count() == 1);
}

TEST_CASE("curl: lost answers and throttling are retried without a second customer",
          "[transport]") {
  test::fake_partner_center server;
  server.push_faults({test::fault::throttle, test::fault::unavailable, test::fault::drop_before,
                      test::fault::drop_after});
  auto c = curl_client(server);
  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(server.customer_count() == 1);
  const auto ids = server.request_ids();
  REQUIRE(ids.size() == 5);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 1);
  CHECK(server.statistics().deduplicated == 1);  // the answer lost by drop_after
}

TEST_CASE("curl: a slow answer times out and the retry is deduplicated", "[transport]") {
  test::fake_options options;
  options.slow_delay = 600ms;
  test::fake_partner_center server(options);
  server.push_faults({test::fault::slow});
  curl_options curl;
  curl.timeout = 200ms;
  auto c = curl_client(server, curl);
  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(server.customer_count() == 1);
  CHECK(server.statistics().deduplicated == 1);
}

TEST_CASE("curl: a malformed body is reported; the same request id then finds the customer",
          "[transport]") {
  test::fake_partner_center server;
  server.push_faults({test::fault::malformed});
  auto c = curl_client(server);
  create_options options;
  options.ids.request_id = new_guid();
  const auto first = c.create_customer(test::documented_customer(), options);
  REQUIRE_FALSE(first.has_value());
  CHECK(first.error().kind == failure_kind::unexpected_response);
  CHECK(first.error().attempts == 1);
  const auto second = c.create_customer(test::documented_customer(), options);
  REQUIRE(second.has_value());
  CHECK(server.customer_count() == 1);
}

TEST_CASE("curl: a refused connection is a transport failure after bounded retries",
          "[transport]") {
  unsigned short port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }  // closed: nothing listens there now
  client_options options;
  options.context.base_url = base_url::parse("http://127.0.0.1:" + std::to_string(port)).value();
  options.context.token = static_token("t");
  options.retry.max_attempts = 3;
  options.sleep = [](std::chrono::milliseconds) {
  };
  client c{curl_transport{}, options};
  const auto r = c.check_domain("contoso.onmicrosoft.com");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::transport);
  CHECK(r.error().transport->code == transport_errc::connect_failed);
  CHECK(r.error().attempts == 3);
  CHECK(r.error().gave_up);
}

TEST_CASE("curl: a wrong token is a 401 authentication failure, not retried", "[transport]") {
  test::fake_partner_center server;
  auto options = test::fast_retry_options(server);
  options.context.token = static_token("wrong");
  client c{curl_transport{}, options};
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().is_authentication());
  CHECK(r.error().attempts == 1);
  CHECK(server.customer_count() == 0);
}

TEST_CASE("curl: list, paging and a filter value with '+' reach the server intact", "[transport]") {
  test::fake_options options;
  options.page_size = 2;
  test::fake_partner_center server(options);
  auto c = curl_client(server);
  for (std::size_t i = 0; i < 5; ++i)
    REQUIRE(c.create_customer(test::customer_numbered(i)).has_value());
  const auto all = c.list_all_customers(customers_of_reseller(test::reseller_id));
  REQUIRE(all.has_value());
  CHECK(all->size() == 5);
  list_customers_query odd;
  odd.filter = customer_filter{"IndirectReseller", "A+B & C=D 100%", "starts_with"};
  const auto none = c.list_customers(odd);
  REQUIRE(none.has_value());
  CHECK(none->items.empty());
  REQUIRE_FALSE(server.filters().empty());
  CHECK(server.filters().back() ==
        R"({"Field":"IndirectReseller","Value":"A+B & C=D 100%","Operator":"starts_with"})");
}

TEST_CASE("curl: HEAD, country rules and address validation over loopback", "[transport]") {
  test::fake_partner_center server;
  server.take_domain("taken.onmicrosoft.com");
  auto c = curl_client(server);
  CHECK(c.check_domain("taken.onmicrosoft.com").value() == domain_availability::taken);
  CHECK(c.check_domain("free.onmicrosoft.com").value() == domain_availability::available);
  CHECK(c.country_validation_rules("US").value().rules.isStateRequired == true);
  model::Address a;
  a.country = "US";
  a.addressLine1 = "One Microsoft Way";
  CHECK(c.validate_address(a).value().verified);
}

TEST_CASE("curl: TLS with a certificate made for the test", "[transport]") {
  test::fake_options options;
  options.tls = true;
  test::fake_partner_center server(options);
  auto c = curl_client(server);
  REQUIRE(c.create_customer(test::documented_customer()).has_value());
  // By name too: the certificate names localhost.
  client by_name{curl_transport{{.ca_pem = server.certificate_pem()}},
                 test::fast_retry_options(server, "localhost")};
  CHECK(by_name.check_domain("x.onmicrosoft.com").value() == domain_availability::available);
  // Without trusting it: a TLS failure, not retried.
  client untrusting{curl_transport{}, test::fast_retry_options(server)};
  const auto refused = untrusting.check_domain("x.onmicrosoft.com");
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().transport->code == transport_errc::tls_failed);
  CHECK(refused.error().attempts == 1);
}

// The same cases as the Beast transport's test: CR, LF, CRLF and NUL, in a value and in a name.
TEST_CASE("curl: a header value or name with CR, LF, CRLF or NUL is refused by the transport too",
          "[transport]") {
  for (const std::string& bad :
       {std::string("\r"), std::string("\n"), std::string("\r\n"), std::string("\0", 1)}) {
    for (const bool in_name : {false, true}) {
      CAPTURE(bad, in_name);
      http_request request;
      request.url = boost::urls::url("http://127.0.0.1:1/v1/x");
      if (in_name)
        request.headers.add("X-Test" + bad + "Injected", "1");
      else
        request.headers.add("X-Test", "a" + bad + "Injected: 1");
      curl_transport t;
      const auto r = t(request);
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().code == transport_errc::invalid_request);
    }
  }
}

TEST_CASE("curl: an answer larger than the limit is a protocol error", "[transport]") {
  test::fake_partner_center server;
  auto c = curl_client(server, {.max_response_body = 16});
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().transport->code == transport_errc::protocol);
}

TEST_CASE("curl: many logical creates with 10% faults give one customer each", "[transport]") {
  test::fake_options options;
  options.random_fault_probability = 0.10;
  test::fake_partner_center server(options);
  auto c = curl_client(server);
  test::run_stress(c, server, test::stress_creates(300));
}

TEST_CASE("curl: 10,000 logical creates with 10% faults", "[transport][.long]") {
  test::fake_options options;
  options.random_fault_probability = 0.10;
  test::fake_partner_center server(options);
  auto c = curl_client(server);
  test::run_stress(c, server, 10'000);
}

}  // namespace transports_curl_transport_test

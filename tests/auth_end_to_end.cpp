// The token provider plugged into rest::client end to end: the fake token endpoint issues the
// tokens, the fake Partner Center accepts only its unexpired ones, libcurl carries both.

#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"
#include "support/fake_token_endpoint.hpp"

#include <partner_center/auth/refresh_token_store.hpp>
#include <partner_center/auth/token_provider.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace auth_end_to_end_test {

using namespace partner_center;
using namespace std::chrono_literals;

namespace {

struct services {
  test::fake_token_endpoint endpoint{[] {
    test::fake_token_options o;
    o.client_secret = "end-to-end-client-secret";
    return o;
  }()};
  test::fake_partner_center partner_center{[this] {
    test::fake_options o;
    o.accept_token = [this](std::string_view token) {
      return endpoint.accepts(token);
    };
    return o;
  }()};
  std::shared_ptr<auth::memory_refresh_token_store> store =
      std::make_shared<auth::memory_refresh_token_store>(
          auth::secret(endpoint.valid_refresh_token()));
  std::shared_ptr<auth::token_provider> provider = [this] {
    auth::token_provider_options o;
    o.request.authority = auth::authority::parse(endpoint.authority()).value();
    o.request.tenant = endpoint.options().tenant_domain;
    o.request.client_id = endpoint.options().client_id;
    o.request.credential = auth::client_secret{auth::secret(endpoint.options().client_secret)};
    o.send = transports::curl_transport{};
    return auth::token_provider::from_store(std::move(o), store).value();
  }();

  rest::client<transports::curl_transport> client() {
    rest::client_options o;
    o.context.base_url = rest::base_url::parse(partner_center.base_url()).value();
    auth::use_provider(o.context, provider);
    o.sleep = [](std::chrono::milliseconds) {
    };
    return rest::client{transports::curl_transport{}, std::move(o)};
  }
};

}  // namespace

TEST_CASE("auth end to end: a create with the provider's token, the rotation saved",
          "[auth][rest]") {
  services s;
  auto c = s.client();
  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(s.endpoint.issued() == 1);
  CHECK(s.store->saves() == 1);
  CHECK(s.store->load().value() == s.endpoint.valid_refresh_token());
  CHECK(s.partner_center.statistics().unauthorized == 0);
}

TEST_CASE("auth end to end: a token refused with 401 is replaced once, the create keeps its id",
          "[auth][rest]") {
  services s;
  auto c = s.client();
  REQUIRE(c.check_domain("contoso-e2e.onmicrosoft.com").has_value());  // a token is cached
  REQUIRE(s.endpoint.issued() == 1);
  s.endpoint.revoke_access_tokens();  // the cached one is still unexpired for the provider

  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(s.endpoint.issued() == 2);
  CHECK(s.partner_center.statistics().unauthorized == 1);
  CHECK(s.partner_center.customer_count() == 1);
  const auto ids = s.partner_center.request_ids();
  REQUIRE(ids.size() == 3);
  CHECK(ids[1] == ids[2]);
}

TEST_CASE("auth end to end: a 401 with code 900421 is final and asks for an MFA sign-in",
          "[auth][rest]") {
  services s;
  auto c = s.client();
  s.partner_center.push_faults({test::fault::mfa_missing});
  const auto created = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().is_authentication());
  CHECK(created.error().message.find("the refresh token must come from an MFA sign-in") !=
        std::string::npos);
  CHECK(s.endpoint.issued() == 1);
  CHECK(s.partner_center.statistics().create_requests == 1);
  CHECK(s.partner_center.customer_count() == 0);
}

}  // namespace auth_end_to_end_test

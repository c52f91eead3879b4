// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/token_provider.hpp>

#include "support/fake_token_endpoint.hpp"
#include "support/rsa_certificate.hpp"

#include <partner_center/auth/client_assertion.hpp>
#include <partner_center/auth/refresh_token_store.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include "support/files.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <latch>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace auth_token_provider_test {

using namespace partner_center;
using namespace partner_center::auth;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A clock the test moves by hand, starting at the real time (client assertions are checked
// against the endpoint's real clock).
struct manual_clock {
  std::shared_ptr<std::atomic<std::int64_t>> seconds = std::make_shared<std::atomic<std::int64_t>>(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::chrono::system_clock::time_point operator()() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds->load()));
  }
  void advance(std::chrono::seconds by) const { *seconds += by.count(); }
};

token_provider_options options_for(const test::fake_token_endpoint& endpoint,
                                   endpoint_version version = endpoint_version::v1) {
  token_provider_options o;
  o.request.authority = authority::parse(endpoint.authority()).value();
  o.request.tenant = endpoint.options().tenant_domain;
  o.request.client_id = endpoint.options().client_id;
  o.request.version = version;
  if (!endpoint.options().client_secret.empty())
    o.request.credential = client_secret{secret(endpoint.options().client_secret)};
  o.send = transports::curl_transport{};
  return o;
}

test::fake_token_options with_secret() {
  test::fake_token_options o;
  o.client_secret = "sentinel-client-secret+/=&";
  return o;
}

using partner_center::test::read_text_file;
using partner_center::test::temp_directory;

}  // namespace

TEST_CASE("provider: the first exchange sends the v1 form and saves the rotation", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  const temp_directory scratch;
  const fs::path file = scratch / "first";
  std::ofstream(file) << endpoint.valid_refresh_token() << "\n";
  auto store = std::make_shared<file_refresh_token_store>(file);
  auto provider = token_provider::from_store(options_for(endpoint), store).value();

  const auto token = provider->access_token();
  REQUIRE(token.has_value());
  CHECK(*token == std::string_view(endpoint.last_access_token()));
  CHECK(endpoint.last_path() == "/contoso.onmicrosoft.com/oauth2/token");
  const auto form = endpoint.last_form();
  CHECK(form.at("grant_type") == "refresh_token");
  CHECK(form.at("client_id") == endpoint.options().client_id);
  CHECK(form.at("refresh_token") == "0.AR8A-initial-refresh-token");
  CHECK(form.at("resource") == "https://api.partnercenter.microsoft.com");
  CHECK(form.at("client_secret") == "sentinel-client-secret+/=&");
  CHECK(form.count("scope") == 0);
  CHECK(endpoint.last_problem().empty());
  // The rotated refresh token is in the file, which is 0600.
  CHECK(endpoint.valid_refresh_token() != "0.AR8A-initial-refresh-token");
  CHECK(read_text_file(file) == endpoint.valid_refresh_token() + "\n");
  CHECK((fs::status(file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  // Cached: no second request.
  CHECK(*provider->access_token() == *token);
  CHECK(endpoint.requests() == 1);
  CHECK_FALSE(provider->last_failure());
}

TEST_CASE("provider: v2 asks for user_impersonation and offline_access; a public client",
          "[auth]") {
  test::fake_token_endpoint endpoint;
  auto store = std::make_shared<memory_refresh_token_store>(secret(endpoint.valid_refresh_token()));
  auto provider =
      token_provider::from_store(options_for(endpoint, endpoint_version::v2), store).value();
  REQUIRE(provider->access_token().has_value());
  CHECK(endpoint.last_path() == "/contoso.onmicrosoft.com/oauth2/v2.0/token");
  const auto form = endpoint.last_form();
  CHECK(form.at("scope") ==
        "https://api.partnercenter.microsoft.com/user_impersonation "
        "offline_access");
  CHECK(form.count("resource") == 0);
  CHECK(form.count("client_secret") == 0);
  CHECK(form.count("client_assertion") == 0);
  CHECK(*store->load() == std::string_view(endpoint.valid_refresh_token()));
  CHECK(store->saves() == 1);
}

TEST_CASE("provider: the rotation is persisted and the old refresh token is refused", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  const std::string initial = endpoint.valid_refresh_token();
  const temp_directory scratch;
  const fs::path file = scratch / "rotation";
  std::ofstream(file) << initial;
  auto store = std::make_shared<file_refresh_token_store>(file);
  REQUIRE(token_provider::from_store(options_for(endpoint), store).value()->access_token());

  // Someone still holding the old token: refused, with what to do.
  token_provider stale(options_for(endpoint), secret(initial));
  const auto refused = stale.access_token();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == auth_failure_kind::refresh_token_dead);
  CHECK(refused.error().code == 70008);
  CHECK(refused.error().advice() ==
        "the refresh token has expired (AADSTS70008): consent again with an MFA sign-in to get a "
        "new one");
  // A second run reads the rotated token from the file and works.
  auto second = token_provider::from_store(options_for(endpoint), store).value();
  REQUIRE(second->access_token().has_value());
  CHECK(read_text_file(file) == endpoint.valid_refresh_token() + "\n");
}

TEST_CASE("provider: 16 threads asking at once cause exactly one refresh", "[auth]") {
  test::fake_token_options o = with_secret();
  o.answer_delay = 300ms;  // every thread arrives while the exchange is in flight
  test::fake_token_endpoint endpoint(o);
  auto store = std::make_shared<memory_refresh_token_store>(secret(endpoint.valid_refresh_token()));
  auto provider = token_provider::from_store(options_for(endpoint), store).value();
  constexpr int threads = 16;
  std::latch start(threads);
  std::vector<std::string> tokens(threads);
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&, i] {
      start.arrive_and_wait();
      auto t = provider->access_token();
      tokens[static_cast<std::size_t>(i)] = t ? std::string(t->reveal()) : "failed";
    });
  }
  for (auto& t : pool)
    t.join();
  CHECK(endpoint.requests() == 1);
  CHECK(provider->exchanges() == 1);
  CHECK(store->saves() == 1);
  for (const auto& t : tokens)
    CHECK(t == endpoint.last_access_token());
}

TEST_CASE("provider: a failed refresh is reported to every waiting thread", "[auth]") {
  test::fake_token_options o = with_secret();
  o.answer_delay = 300ms;
  test::fake_token_endpoint endpoint(o);
  endpoint.push_error(test::token_error::for_code(700082));
  token_provider provider(options_for(endpoint), secret(endpoint.valid_refresh_token()));
  constexpr int threads = 16;
  std::latch start(threads);
  std::atomic<int> dead{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      start.arrive_and_wait();
      const auto t = provider.access_token();
      if (!t && t.error().kind == auth_failure_kind::refresh_token_dead && t.error().code == 700082)
        ++dead;
    });
  }
  for (auto& t : pool)
    t.join();
  CHECK(dead.load() == threads);
  CHECK(endpoint.requests() == 1);
  // A dead refresh token stays dead: no more requests for it.
  CHECK_FALSE(provider.access_token().has_value());
  CHECK(endpoint.requests() == 1);
  REQUIRE(provider.last_failure());
  CHECK(provider.last_failure()->code == 700082);
}

TEST_CASE("provider: a throwing on_refresh_token leaves the store valid and the token unused",
          "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  const std::string initial = endpoint.valid_refresh_token();
  const temp_directory scratch;
  const fs::path file = scratch / "crash";
  std::ofstream(file) << initial << "\n";
  auto store = std::make_shared<file_refresh_token_store>(file);
  std::atomic<bool> crash{true};
  token_provider_options o = options_for(endpoint);
  o.on_refresh_token = [&](const secret& rotated) -> result<void> {
    if (crash)
      throw std::runtime_error("simulated crash");
    return store->save(rotated);
  };
  auto provider = token_provider::from_store(std::move(o), store).value();

  CHECK_THROWS_WITH(provider->access_token(), "simulated crash");
  CHECK(endpoint.issued() == 1);                  // a new access token was issued...
  CHECK_FALSE(provider->expires_at());            // ...and is not cached
  CHECK(read_text_file(file) == initial + "\n");  // the store still holds a whole token
  REQUIRE(provider->last_failure());
  CHECK(provider->last_failure()->kind == auth_failure_kind::storage);
  CHECK(provider->last_failure()->detail ==
        "saving the rotated refresh token threw: simulated crash");

  // The process survived after all: the next call continues with the rotated token.
  crash = false;
  const auto token = provider->access_token();
  REQUIRE(token.has_value());
  CHECK(endpoint.requests() == 2);
  CHECK(read_text_file(file) == endpoint.valid_refresh_token() + "\n");
}

TEST_CASE("provider: a failing on_refresh_token returns its failure, the token unused", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  token_provider_options o = options_for(endpoint);
  o.on_refresh_token = [](const secret&) -> result<void> {
    return local_failure(auth_failure_kind::storage, "the vault is read-only");
  };
  token_provider provider(std::move(o), secret(endpoint.valid_refresh_token()));
  const auto token = provider.access_token();
  REQUIRE_FALSE(token.has_value());
  CHECK(token.error().detail == "the vault is read-only");
  CHECK_FALSE(provider.expires_at());
}

TEST_CASE("provider: every AADSTS class from the endpoint maps to its failure", "[auth]") {
  struct row {
    std::int64_t code;
    auth_failure_kind kind;
  };
  using k = auth_failure_kind;
  for (const row& r :
       {row{70008, k::refresh_token_dead}, row{700082, k::refresh_token_dead},
        row{70043, k::refresh_token_dead}, row{50173, k::refresh_token_dead},
        row{70000, k::refresh_token_dead}, row{50076, k::mfa_required}, row{50079, k::mfa_required},
        row{50078, k::mfa_required}, row{65001, k::consent_missing},
        row{7000215, k::client_credential_invalid}, row{7000222, k::client_credential_invalid},
        row{50196, k::throttled}, row{53003, k::other}}) {
    INFO(r.code);
    test::fake_token_endpoint endpoint(with_secret());
    endpoint.push_error(test::token_error::for_code(r.code));
    token_provider provider(options_for(endpoint), secret(endpoint.valid_refresh_token()));
    const auto t = provider.access_token();
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().kind == r.kind);
    CHECK(t.error().code == r.code);
    CHECK(t.error().http_status == test::token_error::for_code(r.code).status);
    CHECK(t.error().trace_id.starts_with("0000aaaa-11bb-cccc-dd22-"));
    CHECK(t.error().correlation_id.starts_with("aaaa0000-bb11-2222-33cc-"));
    CHECK(provider.last_failure()->code == r.code);
  }
}

TEST_CASE("provider: 429 waits for Retry-After; 503 is retried on the next call", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  manual_clock clock;
  token_provider_options o = options_for(endpoint);
  o.clock = clock;
  token_provider provider(std::move(o), secret(endpoint.valid_refresh_token()));

  endpoint.push_error(test::token_error::throttled("30"));
  const auto throttled = provider.access_token();
  REQUIRE_FALSE(throttled.has_value());
  CHECK(throttled.error().kind == auth_failure_kind::throttled);
  CHECK(throttled.error().retry_after == 30s);
  CHECK(throttled.error().advice() ==
        "the token endpoint is throttling requests (HTTP 429): retry after 30 s");
  clock.advance(29s);
  CHECK_FALSE(provider.access_token().has_value());
  CHECK(endpoint.requests() == 1);  // not asked again before Retry-After
  clock.advance(1s);
  CHECK(provider.access_token().has_value());
  CHECK(endpoint.requests() == 2);

  provider.invalidate();
  endpoint.push_error(test::token_error::unavailable());
  const auto unavailable = provider.access_token();
  REQUIRE_FALSE(unavailable.has_value());
  CHECK(unavailable.error().kind == auth_failure_kind::temporarily_unavailable);
  CHECK(unavailable.error().retryable());
  CHECK(provider.access_token().has_value());
  CHECK(endpoint.requests() == 4);
}

TEST_CASE("provider: refreshed 5 minutes before expiry, or a tenth of a short lifetime", "[auth]") {
  CHECK(refresh_margin(3600s, 300s) == 300s);
  CHECK(refresh_margin(600s, 300s) == 60s);
  CHECK(refresh_margin(60s, 300s) == 6s);
  CHECK(refresh_margin(0s, 300s) == 0s);
  for (const auto& [lifetime, margin] : {std::pair{3600s, 300s}, std::pair{60s, 6s}}) {
    INFO(lifetime.count());
    test::fake_token_options fo = with_secret();
    fo.lifetime = lifetime;
    test::fake_token_endpoint endpoint(fo);
    manual_clock clock;
    const auto t0 = clock();
    token_provider_options o = options_for(endpoint);
    o.clock = clock;
    token_provider provider(std::move(o), secret(endpoint.valid_refresh_token()));
    REQUIRE(provider.access_token().has_value());
    CHECK(provider.expires_at() == t0 + lifetime);
    clock.advance(lifetime - margin - 1s);
    REQUIRE(provider.access_token().has_value());
    CHECK(endpoint.requests() == 1);
    clock.advance(1s);
    REQUIRE(provider.access_token().has_value());
    CHECK(endpoint.requests() == 2);
    CHECK(provider.expires_at() == clock() + lifetime);
  }
}

TEST_CASE("provider: a failed refresh inside the margin keeps the unexpired token", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  manual_clock clock;
  token_provider_options o = options_for(endpoint);
  o.clock = clock;
  token_provider provider(std::move(o), secret(endpoint.valid_refresh_token()));
  const auto first = provider.access_token();
  REQUIRE(first.has_value());
  clock.advance(3400s);  // inside the 5-minute margin, not expired
  endpoint.push_error(test::token_error::unavailable());
  const auto kept = provider.access_token();
  REQUIRE(kept.has_value());
  CHECK(*kept == *first);
  CHECK(provider.last_failure()->kind == auth_failure_kind::temporarily_unavailable);
  clock.advance(200s);  // expired now
  endpoint.push_error(test::token_error::unavailable());
  CHECK_FALSE(provider.access_token().has_value());
}

TEST_CASE("provider: invalidate() after a 401 makes the next call refresh", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  token_provider provider(options_for(endpoint), secret(endpoint.valid_refresh_token()));
  const auto first = provider.access_token();
  REQUIRE(first.has_value());
  provider.invalidate();
  CHECK_FALSE(provider.expires_at());
  const auto second = provider.access_token();
  REQUIRE(second.has_value());
  CHECK_FALSE(*second == *first);
  CHECK(endpoint.requests() == 2);
}

TEST_CASE("provider: a certificate credential passes the endpoint's assertion check", "[auth]") {
  const test::certificate_pair app = test::make_rsa_certificate();
  test::fake_token_options fo;
  fo.certificate_pem = app.certificate_pem;
  test::fake_token_endpoint endpoint(fo);
  token_provider_options o = options_for(endpoint, endpoint_version::v2);
  o.request.credential = client_assertion{
      client_certificate::from_pem(app.certificate_pem, app.private_key_pem).value()};
  token_provider provider(o, secret(endpoint.valid_refresh_token()));
  const auto token = provider.access_token();
  INFO(endpoint.last_problem());
  REQUIRE(token.has_value());
  CHECK(endpoint.last_form().at("client_assertion_type") ==
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

  // The key of another certificate: refused as Entra ID refuses it.
  const test::certificate_pair other = test::make_rsa_certificate();
  o.request.credential = client_assertion{
      client_certificate::from_pem(other.certificate_pem, other.private_key_pem).value()};
  token_provider wrong(o, secret(endpoint.valid_refresh_token()));
  const auto refused = wrong.access_token();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == auth_failure_kind::client_credential_invalid);
  CHECK(refused.error().code == 700027);
}

TEST_CASE("provider: an unreachable endpoint is a retryable failure", "[auth]") {
  token_provider_options o;
  {
    test::fake_token_endpoint gone;
    o = options_for(gone);
  }  // the port is closed now
  token_provider provider(std::move(o), secret("0.AR8A-any"));
  const auto t = provider.access_token();
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().kind == auth_failure_kind::unreachable);
  CHECK(t.error().retryable());
  CHECK(t.error().advice().starts_with("the token endpoint could not be reached (transport error"));
}

TEST_CASE("provider: plugged into rest::request_context as its token source", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  auto provider = std::make_shared<token_provider>(options_for(endpoint),
                                                   secret(endpoint.valid_refresh_token()));
  rest::request_context context;
  context.base_url = rest::base_url::parse("http://127.0.0.1:9").value();
  context.token = rest_token_source(provider);
  rest::http_request request;
  request.url = context.base_url.endpoint({"customers"});
  REQUIRE(rest::authorize(request, context).has_value());
  CHECK(request.headers.value_or("Authorization") == "Bearer " + endpoint.last_access_token());

  // No token: nullopt for rest, the reason from the provider.
  endpoint.push_error(test::token_error::for_code(50076));
  provider->invalidate();
  CHECK_FALSE(context.token());
  REQUIRE(provider->last_failure());
  CHECK(provider->last_failure()->kind == auth_failure_kind::mfa_required);
}

TEST_CASE("provider: a refusal echoing the credentials shows none of them", "[auth]") {
  test::fake_token_endpoint endpoint(with_secret());
  const std::string rt = endpoint.valid_refresh_token();
  test::token_error e = test::token_error::for_code(9002313);
  e.error = "invalid_request";
  e.description = "AADSTS9002313: Invalid request: refresh_token " + rt +
                  " client_secret sentinel-client-secret+/=& refused.";
  endpoint.push_error(e);
  token_provider provider(options_for(endpoint), secret(rt));
  const auto t = provider.access_token();
  REQUIRE_FALSE(t.has_value());
  std::ostringstream printed;
  printed << t.error();
  CHECK(printed.str().find(rt) == std::string::npos);
  CHECK(printed.str().find("sentinel") == std::string::npos);
  CHECK_THAT(printed.str(), Catch::Matchers::ContainsSubstring("refresh_token <redacted>"));
}

}  // namespace auth_token_provider_test

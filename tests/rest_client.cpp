// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/client.hpp>

#include "support/documents.hpp"
#include "support/scripted_transport.hpp"

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rest_client_test {

using namespace partner_center;
using namespace partner_center::rest;
using namespace std::chrono_literals;

namespace {

// A clock that only moves when the client sleeps, and a record of the sleeps.
struct fake_time {
  std::chrono::steady_clock::time_point now{};
  std::vector<std::chrono::milliseconds> sleeps;
};

client_options instant_options(fake_time& time) {
  client_options o;
  o.context.token = static_token("secret-token");
  o.now = [&time] {
    return time.now;
  };
  o.sleep = [&time](std::chrono::milliseconds d) {
    time.sleeps.push_back(d);
    time.now += d;
  };
  o.wall_clock = [] {
    return std::chrono::system_clock::time_point{
        std::chrono::sys_days{std::chrono::year{2017} / 6 / 6}};
  };
  o.random_unit = [] {
    return 0.0;
  };
  o.retry.jitter = 0.5;
  return o;
}

const std::string created_body = test::read_test_data("documented-response.json");

}  // namespace

TEST_CASE("client: a create retried after 503, 429, a timeout and a reset keeps its ids",
          "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(503)
      .then(429,
            R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in 3 seconds."})",
            {{"Retry-After", "3"}})
      .then_fail(transport_errc::timeout)
      .then_fail(transport_errc::connection_closed)
      .then(201, created_body);
  client c{transport, instant_options(time)};
  std::vector<retry_event> events;
  c.options().on_retry = [&events](const retry_event& e) {
    events.push_back(e);
  };

  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(created->id == "626099fe-17af-4756-9fd0-6a73b7127859");
  const auto& sent = transport.requests();
  REQUIRE(sent.size() == 5);
  std::set<std::string> request_ids;
  std::set<std::string> correlation_ids;
  for (const auto& r : sent) {
    request_ids.insert(r.headers.value_or("MS-RequestId").data());
    correlation_ids.insert(r.headers.value_or("MS-CorrelationId").data());
    CHECK(r.body == sent[0].body);
  }
  CHECK(request_ids.size() == 1);
  CHECK(correlation_ids.size() == 1);
  // Backoff with jitter at its low end: 250 ms, then Retry-After 3 s, then 1 s, 2 s.
  CHECK(time.sleeps == std::vector<std::chrono::milliseconds>{250ms, 3000ms, 1000ms, 2000ms});
  REQUIRE(events.size() == 4);
  CHECK(events[0].status == 503);
  CHECK(events[1].status == 429);
  CHECK(events[2].error->code == transport_errc::timeout);
  CHECK(events[3].attempt == 4);
  CHECK(events[3].request_id == *request_ids.begin());
}

TEST_CASE("client: each logical create gets new ids", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(201, created_body).then(201, created_body);
  client c{transport, instant_options(time)};
  REQUIRE(c.create_customer(test::documented_customer()).has_value());
  REQUIRE(c.create_customer(test::documented_customer()).has_value());
  const auto& sent = transport.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].headers.value_or("MS-RequestId") != sent[1].headers.value_or("MS-RequestId"));
  CHECK(sent[0].headers.value_or("MS-CorrelationId") !=
        sent[1].headers.value_or("MS-CorrelationId"));
}

TEST_CASE("client: a given request id is used for the create", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(201, created_body);
  client c{transport, instant_options(time)};
  create_options options;
  options.ids.request_id = test::documented_request_id;
  REQUIRE(c.create_customer(test::documented_customer(), options).has_value());
  CHECK(transport.requests()[0].headers.value_or("MS-RequestId") == test::documented_request_id);
}

TEST_CASE("client: 400, 401, 403, 404 and 409 are never retried", "[rest]") {
  for (const int status : {400, 401, 403, 404, 409}) {
    INFO(status);
    fake_time time;
    test::scripted_transport transport;
    transport.then(status, R"({"code":"1","description":"no"})");
    client c{transport, instant_options(time)};
    const auto r = c.create_customer(test::documented_customer());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == failure_kind::service);
    CHECK(r.error().service->http_status == status);
    CHECK(r.error().attempts == 1);
    CHECK_FALSE(r.error().gave_up);
    CHECK(transport.requests().size() == 1);
    CHECK(time.sleeps.empty());
  }
}

TEST_CASE("client: a TLS failure is not retried", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then_fail(transport_errc::tls_failed, "certificate verify failed");
  client c{transport, instant_options(time)};
  const auto r = c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::transport);
  CHECK(r.error().transport->code == transport_errc::tls_failed);
  CHECK(r.error().attempts == 1);
}

TEST_CASE("client: a protocol error (an answer over a limit, or not HTTP) is not retried",
          "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then_fail(transport_errc::protocol, "the response has more than 100 header fields");
  client c{transport, instant_options(time)};
  const auto r = c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().transport->code == transport_errc::protocol);
  CHECK(r.error().attempts == 1);
}

TEST_CASE("client: attempts are bounded", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.state().handler = [](const http_request&) -> transport_result {
    http_response r;
    r.status = 503;
    return r;
  };
  auto options = instant_options(time);
  options.retry.max_attempts = 4;
  client c{transport, options};
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::service);
  CHECK(r.error().attempts == 4);
  CHECK(r.error().gave_up);
  CHECK(r.error().summary() ==
        "service: HTTP 503 Service Unavailable (empty body) (gave up after 4 attempts)");
  CHECK(transport.requests().size() == 4);
  CHECK(time.sleeps.size() == 3);
}

TEST_CASE("client: total time is bounded", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.state().handler = [](const http_request&) -> transport_result {
    return transport_error{transport_errc::timeout, ""};
  };
  auto options = instant_options(time);
  options.retry.max_attempts = 100;
  options.retry.initial_backoff = 1s;
  options.retry.jitter = 0.0;
  options.retry.max_total = 10s;
  client c{transport, options};
  const auto r = c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().gave_up);
  // 1 + 2 + 4 s waited; the next 8 s would end past 10 s.
  CHECK(time.sleeps == std::vector<std::chrono::milliseconds>{1000ms, 2000ms, 4000ms});
  CHECK(r.error().attempts == 4);
}

TEST_CASE("client: Retry-After is capped and read as an HTTP-date too", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(429, "", {{"Retry-After", "86400"}})
      .then(429, "", {{"Retry-After", "Tue, 06 Jun 2017 00:00:20 GMT"}})
      .then(503, "", {{"Retry-After", "2"}})
      .then(200, R"({"id":"626099fe-17af-4756-9fd0-6a73b7127859"})");
  auto options = instant_options(time);
  options.retry.max_retry_after = 60s;
  client c{transport, options};
  REQUIRE(c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859").has_value());
  CHECK(time.sleeps == std::vector<std::chrono::milliseconds>{60000ms, 20000ms, 2000ms});
}

TEST_CASE("client: an invalid customer is never sent", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  client c{transport, instant_options(time)};
  model::Customer customer = test::documented_customer();
  customer.companyProfile->domain = "not a domain";
  const auto r = c.create_customer(customer);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::invalid_request);
  CHECK(r.error().violations.contains("/companyProfile/domain", violation_code::format));
  CHECK(r.error().attempts == 0);
  CHECK(transport.requests().empty());
}

TEST_CASE("client: the token is fetched for every attempt", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(503).then(200, R"({"id":"x"})");
  auto options = instant_options(time);
  int calls = 0;
  options.context.token = [&calls] {
    return std::optional<std::string>("t" + std::to_string(++calls));
  };
  client c{transport, options};
  REQUIRE(c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859").has_value());
  CHECK(transport.requests()[0].headers.value_or("Authorization") == "Bearer t2");
  CHECK(transport.requests()[1].headers.value_or("Authorization") == "Bearer t3");
}

TEST_CASE("client: no token, nothing sent", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  auto options = instant_options(time);
  options.context.token = [] {
    return std::optional<std::string>();
  };
  client c{transport, options};
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().token_unavailable);
  CHECK(r.error().is_authentication());
  CHECK(transport.requests().empty());
}

TEST_CASE("client: send returns the final answer whatever its status", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(503).then(404, "");
  client c{transport, instant_options(time)};
  auto request = make_request(c.context(), http_method::get, c.context().base_url.endpoint({"x"}));
  const auto r = c.send(std::move(*request));
  REQUIRE(r.has_value());
  CHECK(r->status == 404);
  CHECK(transport.requests().size() == 2);
}

TEST_CASE("client: list_all_customers follows continuation tokens", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport
      .then(200, R"({"totalCount":3,"items":[{"id":"a"},{"id":"b"}],"continuationToken":"p2"})")
      .then(200, R"({"totalCount":3,"items":[{"id":"c"}]})");
  client c{transport, instant_options(time)};
  const auto all = c.list_all_customers(customers_of_reseller(test::documented_reseller_id));
  REQUIRE(all.has_value());
  REQUIRE(all->size() == 3);
  CHECK((*all)[2].id == "c");
  REQUIRE(transport.requests().size() == 2);
  CHECK_FALSE(transport.requests()[0].headers.contains("MS-ContinuationToken"));
  CHECK(transport.requests()[1].headers.value_or("MS-ContinuationToken") == "p2");
}

TEST_CASE("client: the pre-flight operations go through the transport", "[rest]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(404)
      .then(
          200,
          R"({"totalCount":1,"items":[{"id":"484e548c-f5f3-4528-93a9-c16c6373cb59","state":"Active"}]})")
      .then(200, R"({"iso2Code":"US"})")
      .then(200, R"({"status":"Verified"})");
  client c{transport, instant_options(time)};
  CHECK(c.check_domain("contoso.onmicrosoft.com").value() == domain_availability::available);
  CHECK(c.check_reseller(test::documented_reseller_id).value().status == reseller_status::active);
  CHECK(c.country_validation_rules("US").value().rules.iso2Code == "US");
  model::Address a;
  a.country = "US";
  CHECK(c.validate_address(a).value().verified);
  CHECK(transport.requests().size() == 4);
}

TEST_CASE("client: any callable of the right shape is a transport", "[rest]") {
  STATIC_REQUIRE(transport<test::scripted_transport>);
  STATIC_REQUIRE(transport<transport_result (*)(const http_request&)>);
  STATIC_REQUIRE_FALSE(transport<int (*)(const http_request&)>);
  STATIC_REQUIRE_FALSE(transport<transport_result (*)(int)>);
  int calls = 0;
  client c{[&calls](const http_request&) -> transport_result {
             ++calls;
             http_response r;
             r.status = 404;
             return r;
           },
           [] {
             client_options o;
             o.context.token = static_token("t");
             return o;
           }()};
  CHECK(c.check_domain("a.onmicrosoft.com").value() == domain_availability::available);
  CHECK(calls == 1);
}

TEST_CASE("client: the usage shown in client.hpp compiles and works", "[rest]") {
  auto send = [](const http_request& r) -> transport_result {
    http_response answer;
    answer.status = 201;
    answer.body = r.body;  // an echo is a customer too
    return answer;
  };
  client c{send, {.context = {.base_url = base_url::public_cloud(), .token = static_token("t")}}};
  auto customer = c.create_customer(test::documented_customer(),
                                    {.reseller_id = "484e548c-f5f3-4528-93a9-c16c6373cb59"});
  REQUIRE(customer.has_value());
  CHECK(customer->companyProfile->domain == "WingtipToys678152504.onmicrosoft.com");
}

namespace {

// A transport that counts its calls: the client's documented extension point, no network.
struct counted_client {
  int transport_calls = 0;
  int token_calls = 0;

  auto make(std::string_view base) {
    client_options o;
    o.context.base_url = base_url::parse(base).value();
    o.context.token = [this] {
      ++token_calls;
      return std::optional<std::string>("secret-token");
    };
    o.sleep = [](std::chrono::milliseconds) {
    };
    return client{[this](const http_request&) -> transport_result {
                    ++transport_calls;
                    http_response r;
                    r.status = 200;
                    return r;
                  },
                  std::move(o)};
  }
};

http_request get_request(std::string_view url) {
  http_request r;
  r.url = boost::urls::url(url);
  return r;
}

}  // namespace

TEST_CASE("client: send refuses a URL off the base URL's origin and sends nothing",
          "[rest][origin]") {
  struct refusal_case {
    std::string_view base;
    std::string_view url;
    std::string_view message;
  };
  const refusal_case cases[] = {
      {"http://127.0.0.1:8080", "http://127.0.0.1:8081/v1/customers",
       "refused to send the bearer token to \"http://127.0.0.1:8081\": not the origin of the base "
       "URL http://127.0.0.1:8080"},
      {"https://api.partnercenter.microsoft.com", "https://partner.example.com/v1/customers",
       "refused to send the bearer token to \"https://partner.example.com\": not the origin of the "
       "base URL https://api.partnercenter.microsoft.com"},
      {"https://api.partnercenter.microsoft.com", "http://api.partnercenter.microsoft.com/v1/x",
       "refused to send the bearer token over http:// to "
       "\"http://api.partnercenter.microsoft.com\": "
       "only a loopback host is reached without TLS"},
      {"http://127.0.0.1:8080", "http://partner.example.com:8080/v1/x",
       "refused to send the bearer token over http:// to \"http://partner.example.com:8080\": only "
       "a loopback host is reached without TLS"},
      {"http://localhost:8080", "http://127.0.0.1:8080/v1/x",
       "refused to send the bearer token to \"http://127.0.0.1:8080\": not the origin of the base "
       "URL http://localhost:8080"},
  };
  for (const auto& c : cases) {
    INFO(c.url);
    counted_client counted;
    auto cl = counted.make(c.base);
    const auto r = cl.send(get_request(c.url));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == failure_kind::invalid_request);
    CHECK(r.error().message == c.message);
    CHECK(r.error().attempts == 0);
    CHECK(counted.transport_calls == 0);
    CHECK(counted.token_calls == 0);  // not even fetched for a refused URL
  }
}

TEST_CASE("client: send accepts the base URL's origin however it is spelled", "[rest][origin]") {
  for (const std::string_view url : {"https://api.partnercenter.microsoft.com/v1/customers",
                                     "https://API.PartnerCenter.Microsoft.com/v1/x",
                                     "HTTPS://api.partnercenter.microsoft.com:443/v1/x"}) {
    INFO(url);
    counted_client counted;
    auto cl = counted.make("https://api.partnercenter.microsoft.com");
    const auto r = cl.send(get_request(url));
    REQUIRE(r.has_value());
    CHECK(counted.transport_calls == 1);
  }
  counted_client loopback;
  auto cl = loopback.make("http://127.0.0.1:8080/pc");
  CHECK(cl.send(get_request("http://127.0.0.1:8080/pc/v1/customers")).has_value());
  CHECK(loopback.transport_calls == 1);
}

TEST_CASE("client: list_all_customers stops at its total", "[rest][limits]") {
  // Three full pages of 1,000 customers, each pointing at the next; the total allows 2,500.
  const auto page = [](int number) {
    std::string body = R"({"totalCount":3000,"items":[)";
    for (int i = 0; i < 1000; ++i)
      body += i == 0 ? R"({"id":"c"})" : R"(,{"id":"c"})";
    body += R"(],"continuationToken":"p)" + std::to_string(number + 1) + "\"}";
    return body;
  };
  fake_time time;
  test::scripted_transport transport;
  transport.then(200, page(1)).then(200, page(2)).then(200, page(3));
  client c{transport, instant_options(time)};
  const auto all =
      c.list_all_customers(customers_of_reseller(test::documented_reseller_id), 1000, 2500);
  REQUIRE_FALSE(all.has_value());
  CHECK(all.error().kind == failure_kind::unexpected_response);
  CHECK(all.error().message ==
        "HTTP 200: the listing holds more than 2500 customers, the most list_all_customers "
        "collects; read it page by page with list_customers");
  CHECK(all.error().violations.contains("", violation_code::limit));
  CHECK(transport.requests().size() == 3);
  CHECK(max_listed_customers == 100'000);
}

TEST_CASE("client: the Authorization header is gone from the client's request after the call",
          "[rest][secrets]") {
  // What is observable: each attempt carries the header (the wipe comes after the last one),
  // and the header helper the client uses removes the field in place.
  fake_time time;
  test::scripted_transport transport;
  transport.then(503).then(503).then(200, R"({"id":"x"})");
  client c{transport, instant_options(time)};
  REQUIRE(c.get_customer("626099fe-17af-4756-9fd0-6a73b7127859").has_value());
  REQUIRE(transport.requests().size() == 3);
  for (const auto& r : transport.requests())
    CHECK(r.headers.value_or("Authorization") == "Bearer secret-token");

  http_request request = get_request("https://api.partnercenter.microsoft.com/v1/x");
  request.headers.set("Accept", "application/json");
  request.headers.set("Authorization", "Bearer secret-token");
  request.headers.set("MS-RequestId", "r");
  request.headers.wipe("authorization");
  CHECK_FALSE(request.headers.contains("Authorization"));
  CHECK(request.headers == http_headers{{"Accept", "application/json"}, {"MS-RequestId", "r"}});
}

namespace {

// A token source that hands out "stale" until the client reports it rejected, then "fresh".
struct rotating_token {
  int rejected = 0;
  void plug_into(request_context& context) {
    context.token = [this] {
      return std::optional<std::string>(rejected == 0 ? "stale" : "fresh");
    };
    context.token_rejected = [this] {
      ++rejected;
    };
  }
};

}  // namespace

TEST_CASE("client: a 401 drops the token and is sent once more with a fresh one, same ids",
          "[rest][auth]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(401, "").then(201, created_body);
  auto options = instant_options(time);
  options.retry.max_attempts = 1;  // the re-authorized attempt is not a retry of a fault
  rotating_token token;
  token.plug_into(options.context);
  std::vector<retry_event> events;
  options.on_retry = [&events](const retry_event& e) {
    events.push_back(e);
  };
  client c{transport, options};

  const auto created = c.create_customer(test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(token.rejected == 1);
  const auto& sent = transport.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].headers.value_or("Authorization") == "Bearer stale");
  CHECK(sent[1].headers.value_or("Authorization") == "Bearer fresh");
  CHECK(sent[1].headers.value_or("MS-RequestId") == sent[0].headers.value_or("MS-RequestId"));
  CHECK(sent[1].headers.value_or("MS-CorrelationId") ==
        sent[0].headers.value_or("MS-CorrelationId"));
  CHECK(sent[1].body == sent[0].body);
  CHECK(time.sleeps.empty());
  REQUIRE(events.size() == 1);
  CHECK(events[0].status == 401);
  CHECK(events[0].delay == 0ms);
}

TEST_CASE("client: a second 401 for the same call is final", "[rest][auth]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(503).then(401, "").then(401, "").then(201, created_body);
  auto options = instant_options(time);
  rotating_token token;
  token.plug_into(options.context);
  client c{transport, options};
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == failure_kind::service);
  CHECK(r.error().service->http_status == 401);
  CHECK(r.error().is_authentication());
  CHECK(r.error().attempts == 3);
  CHECK(transport.requests().size() == 3);
  CHECK(token.rejected == 2);  // the second rejected token is dropped too: the next call refreshes
}

TEST_CASE("client: a 401 is not sent again when nothing can give a fresh token", "[rest][auth]") {
  fake_time time;
  test::scripted_transport transport;
  transport.then(401, "").then(201, created_body);
  client c{transport, instant_options(time)};  // a static token, no token_rejected
  const auto r = c.create_customer(test::documented_customer());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().service->http_status == 401);
  CHECK(transport.requests().size() == 1);
}

TEST_CASE("client: a 401 with code 900421 (no MFA) is final and says what to do", "[rest][auth]") {
  for (const std::string code : {"900421", "\"900421\""}) {
    INFO(code);
    fake_time time;
    test::scripted_transport transport;
    transport
        .then(401, R"({"code":)" + code +
                       R"(,"description":"Multi-factor authentication is required.","data":[]})")
        .then(201, created_body);
    auto options = instant_options(time);
    rotating_token token;
    token.plug_into(options.context);
    client c{transport, options};
    const auto r = c.create_customer(test::documented_customer());
    REQUIRE_FALSE(r.has_value());
    CHECK(transport.requests().size() == 1);
    CHECK(token.rejected == 0);  // a fresh token from the same refresh token would lack MFA too
    CHECK(r.error().is_authentication());
    CHECK(r.error().service->has_code(error_codes::mfa_required));
    CHECK(r.error().message ==
          "HTTP 401 Unauthorized, code 900421 (the access token does not come from a sign-in with "
          "multi-factor authentication: the refresh token must come from an MFA sign-in; consent "
          "again with MFA to get a new one): Multi-factor authentication is required.");
  }
}

}  // namespace rest_client_test

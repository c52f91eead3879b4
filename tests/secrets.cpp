// The bearer token and the admin password never reach an output: sentinel values go in, and every
// channel that prints is searched for them: printed requests and responses, service errors,
// failures, exception messages, violation messages, retry events, and pc-customer's `request`,
// `send` (success and each kind of failure) and `validate --format json`. With App+User, the
// client secret, the refresh tokens (given and rotated), the access tokens and the client
// assertion are searched for too, in `send`, `token` and `request --show-auth`.

#include "support/command_line.hpp"
#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"
#include "support/fake_token_endpoint.hpp"
#include "support/rsa_certificate.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/rest/service_error.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace secrets_test {

namespace {

namespace pc = partner_center;
namespace rest = partner_center::rest;
namespace fs = std::filesystem;

constexpr std::string_view token = "SENTINEL-TOKEN-7f3a9c1d";
constexpr std::string_view password = "SENTINEL-PASSWORD-b52e";

void require_clean(std::string_view channel, std::string_view text) {
  CAPTURE(channel, text.substr(0, 2000));
  CHECK(text.find(token) == std::string_view::npos);
  CHECK(text.find(password) == std::string_view::npos);
}

std::string lines(const pc::report& found) {
  std::ostringstream out;
  for (const pc::violation& v : found)
    out << v << '\n';
  return out.str();
}

std::string printed(const rest::failure& f) {
  std::ostringstream out;
  out << f;
  return out.str();
}

// The documented request with the sentinel password in userCredentials.
pc::model::Customer customer_with_password() {
  pc::model::Customer c = pc::test::documented_customer();
  c.userCredentials = pc::model::UserCredentials{"admin", std::string(password)};
  return c;
}

rest::request_context context_for(std::string base_url, std::string_view bearer = token) {
  rest::request_context context;
  context.base_url = rest::base_url::parse(base_url).value();
  context.token = rest::static_token(std::string(bearer));
  return context;
}

using partner_center::test::pc_customer_path;
using partner_center::test::temp_directory;

struct run_result {
  int status = -1;
  std::string output;  // standard output and standard error together
  std::string out;     // standard output alone
};

// Runs pc-customer with the token in PARTNER_CENTER_TOKEN, no standard input.
run_result run_tool(const std::string& tool, const std::vector<std::string>& args) {
  const auto r =
      partner_center::test::run(tool, args, {"PARTNER_CENTER_TOKEN=" + std::string(token)});
  return {r.status, r.both(), r.out};
}

// The pc-customer the build made. Skipped only when the examples were not built; built but
// missing when the tests run is a failure, so these tests cannot pass without running it.
std::string built_tool() {
  const std::string tool = pc_customer_path();
  if (tool.empty())
    SKIP("pc-customer is not built (PARTNER_CENTER_BUILD_EXAMPLES is OFF)");
  INFO("pc-customer was built as " << tool);
  REQUIRE(fs::is_regular_file(tool));
  return tool;
}

}  // namespace

TEST_CASE("secrets: a printed request shows neither the token nor a password", "[secrets]") {
  const auto context = context_for("https://api.partnercenter.microsoft.com");
  // make_request, not build_create_customer: the body must carry the password to be printed.
  const auto request =
      rest::make_request(context, rest::http_method::post, context.base_url.endpoint({"customers"}),
                         pc::encode(customer_with_password()));
  REQUIRE(request.has_value());
  REQUIRE(request->headers.value_or("Authorization") == "Bearer " + std::string(token));
  require_clean("redacted(request)", rest::redacted(*request));
  std::ostringstream streamed;
  streamed << *request;
  require_clean("operator<<(request)", streamed.str());
  require_clean("redacted_json", rest::redacted_json(customer_with_password()));
  CHECK(rest::redacted(*request).find("Bearer <redacted>") != std::string::npos);
}

TEST_CASE("secrets: a printed response shows neither the cookie nor the new password",
          "[secrets]") {
  rest::http_response response;
  response.status = 201;
  response.headers.add("Set-Cookie", "session=" + std::string(token));
  response.body = pc::encode(customer_with_password());
  require_clean("redacted(response)", rest::redacted(response));
  std::ostringstream streamed;
  streamed << response;
  require_clean("operator<<(response)", streamed.str());
  // Not JSON (a proxy's page echoing the request): bearer tokens are still hidden.
  response.body = "<html>Authorization: Bearer " + std::string(token) + "</html>";
  require_clean("redacted(HTML response)", rest::redacted(response));
}

TEST_CASE("secrets: service errors and failures quote no secret", "[secrets]") {
  rest::http_response response;
  response.status = 502;
  response.headers.add("Content-Type", "text/html");
  response.body =
      "<html><body>upstream said: Authorization: Bearer " + std::string(token) + "</body></html>";
  const rest::service_error e = rest::parse_service_error(response);
  CHECK_FALSE(e.body_excerpt.empty());
  require_clean("service_error excerpt", e.body_excerpt);
  require_clean("service_error summary", e.summary());
  require_clean("service failure", printed(rest::service_failure(e)));
}

TEST_CASE("secrets: refusals, violations and exceptions quote no secret", "[secrets]") {
  // A password in a create request is a violation that does not quote it.
  const auto checked =
      pc::model::validate_create_request_json(pc::encode(customer_with_password()));
  REQUIRE(checked.violations.contains("/userCredentials/password", pc::violation_code::forbidden));
  require_clean("violations", lines(checked.violations));

  // build_create_customer refuses it; the failure and its exception say why, not what.
  const auto context = context_for("https://api.partnercenter.microsoft.com");
  const auto built = rest::build_create_customer(context, customer_with_password());
  REQUIRE_FALSE(built.has_value());
  require_clean("failure", printed(built.error()));
  try {
    (void)built.value();
    FAIL("value() of a failure must throw");
  } catch (const std::exception& e) {
    require_clean("exception", e.what());
  }

  // A token that cannot be sent is refused without being quoted.
  const std::string bad_token = std::string(token) + "\r\nX-Injected: 1";
  const auto refused = rest::build_get_customer(context_for("https://host", bad_token),
                                                "8aeb5a54-54ab-4d58-9d8b-7c1c2d3e4f50");
  REQUIRE_FALSE(refused.has_value());
  require_clean("refused token", printed(refused.error()));
  try {
    (void)refused.value();
    FAIL("value() of a failure must throw");
  } catch (const std::exception& e) {
    require_clean("exception", e.what());
  }
}

TEST_CASE("secrets: retries, transport failures and 401s carry no token", "[secrets]") {
  SECTION("retry events and the final transport failure") {
    std::string closed;
    {
      pc::test::fake_partner_center server;
      closed = server.base_url();
    }
    rest::client_options options;
    options.context = context_for(closed);
    options.retry.max_attempts = 3;
    options.sleep = [](std::chrono::milliseconds) {
    };
    std::string events;
    options.on_retry = [&](const rest::retry_event& e) {
      events += e.url + ' ' + e.request_id + ' ' + std::to_string(e.status) + ' ' +
                (e.error ? e.error->message() : std::string()) + '\n';
    };
    rest::client c{pc::transports::curl_transport{}, options};
    const auto created = c.create_customer(pc::test::documented_customer());
    REQUIRE_FALSE(created.has_value());
    CHECK(created.error().kind == rest::failure_kind::transport);
    CHECK_FALSE(events.empty());
    require_clean("retry events", events);
    require_clean("transport failure", printed(created.error()));
  }
  SECTION("a 401 from the service") {
    pc::test::fake_partner_center server;  // expects another token
    rest::client_options options;
    options.context = context_for(server.base_url());
    rest::client c{pc::transports::curl_transport{}, options};
    const auto created = c.create_customer(pc::test::documented_customer());
    REQUIRE_FALSE(created.has_value());
    CHECK(created.error().is_authentication());
    require_clean("401 failure", printed(created.error()));
  }
}

TEST_CASE("secrets: pc-customer request, send and validate print no secret", "[secrets]") {
  const std::string tool = built_tool();
  temp_directory dir;
  const std::string valid = dir.write("valid.json", pc::encode(pc::test::documented_customer()));
  const std::string with_password =
      dir.write("password.json", pc::encode(customer_with_password()));

  SECTION("request") {
    const auto ok = run_tool(tool, {"request", valid});
    CHECK(ok.status == 0);
    CHECK(ok.output.find("Bearer <redacted>") != std::string::npos);
    require_clean("pc-customer request", ok.output);
    const auto refused = run_tool(tool, {"request", with_password});
    CHECK(refused.status == 1);
    require_clean("pc-customer request (password)", refused.output);
  }
  SECTION("validate, text and JSON") {
    for (const std::string format : {"text", "json"}) {
      const auto r = run_tool(tool, {"validate", "--format", format, with_password});
      CHECK(r.status == 1);
      CHECK(r.output.find("forbidden") != std::string::npos);
      require_clean("pc-customer validate --format " + format, r.output);
    }
  }
  SECTION("send: created, its admin password not shown") {
    pc::test::fake_partner_center server({.token = std::string(token)});
    const auto r = run_tool(tool, {"send", valid, "--base-url", server.base_url()});
    CHECK(r.status == 0);
    REQUIRE(server.customer_count() == 1);
    const auto created = server.customers().front();
    REQUIRE(created.userCredentials);
    CHECK(r.output.find(*created.userCredentials->password) == std::string::npos);
    // The created customer is printed on standard output, its password replaced.
    CHECK(r.out.find(*created.id) != std::string::npos);
    CHECK(r.out.find("\"password\":\"<redacted>\"") != std::string::npos);
    require_clean("pc-customer send", r.output);
  }
  SECTION("send: refused by the service (401), refused locally, and no server at all") {
    {
      pc::test::fake_partner_center server;  // expects another token
      const auto r = run_tool(tool, {"send", valid, "--base-url", server.base_url()});
      CHECK(r.status == 2);
      require_clean("pc-customer send (401)", r.output);
    }
    const auto invalid = run_tool(tool, {"send", with_password});
    CHECK(invalid.status == 1);
    require_clean("pc-customer send (password)", invalid.output);

    std::string closed;
    {
      pc::test::fake_partner_center server;
      closed = server.base_url();
    }
    const auto unreachable = run_tool(tool, {"send", valid, "--base-url", closed});
    CHECK(unreachable.status == 2);
    require_clean("pc-customer send (unreachable)", unreachable.output);
  }
}

namespace {

constexpr std::string_view client_secret = "SENTINEL-CLIENT-SECRET-41d7";
constexpr std::string_view refresh_token = "SENTINEL-REFRESH-TOKEN-9e06";

// pc-customer with App+User against a fake token endpoint and a fake Partner Center that accepts
// the endpoint's tokens; every credential that was in play is searched for in every output.
struct app_user_run {
  explicit app_user_run(bool certificate = false)
      : endpoint([&] {
        pc::test::fake_token_options o;
        o.refresh_token = std::string(refresh_token);
        if (certificate)
          o.certificate_pem = credential.certificate_pem;
        else
          o.client_secret = std::string(client_secret);
        return o;
      }())
      , server([this] {
        pc::test::fake_options o;
        o.accept_token = [this](std::string_view t) {
          return endpoint.accepts(t);
        };
        return o;
      }()) {
    document = dir.write("valid.json", pc::encode(pc::test::documented_customer()));
    (void)dir.write("refresh-token", refresh_token);
    options = {"--tenant",
               endpoint.options().tenant_domain,
               "--client-id",
               endpoint.options().client_id,
               "--refresh-token-file",
               (dir.path() / "refresh-token").string(),
               "--authority",
               endpoint.authority()};
    if (certificate) {
      options.insert(options.end(), {"--client-certificate",
                                     dir.write("app.pem", credential.certificate_pem +
                                                              credential.private_key_pem)});
    } else {
      options.insert(options.end(),
                     {"--client-secret-file", dir.write("client-secret", client_secret)});
    }
  }

  // Runs pc-customer `command` [FILE] with the App+User options, no PARTNER_CENTER_TOKEN.
  run_result run(const std::string& tool, const std::vector<std::string>& head,
                 bool with_base_url = true) {
    std::vector<std::string> args = head;
    args.insert(args.end(), options.begin(), options.end());
    if (with_base_url)
      args.insert(args.end(), {"--base-url", server.base_url()});
    const auto r = pc::test::run(tool, args, {"PARTNER_CENTER_TOKEN="});
    // What the endpoint issued or was sent so far is what must not show.
    secrets_seen.emplace_back(endpoint.valid_refresh_token());
    secrets_seen.emplace_back(endpoint.last_access_token());
    const auto form = endpoint.last_form();
    if (const auto a = form.find("client_assertion"); a != form.end())
      secrets_seen.push_back(a->second);
    return {r.status, r.both(), r.out};
  }

  void require_clean(std::string_view channel, std::string_view text) const {
    CAPTURE(channel, text.substr(0, 2000));
    CHECK(text.find(client_secret) == std::string_view::npos);
    CHECK(text.find(refresh_token) == std::string_view::npos);
    for (const std::string& s : secrets_seen) {
      if (!s.empty())
        CHECK(text.find(s) == std::string_view::npos);
    }
  }

  pc::test::certificate_pair credential = pc::test::make_rsa_certificate();
  temp_directory dir;
  pc::test::fake_token_endpoint endpoint;
  pc::test::fake_partner_center server;
  std::string document;
  std::vector<std::string> options;
  std::vector<std::string> secrets_seen;
};

}  // namespace

TEST_CASE("secrets: pc-customer with App+User prints no client secret, token or assertion",
          "[secrets][auth]") {
  const std::string tool = built_tool();

  SECTION("a client secret: send, token, request --show-auth, and their failures") {
    app_user_run a;
    const auto sent = a.run(tool, {"send", a.document});
    CHECK(sent.status == 0);
    CHECK(a.endpoint.issued() == 1);
    a.require_clean("send (App+User)", sent.output);

    const auto token = a.run(tool, {"token"}, false);
    CHECK(token.status == 0);
    a.require_clean("token", token.output);

    const auto shown = a.run(tool, {"request", a.document, "--show-auth"});
    CHECK(shown.status == 0);
    CHECK(shown.output.find("client_secret=<redacted>") != std::string::npos);
    a.require_clean("request --show-auth", shown.output);

    // A refusal whose description quotes the credentials it was sent.
    pc::test::token_error echo = pc::test::token_error::for_code(9002313);
    echo.error = "invalid_request";
    echo.description = "AADSTS9002313: Invalid request: refresh_token " +
                       a.endpoint.valid_refresh_token() + " client_secret " +
                       std::string(client_secret) + " refused.";
    a.endpoint.push_error(echo);
    const auto refused = a.run(tool, {"send", a.document});
    CHECK(refused.status == 2);
    a.require_clean("send (the endpoint echoes the credentials)", refused.output);
    a.endpoint.push_error(echo);
    const auto token_refused = a.run(tool, {"token"}, false);
    CHECK(token_refused.status == 2);
    a.require_clean("token (the endpoint echoes the credentials)", token_refused.output);

    a.server.push_faults({pc::test::fault::mfa_missing});
    const auto no_mfa = a.run(tool, {"send", a.document});
    CHECK(no_mfa.status == 2);
    a.require_clean("send (401, 900421)", no_mfa.output);
  }
  SECTION("a certificate: the client assertion is not shown") {
    app_user_run a(true);
    const auto sent = a.run(tool, {"send", a.document});
    CHECK(sent.status == 0);
    REQUIRE(a.endpoint.last_form().count("client_assertion") == 1);
    a.require_clean("send (certificate)", sent.output);
    CHECK(sent.output.find("PRIVATE KEY") == std::string::npos);
    const auto shown = a.run(tool, {"request", a.document, "--show-auth"});
    CHECK(shown.status == 0);
    CHECK(shown.output.find("client_assertion=<redacted>") != std::string::npos);
    a.require_clean("request --show-auth (certificate)", shown.output);
  }
}

}  // namespace secrets_test

// pc-customer with App+User credentials, end to end against the loopback fake token endpoint and
// the fake Partner Center, which accepts only the endpoint's unexpired access tokens: send,
// request --show-auth and token, the refresh token file rewritten at each rotation, and every
// credential problem stopping the command before anything reaches Partner Center.

#include "support/command_line.hpp"
#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"
#include "support/fake_token_endpoint.hpp"
#include "support/rsa_certificate.hpp"

#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <sys/stat.h>

namespace cli_auth_test {

namespace {

namespace pc = partner_center;
namespace test = partner_center::test;
namespace fs = std::filesystem;

constexpr const char* client_secret = "cli-auth-client-secret-8c1f";

std::string tool() {
  const std::string path = test::pc_customer_path();
  REQUIRE_FALSE(path.empty());  // the examples are built with the tests
  return path;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

// The two services, wired together, and the files of a partner's setup.
struct setup {
  explicit setup(test::fake_token_options token_options = with_secret())
      : endpoint(std::move(token_options))
      , partner_center([this] {
        test::fake_options o;
        o.accept_token = [this](std::string_view token) {
          return endpoint.accepts(token);
        };
        return o;
      }()) {
    secret_file = dir.write("client-secret", std::string(client_secret) + "\n");
    refresh_token_file = dir.write("refresh-token", endpoint.valid_refresh_token() + "\n");
    document = dir.write("customer.json", pc::encode(test::documented_customer()));
  }

  static test::fake_token_options with_secret() {
    test::fake_token_options o;
    o.client_secret = client_secret;
    return o;
  }

  // The App+User options (a client secret) and the two URLs.
  [[nodiscard]] std::vector<std::string> app_user() const {
    return {"--tenant",
            endpoint.options().tenant_domain,
            "--client-id",
            endpoint.options().client_id,
            "--client-secret-file",
            secret_file,
            "--refresh-token-file",
            refresh_token_file,
            "--authority",
            endpoint.authority(),
            "--base-url",
            partner_center.base_url()};
  }

  test::run_result run(std::vector<std::string> args, const std::vector<std::string>& extra = {},
                       std::vector<std::string> environment = {}) const {
    args.insert(args.end(), extra.begin(), extra.end());
    environment.emplace_back("PARTNER_CENTER_TOKEN=");
    return test::run(tool(), args, environment);
  }
  test::run_result send(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args{"send", document};
    const auto options = app_user();
    args.insert(args.end(), options.begin(), options.end());
    return run(args, extra);
  }

  // Whether `text` holds none of the credentials in play.
  [[nodiscard]] bool clean(std::string_view text, std::string_view initial_refresh_token) const {
    const std::string access = endpoint.last_access_token();
    const std::string current = endpoint.valid_refresh_token();
    return text.find(client_secret) == std::string_view::npos &&
           text.find(initial_refresh_token) == std::string_view::npos &&
           text.find(current) == std::string_view::npos &&
           (access.empty() || text.find(access) == std::string_view::npos);
  }

  test::temp_directory dir;
  test::fake_token_endpoint endpoint;
  test::fake_partner_center partner_center;
  std::string secret_file;
  std::string refresh_token_file;
  std::string document;
};

}  // namespace

TEST_CASE("auth cli: send with App+User creates the customer and keeps the rotated refresh token",
          "[cli][auth]") {
  setup s;
  const std::string initial = s.endpoint.valid_refresh_token();
  const auto first = s.send();
  CAPTURE(first.out, first.err);
  REQUIRE(first.status == 0);
  CHECK(s.partner_center.customer_count() == 1);
  CHECK(s.endpoint.issued() == 1);
  CHECK(s.endpoint.last_form().at("client_secret") == client_secret);
  // The rotated refresh token replaced the old one, in a file only its owner can read.
  CHECK(s.endpoint.valid_refresh_token() != initial);
  CHECK(trimmed(test::read_text_file(s.refresh_token_file)) == s.endpoint.valid_refresh_token());
  struct stat st {};
  REQUIRE(::stat(s.refresh_token_file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(s.clean(first.both(), initial));

  // The next run starts from the rotated token (the first one is dead by now).
  pc::model::Customer another = test::documented_customer();
  another.companyProfile->domain = "fabrikamsecondrun.onmicrosoft.com";
  const std::string second_document = s.dir.write("second.json", pc::encode(another));
  std::vector<std::string> args{"send", second_document};
  const auto options = s.app_user();
  args.insert(args.end(), options.begin(), options.end());
  const auto second = s.run(args);
  CAPTURE(second.out, second.err);
  CHECK(second.status == 0);
  CHECK(s.partner_center.customer_count() == 2);
  CHECK(s.endpoint.issued() == 2);
  CHECK(trimmed(test::read_text_file(s.refresh_token_file)) == s.endpoint.valid_refresh_token());
  CHECK(s.partner_center.statistics().unauthorized == 0);
  CHECK(s.clean(second.both(), initial));
}

TEST_CASE("auth cli: a token that expires during the retries is replaced before it is refused",
          "[cli][auth]") {
  test::fake_token_options short_lived = setup::with_secret();
  short_lived.lifetime = std::chrono::seconds(2);
  setup s(short_lived);
  // Four 503s: the backoff (0.25 s to 7.5 s in all) outlasts the 2-second token.
  s.partner_center.push_faults({test::fault::unavailable, test::fault::unavailable,
                                test::fault::unavailable, test::fault::unavailable});
  const auto r = s.send();
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(s.partner_center.customer_count() == 1);
  CHECK(s.endpoint.issued() >= 2);
  CHECK(s.partner_center.statistics().unauthorized == 0);
  // All five attempts were one logical create.
  const auto ids = s.partner_center.request_ids();
  REQUIRE(ids.size() == 5);
  for (const auto& id : ids)
    CHECK(id == ids.front());
  CHECK(trimmed(test::read_text_file(s.refresh_token_file)) == s.endpoint.valid_refresh_token());
}

TEST_CASE("auth cli: a credential problem exits 2 before anything is sent to Partner Center",
          "[cli][auth]") {
  std::string expected;
  std::optional<setup> s;
  SECTION("a dead refresh token") {
    s.emplace();
    (void)s->dir.write("refresh-token", "0.AR8A-long-dead-refresh-token\n");
    expected =
        "the refresh token has expired (AADSTS70008): consent again with an MFA sign-in to "
        "get a new one";
  }
  SECTION("a wrong client secret") {
    s.emplace();
    (void)s->dir.write("client-secret", "not-the-secret\n");
    expected =
        "the client secret is invalid (AADSTS7000215): give the secret's value (not its "
        "id) of a secret of this application registration";
  }
  SECTION("MFA required by the token endpoint") {
    s.emplace();
    s->endpoint.push_error(test::token_error::for_code(50076));
    expected =
        "multi-factor authentication is required (AADSTS50076): the refresh token must come "
        "from a sign-in with MFA; consent again with an MFA sign-in to get a new one";
  }
  SECTION("an access token whose amr has no mfa") {
    test::fake_token_options no_mfa = setup::with_secret();
    no_mfa.amr = {"pwd"};
    s.emplace(no_mfa);
    expected =
        "multi-factor authentication is required: the refresh token must come from a "
        "sign-in with MFA; consent again with an MFA sign-in to get a new one (the access "
        "token's amr claim, read without verifying the token, has no \"mfa\")";
  }
  const std::string before = test::read_text_file(s->refresh_token_file);
  const std::string credentials = (s->dir.path() / "admin.json").string();
  const auto r = s->send({"--credentials-file", credentials});
  CAPTURE(r.out, r.err);
  CHECK(r.status == 2);
  CHECK(r.err.starts_with("pc-customer send: " + expected));
  CHECK(r.err.find("; nothing was sent\n") != std::string::npos);
  CHECK(r.err.find("MS-RequestId") == std::string::npos);
  CHECK(s->partner_center.statistics().requests == 0);
  CHECK_FALSE(fs::exists(credentials));
  CHECK(s->clean(r.both(), trimmed(before)));
}

TEST_CASE("auth cli: Partner Center's 401 with code 900421 exits 2 and asks for an MFA sign-in",
          "[cli][auth]") {
  setup s;
  s.partner_center.push_faults({test::fault::mfa_missing});
  const auto r = s.send();
  CAPTURE(r.out, r.err);
  CHECK(r.status == 2);
  CHECK(r.out.find("the refresh token must come from an MFA sign-in") != std::string::npos);
  CHECK(r.err.find("may or may not have been created") == std::string::npos);
  CHECK(s.partner_center.customer_count() == 0);
  CHECK(s.partner_center.statistics().create_requests == 1);  // not sent again
}

TEST_CASE("auth cli: the settings from the PARTNER_CENTER_* environment variables", "[cli][auth]") {
  setup s;
  const auto r = s.run({"send", s.document, "--authority", s.endpoint.authority(), "--base-url",
                        s.partner_center.base_url()},
                       {},
                       {"PARTNER_CENTER_TENANT=" + s.endpoint.options().tenant_id,
                        "PARTNER_CENTER_CLIENT_ID=" + s.endpoint.options().client_id,
                        "PARTNER_CENTER_CLIENT_SECRET_FILE=" + s.secret_file,
                        "PARTNER_CENTER_REFRESH_TOKEN_FILE=" + s.refresh_token_file});
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(s.partner_center.customer_count() == 1);
  CHECK(s.endpoint.last_path() == "/" + s.endpoint.options().tenant_id + "/oauth2/token");
}

TEST_CASE("auth cli: a certificate instead of a secret", "[cli][auth]") {
  const test::certificate_pair certificate = test::make_rsa_certificate();
  test::fake_token_options with_certificate;
  with_certificate.certificate_pem = certificate.certificate_pem;
  setup s(with_certificate);
  const std::string cert = s.dir.write("app.crt", certificate.certificate_pem);
  const std::string key = s.dir.write("app.key", certificate.private_key_pem);
  const auto r =
      s.run({"send", s.document, "--tenant", s.endpoint.options().tenant_domain, "--client-id",
             s.endpoint.options().client_id, "--client-certificate", cert, "--client-key", key,
             "--refresh-token-file", s.refresh_token_file, "--authority", s.endpoint.authority(),
             "--base-url", s.partner_center.base_url()});
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(s.endpoint.last_problem().empty());
  CHECK(s.partner_center.customer_count() == 1);
  const std::string assertion = s.endpoint.last_form().at("client_assertion");
  REQUIRE_FALSE(assertion.empty());
  CHECK(r.both().find(assertion) == std::string::npos);
  CHECK(r.both().find("PRIVATE KEY") == std::string::npos);

  // One PEM holding both.
  const std::string both =
      s.dir.write("app.pem", certificate.certificate_pem + certificate.private_key_pem);
  pc::model::Customer another = test::documented_customer();
  another.companyProfile->domain = "fabrikamcertificate.onmicrosoft.com";
  const auto again =
      s.run({"send", s.dir.write("second.json", pc::encode(another)), "--tenant",
             s.endpoint.options().tenant_domain, "--client-id", s.endpoint.options().client_id,
             "--client-certificate", both, "--refresh-token-file", s.refresh_token_file,
             "--authority", s.endpoint.authority(), "--base-url", s.partner_center.base_url()});
  CAPTURE(again.out, again.err);
  CHECK(again.status == 0);
  CHECK(s.partner_center.customer_count() == 2);
}

TEST_CASE("auth cli: a throttled or unavailable token endpoint is asked again", "[cli][auth]") {
  setup s;
  s.endpoint.push_error(test::token_error::unavailable());
  s.endpoint.push_error(test::token_error::throttled("1"));
  const auto r = s.send();
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(s.endpoint.requests() == 3);
  CHECK(s.partner_center.customer_count() == 1);
}

TEST_CASE("auth cli: unusable settings are refused before anything is sent", "[cli][auth]") {
  setup s;
  const auto refused = [&](std::vector<std::string> args, const std::string& message) {
    args.insert(args.begin(), {"send", s.document});
    const auto r = s.run(args);
    CAPTURE(args, r.out, r.err);
    CHECK(r.status == 2);
    CHECK(r.err == "pc-customer send: " + message + "; nothing was sent\n");
  };
  const std::string tenant = s.endpoint.options().tenant_domain;
  const std::string client = s.endpoint.options().client_id;
  const std::string base = s.partner_center.base_url();
  const std::string authority = s.endpoint.authority();
  refused({"--tenant", tenant, "--refresh-token-file", s.refresh_token_file, "--authority",
           authority, "--base-url", base},
          "App+User needs --client-id (or PARTNER_CENTER_CLIENT_ID)");
  refused({"--tenant", tenant, "--client-id", client, "--authority", authority, "--base-url", base},
          "App+User needs --refresh-token-file (or PARTNER_CENTER_REFRESH_TOKEN_FILE): the file "
          "holding the refresh token of a consent given with an MFA sign-in");
  refused({"--tenant", tenant, "--client-id", client, "--refresh-token-file", s.refresh_token_file,
           "--base-url", base},
          "the base URL " + base +
              " is none of the Partner Center clouds': give its token authority with --authority");
  refused({"--tenant", tenant, "--client-id", client, "--refresh-token-file", s.refresh_token_file,
           "--authority", "http://login.example.com", "--base-url", base},
          "authority \"http://login.example.com\": http:// is accepted only for a loopback host "
          "(127.0.0.0/8, ::1, localhost); use https://");
  refused({"--tenant", tenant, "--client-id", client, "--client-secret-file",
           (s.dir.path() / "missing").string(), "--refresh-token-file", s.refresh_token_file,
           "--authority", authority, "--base-url", base},
          "cannot read the client secret file \"" + (s.dir.path() / "missing").string() +
              "\": No such file or directory");
  refused({"--tenant", tenant, "--client-id", client, "--refresh-token-file",
           (s.dir.path() / "missing").string(), "--authority", authority, "--base-url", base},
          "cannot read the refresh token file \"" + (s.dir.path() / "missing").string() +
              "\": No such file or directory");
  CHECK(s.endpoint.requests() == 0);
  CHECK(s.partner_center.statistics().requests == 0);
}

TEST_CASE("auth cli: token prints the expiry and the claims, never a token", "[cli][auth]") {
  setup s;
  const std::string initial = s.endpoint.valid_refresh_token();
  const std::vector<std::string> options{"--tenant",
                                         s.endpoint.options().tenant_domain,
                                         "--client-id",
                                         s.endpoint.options().client_id,
                                         "--client-secret-file",
                                         s.secret_file,
                                         "--refresh-token-file",
                                         s.refresh_token_file,
                                         "--authority",
                                         s.endpoint.authority()};
  std::vector<std::string> args{"token"};
  args.insert(args.end(), options.begin(), options.end());
  const auto r = s.run(args);
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("tenant:  " + s.endpoint.options().tenant_id + "\n") != std::string::npos);
  CHECK(r.out.find("user:    admin@contoso.onmicrosoft.com\n") != std::string::npos);
  CHECK(r.out.find("mfa:     yes (amr: pwd, mfa)\n") != std::string::npos);
  CHECK(r.out.find("expires: ") != std::string::npos);
  CHECK(r.out.find("read from the access token without verifying its signature") !=
        std::string::npos);
  CHECK(s.endpoint.issued() == 1);
  CHECK(trimmed(test::read_text_file(s.refresh_token_file)) == s.endpoint.valid_refresh_token());
  CHECK(s.clean(r.both(), initial));
  CHECK(s.partner_center.statistics().requests == 0);

  SECTION("a dead refresh token: exit 2 and what to do") {
    (void)s.dir.write("refresh-token", "0.AR8A-long-dead-refresh-token\n");
    const auto dead = s.run(args);
    CHECK(dead.status == 2);
    CHECK(dead.err.starts_with("pc-customer token: the refresh token has expired (AADSTS70008)"));
    CHECK(dead.out.empty());
  }
  SECTION("no MFA in amr: exit 2") {
    test::fake_token_options no_mfa = setup::with_secret();
    no_mfa.amr = {"pwd"};
    setup other(no_mfa);
    args = {"token"};
    auto other_options = other.app_user();
    other_options.resize(other_options.size() - 2);  // no --base-url
    args.insert(args.end(), other_options.begin(), other_options.end());
    const auto without = other.run(args);
    CAPTURE(without.out, without.err);
    CHECK(without.status == 2);
    CHECK(without.out.find("mfa:     no (amr: pwd)\n") != std::string::npos);
    CHECK(without.err.starts_with("pc-customer token: multi-factor authentication is required"));
  }
}

TEST_CASE("auth cli: request --show-auth prints the token request, its credentials redacted",
          "[cli][auth]") {
  setup s;
  std::vector<std::string> args{"request", s.document, "--show-auth"};
  const auto options = s.app_user();
  args.insert(args.end(), options.begin(), options.end());
  const auto r = s.run(args);
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("POST " + s.endpoint.authority() + "/contoso.onmicrosoft.com/oauth2/token " +
                   "HTTP/1.1\r\n") != std::string::npos);
  CHECK(r.out.find("grant_type=refresh_token&client_id=" + s.endpoint.options().client_id +
                   "&refresh_token=<redacted>&resource=https%3A%2F%2Fapi.partnercenter.microsoft."
                   "com&client_secret=<redacted>") != std::string::npos);
  CHECK(r.out.find("POST " + s.partner_center.base_url() + "/v1/customers HTTP/1.1") !=
        std::string::npos);
  CHECK(r.out.find("Authorization: Bearer <redacted>") != std::string::npos);
  CHECK(s.endpoint.requests() == 0);
  CHECK(s.partner_center.statistics().requests == 0);
  CHECK(s.clean(r.both(), s.endpoint.valid_refresh_token()));

  SECTION("with PARTNER_CENTER_TOKEN there is no token request") {
    const auto with_token = test::run(tool(), args, {"PARTNER_CENTER_TOKEN=cli-auth-static"});
    CHECK(with_token.status == 0);
    CHECK(with_token.out.find("oauth2") == std::string::npos);
    CHECK(with_token.out.find("the bearer token comes from PARTNER_CENTER_TOKEN") !=
          std::string::npos);
    CHECK(with_token.both().find("cli-auth-static") == std::string::npos);
  }
}

TEST_CASE("auth cli: an invalid document costs no token exchange", "[cli][auth]") {
  setup s;
  pc::model::Customer broken = test::documented_customer();
  broken.billingProfile->email = "not an address";
  const std::string initial = s.endpoint.valid_refresh_token();
  std::vector<std::string> args{"send", s.dir.write("broken.json", pc::encode(broken))};
  const auto options = s.app_user();
  args.insert(args.end(), options.begin(), options.end());
  const auto r = s.run(args);
  CAPTURE(r.out, r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("/billingProfile/email") != std::string::npos);
  CHECK(s.endpoint.requests() == 0);
  CHECK(trimmed(test::read_text_file(s.refresh_token_file)) == initial);
  CHECK(s.partner_center.statistics().requests == 0);
}

}  // namespace cli_auth_test

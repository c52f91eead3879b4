#pragma once

// Where send, request --show-auth and token get the bearer token: PARTNER_CENTER_TOKEN when it is
// set, otherwise App+User from the secure application model
// (https://learn.microsoft.com/partner-center/developer/enable-secure-app-model): the refresh
// token a partner user got once by consenting with an MFA sign-in is exchanged at the Entra ID
// token endpoint for access tokens, and each rotated refresh token replaces the one in the file.
//
//   --tenant TENANT               PARTNER_CENTER_TENANT             id or onmicrosoft.com domain
//   --client-id ID                PARTNER_CENTER_CLIENT_ID          the app registration's id
//   --client-secret-file PATH     PARTNER_CENTER_CLIENT_SECRET_FILE a file holding the secret
//   --client-certificate PEM      certificate and private key (or --client-key PEM for the key)
//   --refresh-token-file PATH     PARTNER_CENTER_REFRESH_TOKEN_FILE rewritten at each rotation
//   --authority URL               default: the base URL's cloud (https; http for loopback only)
//
// The command line wins over the environment. Secrets live in files, never on the command line
// (where `ps` and the shell history show them), and nothing here prints one.
//
// A command parses with take_auth_option, then calls make_token_source and, before sending
// anything, token_source::ready(): a dead refresh token, a missing MFA sign-in or a refused client
// secret stop it there, with a sentence that says what a person must do.

#include "process_secrets.hpp"

#include <partner_center/auth/access_token_claims.hpp>
#include <partner_center/auth/client_assertion.hpp>
#include <partner_center/auth/cloud.hpp>
#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/refresh_token_store.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/auth/token_provider.hpp>
#include <partner_center/auth/token_request.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/secure_erase.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace pc_customer {

struct auth_arguments {
  std::string tenant;
  std::string client_id;
  std::string client_secret_file;
  std::string client_certificate;  // PEM: the certificate, and its key unless client_key is set
  std::string client_key;          // PEM: the private key
  std::string refresh_token_file;
  std::string authority;  // empty: the authority of the base URL's cloud

  // Whether any App+User setting was given.
  [[nodiscard]] bool any() const {
    return !tenant.empty() || !client_id.empty() || !client_secret_file.empty() ||
           !client_certificate.empty() || !client_key.empty() || !refresh_token_file.empty() ||
           !authority.empty();
  }
};

// For a command's usage line.
inline constexpr std::string_view auth_usage =
    " [--tenant TENANT --client-id ID [--client-secret-file PATH | --client-certificate PEM"
    " [--client-key PEM]] --refresh-token-file PATH [--authority URL]]";

enum class auth_option : std::uint8_t {
  none,          // args[i] is not an App+User option
  taken,         // taken with its value; i is at the value
  missing_value  // the option is the last argument
};

// Takes args[i] when it is an App+User option.
inline auth_option take_auth_option(std::span<const std::string_view> args, std::size_t& i,
                                    auth_arguments& parsed) {
  const std::string_view arg = args[i];
  std::string* target = nullptr;
  if (arg == "--tenant")
    target = &parsed.tenant;
  else if (arg == "--client-id")
    target = &parsed.client_id;
  else if (arg == "--client-secret-file")
    target = &parsed.client_secret_file;
  else if (arg == "--client-certificate")
    target = &parsed.client_certificate;
  else if (arg == "--client-key")
    target = &parsed.client_key;
  else if (arg == "--refresh-token-file")
    target = &parsed.refresh_token_file;
  else if (arg == "--authority")
    target = &parsed.authority;
  if (target == nullptr)
    return auth_option::none;
  if (i + 1 == args.size())
    return auth_option::missing_value;
  *target = std::string(args[++i]);
  return auth_option::taken;
}

namespace detail {

// The environment's value where the command line left a setting empty. These are names and
// paths, not secrets: they stay in the environment.
inline void default_from_environment(std::string& setting, const char* variable) {
  if (!setting.empty())
    return;
  if (const char* value = std::getenv(variable); value != nullptr)
    setting = value;
}

inline partner_center::auth::auth_failure configuration_failure(std::string detail) {
  return partner_center::auth::local_failure(
      partner_center::auth::auth_failure_kind::invalid_configuration, std::move(detail));
}

// A small file holding a credential, read whole into one buffer that is wiped after use; white
// space around it (a final newline) is dropped. `what` names it in messages.
inline partner_center::auth::result<partner_center::auth::secret> read_credential_file(
    const std::string& path, std::string_view what) {
  constexpr std::size_t max_size = std::size_t{64} * 1024;
  const std::string where = "the " + std::string(what) + " file \"" + path + "\"";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return configuration_failure("cannot read " + where + ": " + std::strerror(errno));
  std::string content;
  content.reserve(max_size + 1);
  char chunk[4096];
  int error = 0;
  while (content.size() <= max_size) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      error = errno;
    if (n <= 0)
      break;
    content.append(chunk, std::min(static_cast<std::size_t>(n), max_size + 1 - content.size()));
  }
  ::close(fd);
  partner_center::rest::secure_erase(chunk, sizeof chunk);
  const std::size_t size = content.size();
  const std::size_t first = content.find_first_not_of(" \t\r\n");
  const std::size_t last = content.find_last_not_of(" \t\r\n");
  partner_center::auth::secret value(
      first == std::string::npos ? std::string_view()
                                 : std::string_view(content).substr(first, last + 1 - first));
  partner_center::rest::secure_erase(content);
  if (error != 0)
    return configuration_failure("cannot read " + where + ": " + std::strerror(error));
  if (size > max_size)
    return configuration_failure(where + " is over " + std::to_string(max_size) + " bytes");
  if (value.empty())
    return configuration_failure(where + " is empty");
  return value;
}

}  // namespace detail

// What App+User needs, resolved: how to ask for a token, and where the refresh token lives.
struct app_user_setup {
  partner_center::auth::token_provider_options options;
  std::shared_ptr<partner_center::auth::file_refresh_token_store> store;
};

// The App+User settings of `arguments` (completed from the PARTNER_CENTER_* variables) for the
// Partner Center at `base`. Nothing is sent.
inline partner_center::auth::result<app_user_setup> make_app_user_setup(
    auth_arguments arguments, const partner_center::rest::base_url& base) {
  namespace auth = partner_center::auth;
  detail::default_from_environment(arguments.tenant, "PARTNER_CENTER_TENANT");
  detail::default_from_environment(arguments.client_id, "PARTNER_CENTER_CLIENT_ID");
  detail::default_from_environment(arguments.client_secret_file,
                                   "PARTNER_CENTER_CLIENT_SECRET_FILE");
  detail::default_from_environment(arguments.refresh_token_file,
                                   "PARTNER_CENTER_REFRESH_TOKEN_FILE");
  if (arguments.tenant.empty())
    return detail::configuration_failure("App+User needs --tenant (or PARTNER_CENTER_TENANT)");
  if (arguments.client_id.empty()) {
    return detail::configuration_failure(
        "App+User needs --client-id (or PARTNER_CENTER_CLIENT_ID)");
  }
  if (arguments.refresh_token_file.empty()) {
    return detail::configuration_failure(
        "App+User needs --refresh-token-file (or PARTNER_CENTER_REFRESH_TOKEN_FILE): the file "
        "holding the refresh token of a consent given with an MFA sign-in");
  }
  if (!arguments.client_secret_file.empty() && !arguments.client_certificate.empty()) {
    return detail::configuration_failure(
        "give --client-secret-file or --client-certificate, not both");
  }
  if (!arguments.client_key.empty() && arguments.client_certificate.empty())
    return detail::configuration_failure("--client-key needs --client-certificate");

  app_user_setup setup;
  auth::token_request_options& request = setup.options.request;
  request.tenant = arguments.tenant;
  request.client_id = arguments.client_id;
  // The resource of the base URL's cloud; a base URL of no cloud (a test server, a proxy) is
  // taken as a stand-in for the public one.
  const auth::cloud* cloud = auth::cloud_of(base);
  request.resource = std::string(cloud ? cloud->resource : auth::public_cloud.resource);
  if (arguments.authority.empty()) {
    if (cloud == nullptr) {
      return detail::configuration_failure(
          "the base URL " + std::string(base.url().buffer()) +
          " is none of the Partner Center clouds': give its token authority with --authority");
    }
    arguments.authority = std::string(cloud->authority);
  }
  auto authority = auth::authority::parse(arguments.authority);
  if (!authority)
    return authority.error();
  request.authority = std::move(*authority);

  if (!arguments.client_secret_file.empty()) {
    auto secret = detail::read_credential_file(arguments.client_secret_file, "client secret");
    if (!secret)
      return secret.error();
    request.credential = auth::client_secret{std::move(*secret)};
  } else if (!arguments.client_certificate.empty()) {
    auto certificate =
        detail::read_credential_file(arguments.client_certificate, "client certificate");
    if (!certificate)
      return certificate.error();
    auth::secret key;
    if (!arguments.client_key.empty()) {
      auto read = detail::read_credential_file(arguments.client_key, "client key");
      if (!read)
        return read.error();
      key = std::move(*read);
    }
    auto credential = auth::client_certificate::from_pem(
        certificate->reveal(), key.empty() ? certificate->reveal() : key.reveal());
    if (!credential)
      return credential.error();
    request.credential = auth::client_assertion{std::move(*credential)};
  }  // neither: a public client

  // The token endpoint has no business with --ca-file (a private CA for the base URL): the
  // system's trust store. A token answer is small and quick.
  partner_center::transports::curl_options transport;
  transport.timeout = std::chrono::seconds(30);
  setup.options.send = partner_center::transports::curl_transport(transport);
  setup.store = std::make_shared<auth::file_refresh_token_store>(arguments.refresh_token_file);
  return setup;
}

// The failure as one line for people: its advice, what support needs, and the detail the advice
// leaves out.
inline std::string describe(const partner_center::auth::auth_failure& f) {
  using kind = partner_center::auth::auth_failure_kind;
  std::string out = f.summary();
  const bool advice_has_detail = f.kind == kind::unreachable || f.kind == kind::invalid_answer ||
                                 f.kind == kind::invalid_configuration || f.kind == kind::storage;
  if (!advice_has_detail && !f.detail.empty())
    out += " (" + f.detail + ")";
  return out;
}

// The token source of a command, PARTNER_CENTER_TOKEN's or an App+User provider, shared by the
// copies. Thread-safe.
class token_source {
 public:
  static token_source from_token(std::string token) {
    token_source s;
    s.token_ = std::make_shared<partner_center::auth::secret>(std::move(token));
    return s;
  }
  static token_source from_provider(std::shared_ptr<partner_center::auth::token_provider> p) {
    token_source s;
    s.provider_ = std::move(p);
    return s;
  }

  // Sets the context's token and, for App+User, token_rejected: a 401 then drops the cached
  // token and the client sends the request once more with a new one.
  void fill(partner_center::rest::request_context& context) const {
    if (provider_) {
      partner_center::auth::use_provider(context, provider_);
      return;
    }
    context.token = [token = token_]() -> std::optional<std::string> {
      return std::string(token->reveal());  // authorize() wipes its copy
    };
    context.token_rejected = nullptr;  // the same token again would be refused again
  }

  // Gets a token now, so that a command stops before sending anything when there is none: a
  // throttled or unavailable token endpoint is asked up to three times (after its Retry-After,
  // at most a minute). An access token whose amr claim (read without verifying the token) lacks
  // "mfa" is refused too: Partner Center refuses App+User calls without an MFA sign-in
  // (https://learn.microsoft.com/partner-center/developer/partner-center-authentication).
  partner_center::auth::result<void> ready(const std::function<void(std::chrono::seconds)>& sleep =
                                               [](std::chrono::seconds s) {
                                                 std::this_thread::sleep_for(s);
                                               }) const {
    if (!provider_)
      return check_mfa(*token_);
    for (int attempt = 1;; ++attempt) {
      auto token = provider_->access_token();
      if (token)
        return check_mfa(*token);
      if (!token.error().retryable() || attempt == 3)
        return token.error();
      const std::chrono::seconds wait =
          std::min(token.error().retry_after.value_or(std::chrono::seconds(attempt)),
                   std::chrono::seconds(60));
      sleep(wait);
    }
  }

  // Why the provider has no token (after a failure with token_unavailable); empty for
  // PARTNER_CENTER_TOKEN.
  [[nodiscard]] std::optional<partner_center::auth::auth_failure> last_failure() const {
    return provider_ ? provider_->last_failure() : std::nullopt;
  }

  // The App+User provider; null for PARTNER_CENTER_TOKEN.
  [[nodiscard]] const std::shared_ptr<partner_center::auth::token_provider>& provider() const {
    return provider_;
  }
  // PARTNER_CENTER_TOKEN's value; null for App+User.
  [[nodiscard]] const std::shared_ptr<partner_center::auth::secret>& static_token() const {
    return token_;
  }

 private:
  token_source() = default;

  static partner_center::auth::result<void> check_mfa(const partner_center::auth::secret& token) {
    namespace auth = partner_center::auth;
    const auto claims = auth::unverified_claims(token);
    // Not a JWT, or no amr claim (v2.0 tokens may lack it): the service decides.
    if (!claims || claims->amr.empty() || claims->has_mfa())
      return {};
    auth::auth_failure f =
        auth::local_failure(auth::auth_failure_kind::mfa_required,
                            "the access token's amr claim, read without verifying the token, "
                            "has no \"mfa\"");
    return f;
  }

  std::shared_ptr<partner_center::auth::secret> token_;
  std::shared_ptr<partner_center::auth::token_provider> provider_;
};

// The token source of a command: `environment_token` (PARTNER_CENTER_TOKEN, already taken out of
// the environment) when not empty, App+User otherwise. The refresh token file is read here; no
// token is asked for yet (token_source::ready()).
inline partner_center::auth::result<token_source> make_token_source(
    std::string environment_token, const auth_arguments& arguments,
    const partner_center::rest::base_url& base) {
  namespace auth = partner_center::auth;
  if (!environment_token.empty())
    return token_source::from_token(std::move(environment_token));
  auto setup = make_app_user_setup(arguments, base);
  if (!setup)
    return setup.error();
  auto provider = auth::token_provider::from_store(std::move(setup->options), setup->store);
  if (!provider)
    return provider.error();
  return token_source::from_provider(std::move(*provider));
}

// Whether App+User is configured at all, on the command line or in the environment.
inline bool app_user_configured(const auth_arguments& arguments) {
  if (arguments.any())
    return true;
  for (const char* variable :
       {"PARTNER_CENTER_TENANT", "PARTNER_CENTER_CLIENT_ID", "PARTNER_CENTER_CLIENT_SECRET_FILE",
        "PARTNER_CENTER_REFRESH_TOKEN_FILE"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0')
      return true;
  }
  return false;
}

// The token source of a command that sends, or nothing after saying on `err` why not (the
// command then exits 2 with nothing sent). `command` names it in messages.
inline std::optional<token_source> sending_token_source(std::string environment_token,
                                                        const auth_arguments& arguments,
                                                        const partner_center::rest::base_url& base,
                                                        std::string_view command,
                                                        std::ostream& err) {
  if (environment_token.empty() && !app_user_configured(arguments)) {
    err << "pc-customer " << command << ": PARTNER_CENTER_TOKEN is not set; nothing was sent\n";
    return std::nullopt;
  }
  if (!environment_token.empty() && arguments.any()) {
    err << "pc-customer " << command
        << ": PARTNER_CENTER_TOKEN is set; the App+User options are not used\n";
  }
  auto source = make_token_source(std::move(environment_token), arguments, base);
  if (!source) {
    err << "pc-customer " << command << ": " << describe(source.error()) << "; nothing was sent\n";
    return std::nullopt;
  }
  return std::move(*source);
}

}  // namespace pc_customer

#pragma once

// pc-customer token [--base-url URL] [App+User options: auth_arguments.hpp]
// "Are my credentials good?": gets one access token the way send does (PARTNER_CENTER_TOKEN, or
// one exchange of the refresh token, whose rotation is saved) and prints when it expires and the
// claims that matter to Partner Center: the tenant, the user, and whether the sign-in used
// multi-factor authentication, which Partner Center requires of App+User calls
// (https://learn.microsoft.com/partner-center/developer/partner-center-authentication). The
// claims are read from the token's payload without verifying its signature, for showing only.
// The token itself is never printed.
// Exit status: 0 a token with MFA (or no amr claim to tell); 2 no token, a token without MFA, or
// a usage error.

#include "auth_arguments.hpp"
#include "process_secrets.hpp"

#include <partner_center/auth/access_token_claims.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/rest/base_url.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace pc_customer {

inline constexpr std::string_view token_usage_text =
    "usage: pc-customer token [--base-url URL] [--tenant TENANT --client-id ID"
    " [--client-secret-file PATH | --client-certificate PEM [--client-key PEM]]"
    " --refresh-token-file PATH [--authority URL]]\n"
    "The token is PARTNER_CENTER_TOKEN when it is set. App+User settings may also come from\n"
    "PARTNER_CENTER_TENANT, PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET_FILE and\n"
    "PARTNER_CENTER_REFRESH_TOKEN_FILE.\n";

namespace detail {

inline std::string utc_text(std::chrono::system_clock::time_point when) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{seconds - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()));
  return text;
}

}  // namespace detail

inline int run_token(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  namespace auth = partner_center::auth;
  namespace rest = partner_center::rest;
  refuse_core_dumps();
  std::string environment_token =
      take_from_environment("PARTNER_CENTER_TOKEN").value_or(std::string());
  const erase_on_exit erase_token(environment_token);

  auth_arguments arguments;
  std::string base_text(rest::public_cloud_base_url);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out << token_usage_text;
      return 0;
    }
    const auth_option taken = take_auth_option(args, i, arguments);
    if (taken == auth_option::taken)
      continue;
    if (taken == auth_option::missing_value || (arg == "--base-url" && i + 1 == args.size())) {
      err << "pc-customer token: " << arg << " needs a value\n" << token_usage_text;
      return 2;
    }
    if (arg == "--base-url") {
      base_text = std::string(args[++i]);
      continue;
    }
    err << "pc-customer token: unknown argument " << arg << '\n' << token_usage_text;
    return 2;
  }
  const auto base = rest::base_url::parse(base_text);
  if (!base) {
    err << "pc-customer token: " << base.error() << '\n';
    return 2;
  }
  if (environment_token.empty() && !app_user_configured(arguments)) {
    err << "pc-customer token: PARTNER_CENTER_TOKEN is not set and no App+User settings were "
           "given\n"
        << token_usage_text;
    return 2;
  }
  const bool from_environment = !environment_token.empty();
  if (from_environment && arguments.any())
    err << "pc-customer token: PARTNER_CENTER_TOKEN is set; the App+User options are not used\n";
  const auto source = make_token_source(std::move(environment_token), arguments, *base);
  if (!source) {
    err << "pc-customer token: " << describe(source.error()) << '\n';
    return 2;
  }
  const auto ready = source->ready();
  // Without MFA there is a token all the same: its claims show why it will be refused.
  const bool token_without_mfa = !ready &&
                                 ready.error().kind == auth::auth_failure_kind::mfa_required &&
                                 ready.error().http_status == 0;
  if (!ready && !token_without_mfa) {
    err << "pc-customer token: " << describe(ready.error()) << '\n';
    return 2;
  }

  auth::secret token;
  std::optional<std::chrono::system_clock::time_point> expires;
  if (source->provider()) {
    auto cached = source->provider()->access_token();  // the one ready() got: no new exchange
    if (!cached) {
      err << "pc-customer token: " << describe(cached.error()) << '\n';
      return 2;
    }
    token = std::move(*cached);
    expires = source->provider()->expires_at();
  } else {
    token = *source->static_token();
  }
  const auto claims = auth::unverified_claims(token);
  token.clear();
  if (!expires && claims && claims->expires_at)
    expires = *claims->expires_at;

  out << "source:  "
      << (from_environment ? std::string("PARTNER_CENTER_TOKEN")
                           : "App+User, the refresh token exchanged once (its rotation saved)")
      << '\n';
  if (expires) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(
        *expires - std::chrono::system_clock::now());
    out << "expires: " << detail::utc_text(*expires) << " (in " << left.count() << " s)\n";
  }
  if (!claims) {
    out << "claims:  none (the access token is not a JWT; Microsoft documents access tokens as "
           "opaque)\n";
    return 0;
  }
  out << "tenant:  " << (claims->tenant_id.empty() ? "?" : claims->tenant_id) << '\n';
  out << "user:    " << (claims->user.empty() ? "?" : claims->user) << '\n';
  out << "mfa:     ";
  if (claims->amr.empty()) {
    out << "unknown (the token has no amr claim)\n";
  } else {
    out << (claims->has_mfa() ? "yes" : "no") << " (amr: ";
    for (std::size_t i = 0; i < claims->amr.size(); ++i)
      out << (i == 0 ? "" : ", ") << claims->amr[i];
    out << ")\n";
  }
  out << "(claims read from the access token without verifying its signature; the token itself "
         "is not shown)\n";
  if (token_without_mfa) {
    err << "pc-customer token: " << describe(ready.error()) << '\n';
    return 2;
  }
  return 0;
}

}  // namespace pc_customer

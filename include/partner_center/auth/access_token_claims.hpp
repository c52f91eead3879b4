#pragma once

// What an access token says about itself, read from its JWT payload WITHOUT verifying the
// signature: for showing a person which tenant and user a token is for, when it expires, and
// whether the sign-in used multi-factor authentication. Never for an authorization decision (the
// service verifies the token; the client need not and cannot: "Access tokens in the Microsoft
// identity platform", https://learn.microsoft.com/entra/identity-platform/access-tokens, says
// clients must treat access tokens as opaque strings, their format may change).
//
// Claims ("Access token claims reference", https://learn.microsoft.com/entra/identity-platform/
// access-token-claims-reference): tid, oid, upn (v1) or preferred_username (v2), aud, appid (v1)
// or azp (v2), exp, and amr, whose "mfa" entry shows an MFA sign-in, which Partner Center
// requires of App+User calls
// (https://learn.microsoft.com/partner-center/developer/partner-center-authentication).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/detail/base64url.hpp>
#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace partner_center::auth {

struct access_token_claims {
  std::string tenant_id;  // tid
  std::string object_id;  // oid
  std::string user;       // upn, else preferred_username, else unique_name
  std::string audience;   // aud
  std::string app_id;     // appid, else azp
  std::vector<std::string> amr;
  std::optional<std::chrono::sys_seconds> expires_at;  // exp

  [[nodiscard]] bool has_mfa() const { return std::ranges::find(amr, "mfa") != amr.end(); }

  // One line for people.
  friend std::ostream& operator<<(std::ostream& out, const access_token_claims& c) {
    out << "tenant " << (c.tenant_id.empty() ? "?" : c.tenant_id) << ", user "
        << (c.user.empty() ? "?" : c.user) << ", amr [";
    for (std::size_t i = 0; i < c.amr.size(); ++i)
      out << (i == 0 ? "" : ", ") << c.amr[i];
    out << "] (" << (c.has_mfa() ? "MFA" : "no MFA") << ")";
    if (c.expires_at) {
      const auto day = std::chrono::floor<std::chrono::days>(*c.expires_at);
      const std::chrono::year_month_day ymd{day};
      const std::chrono::hh_mm_ss<std::chrono::seconds> time{*c.expires_at - day};
      char text[32];
      std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                    unsigned(ymd.month()), unsigned(ymd.day()), int(time.hours().count()),
                    int(time.minutes().count()), int(time.seconds().count()));
      out << ", expires " << text;
    }
    return out << " (claims read without verifying the token's signature)";
  }
};

namespace detail {

// A short printable string claim; anything else is left out rather than shown.
inline std::string claim_text(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || !v->is_string() || v->get_string().size() > 256)
    return {};
  std::string s(v->get_string());
  for (char& c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F)
      c = '?';
  }
  return s;
}

}  // namespace detail

// The payload's claims. The token is not verified (see above) and never quoted in a failure.
inline result<access_token_claims> unverified_claims(const secret& access_token) {
  auto refuse = [](std::string detail) {
    return local_failure(auth_failure_kind::invalid_answer, std::move(detail));
  };
  const std::string_view jwt = access_token.reveal();
  const std::size_t first = jwt.find('.');
  const std::size_t second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
  if (second == std::string_view::npos || jwt.find('.', second + 1) != std::string_view::npos)
    return refuse("the access token is not a JWT (three base64url parts)");
  auto payload = detail::base64url_decode(jwt.substr(first + 1, second - first - 1));
  if (!payload || !detail::base64url_decode(jwt.substr(0, first)))
    return refuse("the access token is not a JWT (three base64url parts)");
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(*payload, ec, {}, options);
  rest::secure_erase(*payload);
  if (ec || !v.is_object())
    return refuse("the access token's payload is not a JSON object");
  const auto& o = v.get_object();
  access_token_claims c;
  c.tenant_id = detail::claim_text(o, "tid");
  c.object_id = detail::claim_text(o, "oid");
  for (const char* name : {"upn", "preferred_username", "unique_name"}) {
    if (c.user.empty())
      c.user = detail::claim_text(o, name);
  }
  c.audience = detail::claim_text(o, "aud");
  c.app_id = detail::claim_text(o, "appid");
  if (c.app_id.empty())
    c.app_id = detail::claim_text(o, "azp");
  if (const auto* amr = o.if_contains("amr"); amr && amr->is_array()) {
    for (const auto& method : amr->get_array()) {
      if (method.is_string() && method.get_string().size() <= 32 && c.amr.size() < 16)
        c.amr.emplace_back(method.get_string());
    }
  }
  if (const auto* exp = o.if_contains("exp"); exp && exp->is_int64() && exp->get_int64() >= 0)
    c.expires_at = std::chrono::sys_seconds{std::chrono::seconds{exp->get_int64()}};
  return c;
}

}  // namespace partner_center::auth

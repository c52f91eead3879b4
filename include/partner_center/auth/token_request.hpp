#pragma once

// The refresh-token grant (RFC 6749 §6) to a Microsoft Entra token endpoint, built as a
// rest::http_request and sent by whatever transport the caller has: sans-I/O.
//
//   v1: POST {authority}/{tenant}/oauth2/token resource=https://api.partnercenter.microsoft.com v2:
//   POST {authority}/{tenant}/oauth2/v2.0/token  scope=<resource>/user_impersonation offline_access
//
// v1 is what the Partner Center secure application model shows
// (https://learn.microsoft.com/partner-center/developer/enable-secure-app-model); v2 is the
// current endpoint ("Refresh the access token", https://learn.microsoft.com/entra/
// identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token), where `offline_access`
// is what returns a new refresh token and `resource` is refused.
//
// The application authenticates with a client secret (RFC 6749 §2.3.1), a signed JWT client
// assertion (RFC 7523 §2.2; client_assertion.hpp makes one from a certificate), or not at all (a
// public client). The body is application/x-www-form-urlencoded (RFC 6749 Appendix B), every
// value percent-encoded with Boost.URL, so a '+', '&' or '=' in a secret arrives unchanged.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>

#include <partner_center/auth/cloud.hpp>
#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/redact.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace partner_center::auth {

enum class endpoint_version : std::uint8_t {
  v1,  // /oauth2/token with `resource`
  v2   // /oauth2/v2.0/token with `scope`
};

// RFC 7523 §2.2.
inline constexpr std::string_view jwt_bearer_assertion_type =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// No client authentication: an application registered as a public client.
struct public_client {};

struct client_secret {
  secret value;
};

// What a client assertion is made for. The audience is the token endpoint's URL ("Microsoft
// identity platform certificate credentials", https://learn.microsoft.com/entra/
// identity-platform/certificate-credentials: aud, iss, sub).
struct assertion_input {
  std::string_view audience;
  std::string_view client_id;
  std::chrono::sys_seconds now;
};
using assertion_factory = std::function<result<secret>(const assertion_input&)>;

// A fresh assertion for every request: each is short-lived and carries a unique jti.
struct client_assertion {
  assertion_factory make;
};

using client_credential = std::variant<public_client, client_secret, client_assertion>;

struct token_request_options {
  auth::authority authority{};  // the public cloud's
  std::string tenant{};         // the partner's tenant id, or a domain of it
  std::string client_id{};      // the application (client) id of the app registration
  client_credential credential{};
  endpoint_version version = endpoint_version::v1;
  // v1 sends it as `resource`; v2 asks for "<resource>/user_impersonation offline_access".
  std::string resource{public_cloud.resource};
};

namespace detail {

constexpr bool is_domain_label_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// A space as '+', every byte outside RFC 3986's unreserved set as %XX.
inline boost::urls::encoding_opts form_encoding() noexcept {
  return boost::urls::encoding_opts(/*space_as_plus=*/true);
}

inline std::size_t form_field_size(std::string_view name, std::string_view value) {
  return 1 + name.size() + 1 +
         boost::urls::encoded_size(value, boost::urls::unreserved_chars, form_encoding());
}

// Appends "&name=value" (no '&' first), encoding in place: `out` has its capacity reserved, so a
// secret is never left behind in a buffer that a reallocation abandoned.
inline void append_form_field(std::string& out, std::string_view name, std::string_view value) {
  if (!out.empty())
    out += '&';
  out += name;
  out += '=';
  const std::size_t at = out.size();
  const std::size_t n =
      boost::urls::encoded_size(value, boost::urls::unreserved_chars, form_encoding());
  out.resize(at + n);
  boost::urls::encode(out.data() + at, n, value, boost::urls::unreserved_chars, form_encoding());
}

}  // namespace detail

// A tenant id (GUID) or a domain name of the tenant (RFC 1035 labels: letters, digits and inner
// hyphens, 1..63 each, at least two, 253 in all). Nothing else reaches the URL path: no '/', no
// "..", no percent sign, no CR or LF.
inline bool is_valid_tenant(std::string_view tenant) noexcept {
  if (model::formats::is_guid(tenant))
    return true;
  if (tenant.empty() || tenant.size() > 253)
    return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = tenant.find('.', start);
    const std::string_view label =
        tenant.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (const char c : label) {
      if (!detail::is_domain_label_char(c))
        return false;
    }
    ++labels;
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return labels >= 2;
}

// {authority}/{tenant}/oauth2/token or .../oauth2/v2.0/token.
inline result<boost::urls::url> token_endpoint(const authority& where, std::string_view tenant,
                                               endpoint_version version) {
  if (!is_valid_tenant(tenant)) {
    return local_failure(auth_failure_kind::invalid_configuration,
                         "tenant " + partner_center::quote_for_message(tenant) +
                             " is neither a tenant id (a GUID) nor a domain name such as "
                             "contoso.onmicrosoft.com");
  }
  boost::urls::url url = where.url();
  std::string path = "/" + rest::encode_path_segment(tenant);
  path += version == endpoint_version::v1 ? "/oauth2/token" : "/oauth2/v2.0/token";
  url.set_encoded_path(path);
  return url;
}

// The v2 scopes for a resource: its user_impersonation permission, and offline_access for a new
// refresh token with each answer.
inline std::string scopes_for(std::string_view resource) {
  while (!resource.empty() && resource.back() == '/')
    resource.remove_suffix(1);
  return std::string(resource) + "/user_impersonation offline_access";
}

// The refresh-token grant. `now` is when a client assertion starts to be valid; it is unused for
// a secret or a public client.
inline result<rest::http_request> refresh_token_request(const token_request_options& options,
                                                        const secret& refresh_token,
                                                        std::chrono::sys_seconds now) {
  auto refuse = [](std::string detail) {
    return local_failure(auth_failure_kind::invalid_configuration, std::move(detail));
  };
  auto url = token_endpoint(options.authority, options.tenant, options.version);
  if (!url)
    return url.error();
  if (!model::formats::is_guid(options.client_id)) {
    return refuse("client id " + partner_center::quote_for_message(options.client_id) +
                  " is not a GUID (the application (client) id of the app registration)");
  }
  if (refresh_token.empty())
    return refuse("the refresh token is empty");
  const std::string_view resource = options.resource;
  const bool resource_ok = resource.starts_with("https://") && resource.size() > 8 &&
                           resource.find_first_of(" \t\r\n\"") == std::string_view::npos;
  if (!resource_ok)
    return refuse("the resource " + partner_center::quote_for_message(resource) +
                  " is not an https:// URL");

  secret assertion;
  if (const auto* a = std::get_if<client_assertion>(&options.credential)) {
    if (!a->make)
      return refuse("the client assertion has no factory");
    const std::string audience(url->buffer());
    auto made = a->make(assertion_input{audience, options.client_id, now});
    if (!made)
      return made.error();
    assertion = std::move(*made);
  }

  const std::string scope =
      options.version == endpoint_version::v2 ? scopes_for(resource) : std::string();
  const std::string_view audience_name =
      options.version == endpoint_version::v1 ? "resource" : "scope";
  const std::string_view audience_value =
      options.version == endpoint_version::v1 ? resource : std::string_view(scope);
  const auto* secret_credential = std::get_if<client_secret>(&options.credential);

  std::size_t size = detail::form_field_size("grant_type", "refresh_token") +
                     detail::form_field_size("client_id", options.client_id) +
                     detail::form_field_size("refresh_token", refresh_token.reveal()) +
                     detail::form_field_size(audience_name, audience_value);
  if (secret_credential)
    size += detail::form_field_size("client_secret", secret_credential->value.reveal());
  if (!assertion.empty()) {
    size += detail::form_field_size("client_assertion_type", jwt_bearer_assertion_type) +
            detail::form_field_size("client_assertion", assertion.reveal());
  }

  rest::http_request request;
  request.method = rest::http_method::post;
  request.url = std::move(*url);
  request.headers.set("Content-Type", "application/x-www-form-urlencoded");
  request.headers.set("Accept", "application/json");
  std::string& body = request.body;
  body.reserve(size);
  detail::append_form_field(body, "grant_type", "refresh_token");
  detail::append_form_field(body, "client_id", options.client_id);
  detail::append_form_field(body, "refresh_token", refresh_token.reveal());
  detail::append_form_field(body, audience_name, audience_value);
  if (secret_credential)
    detail::append_form_field(body, "client_secret", secret_credential->value.reveal());
  if (!assertion.empty()) {
    detail::append_form_field(body, "client_assertion_type", jwt_bearer_assertion_type);
    detail::append_form_field(body, "client_assertion", assertion.reveal());
  }
  return request;
}

// The form redaction lives with rest's other printers; these names stay for auth's callers.
using rest::is_secret_form_field;
using rest::redacted_form;

// The token request as it would appear on the wire (request line, Host, headers, blank line,
// body), its form credentials and any credential header redacted: rest's request printer, which
// hides the fields of an application/x-www-form-urlencoded body.
inline std::string redacted_token_request(const rest::http_request& request) {
  return rest::redacted(request);
}

}  // namespace partner_center::auth

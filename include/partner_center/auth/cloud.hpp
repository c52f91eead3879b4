#pragma once

// Where tokens come from: the Microsoft Entra authority of each cloud Partner Center runs in,
// paired with that cloud's Partner Center base URL (rest/base_url.hpp) and the resource an access
// token must be issued for.
//
// Authorities: "National clouds", https://learn.microsoft.com/entra/identity-platform/
// authentication-national-cloud (login.microsoftonline.com, login.microsoftonline.us; for the
// cloud operated by 21Vianet that page now names login.partner.microsoftonline.cn, and
// login.chinacloudapi.cn is the authority Microsoft's Partner Center PowerShell module uses; give
// authority::parse() the other one if a tenant needs it). Resource: the secure application
// model's token request, https://learn.microsoft.com/partner-center/developer/
// enable-secure-app-model ("resource=https://api.partnercenter.microsoft.com").

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>

#include <partner_center/auth/failure.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::auth {

struct cloud {
  std::string_view name;       // "public", "china_21vianet", "us_government"
  std::string_view authority;  // scheme://host of the Entra token endpoints
  std::string_view base_url;   // the Partner Center REST base URL (rest::base_url::parse)
  std::string_view resource;   // v1 `resource`; v2 scopes are "<resource>/user_impersonation"
};

inline constexpr cloud public_cloud{"public", "https://login.microsoftonline.com",
                                    rest::public_cloud_base_url,
                                    "https://api.partnercenter.microsoft.com"};
// The resource here is the API's own origin, as Microsoft's PowerShell module derives it; no
// Microsoft page states it.
inline constexpr cloud china_21vianet{"china_21vianet", "https://login.chinacloudapi.cn",
                                      rest::china_21vianet_base_url,
                                      "https://partner.partnercenterapi.microsoftonline.cn"};
// Partner Center for Microsoft Cloud for US Government uses the public API base URL
// (https://learn.microsoft.com/partner-center/developer/partner-center-rest-urls) and the US
// Government authority.
inline constexpr cloud us_government{"us_government", "https://login.microsoftonline.us",
                                     rest::public_cloud_base_url,
                                     "https://api.partnercenter.microsoft.com"};

inline constexpr std::array<cloud, 3> clouds = {public_cloud, china_21vianet, us_government};

// The preset of that name, or nullptr.
inline const cloud* find_cloud(std::string_view name) noexcept {
  for (const cloud& c : clouds) {
    if (c.name == name)
      return &c;
  }
  return nullptr;
}

// The preset whose base URL has the origin of `base`, the public cloud first (the US Government
// cloud shares its base URL); nullptr for any other base URL (a test server, a proxy).
inline const cloud* cloud_of(const rest::base_url& base) noexcept {
  for (const cloud& c : clouds) {
    const auto parsed = boost::urls::parse_absolute_uri(c.base_url);
    if (parsed && base.same_origin(*parsed))
      return &c;
  }
  return nullptr;
}

// An authority URL: https://host[:port], or http:// for a loopback host (a test server), as for
// the service's base URL: the refresh token and the client secret must not cross a network in
// clear. No path (the tenant is a setting of its own), user info, query or fragment.
class authority {
 public:
  authority() : url_(boost::urls::parse_absolute_uri(public_cloud.authority).value()) {}

  static result<authority> parse(std::string_view text) {
    auto refuse = [](std::string detail) {
      return local_failure(auth_failure_kind::invalid_configuration, std::move(detail));
    };
    const std::string quoted = partner_center::quote_for_message(text);
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed)
      return refuse("authority " + quoted + " is not an absolute URL");
    boost::urls::url url(*parsed);
    // Boost.URL 1.81 reads "http://127.0.0.1.nip.io" as host 127.0.0.1 and path ".nip.io";
    // every other HTTP stack connects to the name (see rest::base_url::parse).
    if (!url.encoded_path().empty() && !url.encoded_path().starts_with('/'))
      return refuse("authority " + quoted + " has a host this library cannot read unambiguously");
    const std::string scheme(url.scheme());
    const std::string host(url.encoded_host());
    if (host.empty())
      return refuse("authority " + quoted + " has no host");
    if (partner_center::text::iequals(scheme, "http")) {
      if (!rest::is_loopback_host(host)) {
        return refuse("authority " + quoted +
                      ": http:// is accepted only for a loopback host (127.0.0.0/8, ::1, "
                      "localhost); use https://");
      }
    } else if (!partner_center::text::iequals(scheme, "https")) {
      return refuse("authority " + quoted + " must be https://");
    }
    if (url.has_userinfo())
      return refuse("authority must not carry user information");
    if (url.has_query() || url.has_fragment())
      return refuse("authority must not have a query or a fragment");
    if (url.encoded_path() != "" && url.encoded_path() != "/") {
      return refuse("authority " + quoted + " has a path; give the scheme and host only (e.g. " +
                    std::string(public_cloud.authority) + ") and the tenant on its own");
    }
    url.set_encoded_path("");
    url.normalize_scheme();
    authority out;
    out.url_ = std::move(url);
    return out;
  }

  [[nodiscard]] const boost::urls::url& url() const noexcept { return url_; }
  [[nodiscard]] std::string_view str() const noexcept {
    return std::string_view(url_.buffer().data(), url_.buffer().size());
  }
  [[nodiscard]] bool is_loopback() const noexcept {
    const auto host = url_.encoded_host();
    return rest::is_loopback_host(std::string_view(host.data(), host.size()));
  }

 private:
  boost::urls::url url_;
};

}  // namespace partner_center::auth

#pragma once

// Where requests go: a base URL (the "Partner Center REST URLs" page,
// https://learn.microsoft.com/partner-center/developer/partner-center-rest-urls) plus "/v1" and the
// operation's path, built with Boost.URL. Every path segment and query value is percent-encoded
// here, byte by byte, so that an id holding "../" or "?#" stays one segment and a filter value
// holding '+', '&', '=' or '%' arrives unchanged (a '+' left bare would be read back as a space by
// form decoding, Boost.URL 1.81's params() included).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>

#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace partner_center::rest {

// Partner Center, including Microsoft Cloud for US Government (partner-center-rest-urls, above).
inline constexpr std::string_view public_cloud_base_url = "https://api.partnercenter.microsoft.com";
// Partner Center operated by 21Vianet (partner-center-rest-urls, above).
inline constexpr std::string_view china_21vianet_base_url =
    "https://partner.partnercenterapi.microsoftonline.cn";

// 127.0.0.0/8, ::1 (also IPv4-mapped ::ffff:127.x.y.z) and "localhost". A host as it appears in a
// URL; IPv6 may keep its brackets. Any other name is not loopback, even one that resolves there.
inline bool is_loopback_host(std::string_view host) noexcept {
  if (text::iequals(host, "localhost"))
    return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (const auto v4 = boost::urls::parse_ipv4_address(host))
    return (v4->to_uint() >> 24) == 127;
  if (const auto v6 = boost::urls::parse_ipv6_address(host)) {
    if (v6->is_loopback())
      return true;
    if (v6->is_v4_mapped()) {
      const auto bytes = v6->to_bytes();
      return bytes[12] == 127;
    }
  }
  return false;
}

// Why a transport refuses to switch certificate verification off for `host`: without it, the
// bearer token would go to whoever answers. One wording for every transport.
inline std::string insecure_skip_verify_refusal(std::string_view host) {
  return "insecure_skip_verify is accepted only for a loopback host (127.0.0.0/8, ::1, "
         "localhost); refusing to send to " +
         quote_for_message(host) + " without verifying its certificate";
}

// Unreserved characters (RFC 3986 §2.3) pass; every other byte becomes %XX.
inline void append_percent_encoded(std::string& out, std::string_view raw) {
  constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                            (b >= '0' && b <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 0xF];
    }
  }
}

// One path segment. "." and ".." would be removed by any URL normalization on the way, so their
// dots are encoded too.
inline std::string encode_path_segment(std::string_view raw) {
  if (raw == "." || raw == "..")
    return raw.size() == 1 ? "%2E" : "%2E%2E";
  std::string out;
  append_percent_encoded(out, raw);
  return out;
}

inline std::string encode_query_component(std::string_view raw) {
  std::string out;
  append_percent_encoded(out, raw);
  return out;
}

// scheme://host[:port] of `url`, as written, for messages: no user info, path or query.
inline std::string origin_of(const boost::urls::url_view& url) {
  std::string out(url.scheme());
  out += "://";
  const auto host_and_port = url.encoded_host_and_port();
  out.append(host_and_port.data(), host_and_port.size());
  return out;
}

// The port a request to `url` connects to: the explicit one, else the scheme's default
// (RFC 9110 §4.2: 80 for http, 443 for https), so that "https://h" and "https://h:443" are one
// origin. 0 for another scheme without a port.
inline std::uint16_t effective_port(const boost::urls::url_view& url) noexcept {
  if (!url.port().empty())
    return url.port_number();
  const std::string_view scheme(url.scheme().data(), url.scheme().size());
  if (text::iequals(scheme, "https"))
    return 443;
  if (text::iequals(scheme, "http"))
    return 80;
  return 0;
}

struct query_parameter {
  std::string_view name;
  std::string_view value;
};

class base_url {
 public:
  // The public cloud.
  base_url() : url_(boost::urls::parse_absolute_uri(public_cloud_base_url).value()) {}

  static base_url public_cloud() { return base_url(); }
  static base_url china_21vianet() { return parse(china_21vianet_base_url).value(); }

  // https://host[:port][/prefix]. http:// only for a loopback host (a test server or a local
  // proxy): the bearer token must not cross a network in clear. No user info, query or fragment.
  static result<base_url> parse(std::string_view text) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed)
      return invalid_request("base URL " + quote_for_message(text) + " is not an absolute URL");
    boost::urls::url url(*parsed);
    // Boost.URL 1.81 stops an IPv4 host early and reads the rest as path: "http://127.0.0.1.nip.io"
    // parses as host 127.0.0.1, path ".nip.io", where any other HTTP stack connects to the name.
    // After an authority the path must be empty or start with '/' (RFC 3986 §3.3, path-abempty).
    if (!url.encoded_path().empty() && !url.encoded_path().starts_with('/')) {
      return invalid_request("base URL " + quote_for_message(text) +
                             " has a host this library cannot read unambiguously");
    }
    const std::string scheme(url.scheme());
    const std::string host(url.encoded_host());
    if (host.empty())
      return invalid_request("base URL " + quote_for_message(text) + " has no host");
    if (text::iequals(scheme, "http")) {
      if (!is_loopback_host(host)) {
        return invalid_request("base URL " + quote_for_message(text) +
                               ": http:// is accepted only for a loopback host (127.0.0.0/8, "
                               "::1, localhost); use https://");
      }
    } else if (!text::iequals(scheme, "https")) {
      return invalid_request("base URL " + quote_for_message(text) + " must be https://");
    }
    if (url.has_userinfo())
      return invalid_request("base URL must not carry user information");
    if (url.has_query() || url.has_fragment())
      return invalid_request("base URL must not have a query or a fragment");
    std::string path(url.encoded_path());
    while (!path.empty() && path.back() == '/')
      path.pop_back();
    if (path.ends_with("/v1")) {
      return invalid_request("base URL " + quote_for_message(text) +
                             " ends with /v1; give it without the version, e.g. " +
                             std::string(public_cloud_base_url));
    }
    url.set_encoded_path(path);
    url.normalize_scheme();
    base_url out;
    out.url_ = std::move(url);
    return out;
  }

  [[nodiscard]] const boost::urls::url& url() const noexcept { return url_; }
  [[nodiscard]] std::string_view str() const noexcept {
    return std::string_view(url_.buffer().data(), url_.buffer().size());
  }
  [[nodiscard]] bool is_loopback() const noexcept {
    const auto host = url_.encoded_host();
    return is_loopback_host(std::string_view(host.data(), host.size()));
  }

  // {base}/v1/{segments...}?{name=value&...}; every segment and query component encoded.
  [[nodiscard]] boost::urls::url endpoint(std::initializer_list<std::string_view> segments,
                                          std::span<const query_parameter> query = {}) const {
    boost::urls::url url = url_;
    std::string path(url_.encoded_path());
    path += "/v1";
    for (const std::string_view segment : segments) {
      path += '/';
      path += encode_path_segment(segment);
    }
    url.set_encoded_path(path);
    if (!query.empty()) {
      std::string q;
      for (const auto& p : query) {
        if (!q.empty())
          q += '&';
        append_percent_encoded(q, p.name);
        q += '=';
        append_percent_encoded(q, p.value);
      }
      url.set_encoded_query(q);
    }
    return url;
  }

  // Whether `url` has this base URL's scheme, host and port (RFC 6454 §4, hosts compared
  // ASCII-case-insensitively, a default port equal to none): the bearer token is attached only
  // then (authorize() in request_context.hpp).
  [[nodiscard]] bool same_origin(const boost::urls::url_view& url) const noexcept {
    return text::iequals(std::string_view(url.scheme().data(), url.scheme().size()),
                         std::string_view(url_.scheme().data(), url_.scheme().size())) &&
           text::iequals(
               std::string_view(url.encoded_host().data(), url.encoded_host().size()),
               std::string_view(url_.encoded_host().data(), url_.encoded_host().size())) &&
           effective_port(url) == effective_port(url_);
  }

 private:
  boost::urls::url url_;
};

}  // namespace partner_center::rest

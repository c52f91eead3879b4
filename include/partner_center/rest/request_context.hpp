#pragma once

// What every request carries (the "Partner Center REST headers" page,
// https://learn.microsoft.com/partner-center/developer/headers): where it goes, the bearer token,
// and the headers Authorization, Accept, Content-Type, MS-RequestId, MS-CorrelationId,
// MS-Contract-Version, X-Locale and MS-PartnerCenter-Application. make_request() assembles them
// and refuses any value that could break the header block. The token goes only to the base URL's
// origin (authorize()).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/url/url_view.hpp>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::rest {

// Returns the current bearer token, or nullopt when there is none. Called for every attempt, so
// a provider that refreshes tokens keeps long retries authorized.
using token_provider = std::function<std::optional<std::string>()>;

inline token_provider static_token(std::string token) {
  return [token = std::move(token)]() -> std::optional<std::string> {
    return token;
  };
}

// The token in an environment variable, read at each call; unset or empty gives nullopt.
inline token_provider token_from_environment(std::string variable = "PARTNER_CENTER_TOKEN") {
  return [variable = std::move(variable)]() -> std::optional<std::string> {
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr || *value == '\0')
      return std::nullopt;
    return std::string(value);
  };
}

// 16 random bytes as a version 4 GUID (RFC 4122 §4.4: the version and variant bits set), in the
// 8-4-4-4-12 form of the documented examples.
inline std::string guid_v4_from_bytes(const unsigned char (&bytes)[16]) {
  constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    unsigned char b = bytes[i];
    if (i == 6)
      b = static_cast<unsigned char>((b & 0x0F) | 0x40);  // version 4
    else if (i == 8)
      b = static_cast<unsigned char>((b & 0x3F) | 0x80);  // RFC 4122 variant
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

// A random (version 4) GUID in the 8-4-4-4-12 form of the documented examples.
inline std::string new_guid() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  const std::uint64_t high = engine();
  const std::uint64_t low = engine();
  unsigned char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<unsigned char>(low >> (56 - 8 * i));
  }
  return guid_v4_from_bytes(bytes);
}

struct request_context {
  rest::base_url base_url{};
  token_provider token{};
  // Called when the service refused the token (HTTP 401): a caching source drops it here, so
  // that the next call of `token` returns a new one. Set, it lets the client send a refused
  // request once more with that new token; empty, a 401 is final.
  std::function<void()> token_rejected{};
  // X-Locale: a supported culture such as "en-US"; empty sends none, and the service uses
  // en-US (headers page, above).
  std::string locale{};
  // MS-PartnerCenter-Application: the calling application's name; empty sends none.
  std::string application{};
  // Makes MS-RequestId and MS-CorrelationId values; tests replace it to get fixed ids.
  std::function<std::string()> new_id = &new_guid;
};

// The ids of one logical call. Empty ones are generated. Give a request_id to make a create
// idempotent across process restarts: MS-RequestId is "used to ensure id-potency" (headers page,
// above).
struct call_ids {
  std::string request_id{};
  std::string correlation_id{};
};

namespace detail {

inline result<void> check_header(std::string_view name, std::string_view value) {
  if (!is_valid_header_name(name))
    return invalid_request("header name \"" + std::string(name) + "\" is not an HTTP token");
  if (!is_valid_header_value(value)) {
    // The value is not quoted: it may be a token, and it is malformed anyway.
    return invalid_request("header " + std::string(name) +
                           " contains CR, LF or NUL and is refused");
  }
  return {};
}

inline result<void> set_checked(http_headers& headers, std::string_view name, std::string value) {
  if (auto checked = check_header(name, value); !checked)
    return checked;
  headers.set(name, std::move(value));
  return {};
}

inline result<std::string> id_or_new(const std::string& given, const request_context& context,
                                     std::string_view header) {
  std::string id = given.empty() ? (context.new_id ? context.new_id() : new_guid()) : given;
  if (!model::formats::is_guid(id)) {
    return invalid_request(std::string(header) + " " + quote_for_message(id) +
                           " is not a GUID (8-4-4-4-12 hexadecimal digits)");
  }
  return id;
}

}  // namespace detail

// Refuses a request whose URL the bearer token must not go to: http:// to a host that is not
// loopback (the token would cross a network in clear), or any origin other than the base URL's
// (a link in an answer, a caller's typo). Nothing is sent then.
inline result<void> check_token_destination(const http_request& request,
                                            const request_context& context) {
  const boost::urls::url_view url = request.url;
  const std::string_view scheme(url.scheme().data(), url.scheme().size());
  const std::string_view host(url.encoded_host().data(), url.encoded_host().size());
  if (text::iequals(scheme, "http") && !is_loopback_host(host)) {
    return invalid_request("refused to send the bearer token over http:// to " +
                           quote_for_message(origin_of(url)) +
                           ": only a loopback host is reached without TLS");
  }
  if (!context.base_url.same_origin(url)) {
    return invalid_request("refused to send the bearer token to " +
                           quote_for_message(origin_of(url)) + ": not the origin of the base URL " +
                           origin_of(context.base_url.url()));
  }
  return {};
}

// Sets (or replaces) Authorization from the context's token provider, once the URL passed
// check_token_destination. The client calls it before every attempt. The copies of the token this
// function owns (the provider's answer, the header value it replaces) are overwritten before
// their memory is released.
inline result<void> authorize(http_request& request, const request_context& context) {
  if (auto destination = check_token_destination(request, context); !destination)
    return destination;
  std::optional<std::string> token;
  if (context.token)
    token = context.token();
  if (!token || token->empty()) {
    failure f = invalid_request("no bearer token: the token provider returned none");
    f.token_unavailable = true;
    return f;
  }
  if (!is_valid_header_value(*token)) {
    secure_erase(*token);
    return invalid_request("the bearer token contains CR, LF or NUL and is refused");
  }
  constexpr std::string_view scheme = "Bearer ";
  std::string value;
  value.reserve(scheme.size() + token->size());  // one buffer: no reallocation leaves a copy
  value += scheme;
  value += *token;
  secure_erase(*token);
  if (std::string* previous = request.headers.find("Authorization"))
    secure_erase(*previous);
  request.headers.set("Authorization", std::move(value));
  return {};
}

// A request with every standard header. `body` is sent as application/json when not empty.
inline result<http_request> make_request(const request_context& context, http_method method,
                                         boost::urls::url url, std::string body = {},
                                         const call_ids& ids = {}) {
  http_request request;
  request.method = method;
  request.url = std::move(url);
  auto& h = request.headers;
  if (auto a = authorize(request, context); !a)
    return a.error();
  h.set("Accept", "application/json");
  if (!body.empty())
    h.set("Content-Type", "application/json");
  auto request_id = detail::id_or_new(ids.request_id, context, "MS-RequestId");
  if (!request_id)
    return request_id.error();
  auto correlation_id = detail::id_or_new(ids.correlation_id, context, "MS-CorrelationId");
  if (!correlation_id)
    return correlation_id.error();
  h.set("MS-RequestId", std::move(*request_id));
  h.set("MS-CorrelationId", std::move(*correlation_id));
  // Documented as required (headers page, above).
  h.set("MS-Contract-Version", "v1");
  if (!context.locale.empty()) {
    if (!model::is_supported_culture(context.locale)) {
      return invalid_request("X-Locale " + quote_for_message(context.locale) +
                             " is not a culture Partner Center supports");
    }
    if (auto r = detail::set_checked(h, "X-Locale", context.locale); !r)
      return r.error();
  }
  if (!context.application.empty()) {
    if (auto r = detail::set_checked(h, "MS-PartnerCenter-Application", context.application); !r)
      return r.error();
  }
  request.body = std::move(body);
  return request;
}

}  // namespace partner_center::rest

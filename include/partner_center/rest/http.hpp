#pragma once

// The HTTP exchange as plain values, so that building requests and reading answers needs no
// network code: any sync or async stack can carry an http_request and hand back an
// http_response. Printing a request never shows its bearer token (see redact.hpp).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/error_code.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::rest {

enum class http_method : std::uint8_t {
  get,
  head,
  post,
  put,
  patch,
  delete_
};

// The method token of the request line (RFC 9110 §9), not the enumerator's identifier: the
// tokens are upper case, and `delete` is a C++ keyword. A switch, so that a new method without
// a token is a -Wswitch warning.
inline constexpr std::string_view to_string(http_method method) noexcept {
  switch (method) {
    case http_method::get:
      return "GET";
    case http_method::head:
      return "HEAD";
    case http_method::post:
      return "POST";
    case http_method::put:
      return "PUT";
    case http_method::patch:
      return "PATCH";
    case http_method::delete_:
      return "DELETE";
  }
  return "unknown";
}

// RFC 9110 §5.1: a field name is a token.
constexpr bool is_valid_header_name(std::string_view name) noexcept {
  if (name.empty())
    return false;
  for (const char c : name) {
    const auto b = static_cast<unsigned char>(c);
    const bool alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

// CR or LF in a value would end the header early and let the rest become a header (or a request)
// of its own; NUL truncates it in C stacks. Such a value is refused, never cleaned up.
constexpr bool is_valid_header_value(std::string_view value) noexcept {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

struct http_header {
  std::string name;
  std::string value;

  friend bool operator==(const http_header&, const http_header&) = default;
};

// Header fields in the order added; names compare case-insensitively (RFC 9110 §5.1).
class http_headers {
 public:
  http_headers() = default;
  http_headers(std::initializer_list<http_header> fields) : fields_(fields) {}

  // Replaces every field of that name with one, kept where the first one was.
  void set(std::string_view name, std::string value) {
    for (auto it = fields_.begin(); it != fields_.end(); ++it) {
      if (text::iequals(it->name, name)) {
        it->value = std::move(value);
        const auto duplicates =
            std::remove_if(std::next(it), fields_.end(),
                           [&](const http_header& h) { return text::iequals(h.name, name); });
        fields_.erase(duplicates, fields_.end());
        return;
      }
    }
    fields_.push_back(http_header{std::string(name), std::move(value)});
  }
  void add(std::string name, std::string value) {
    fields_.push_back(http_header{std::move(name), std::move(value)});
  }
  void erase(std::string_view name) {
    std::erase_if(fields_, [&](const http_header& h) { return text::iequals(h.name, name); });
  }
  // Like erase, for a credential: each value is overwritten (secure_erase) before its memory is
  // released, so the header does not linger in freed heap pages.
  void wipe(std::string_view name) noexcept {
    for (auto& h : fields_) {
      if (text::iequals(h.name, name))
        secure_erase(h.value);
    }
    std::erase_if(fields_, [&](const http_header& h) { return text::iequals(h.name, name); });
  }

  // The first field of that name, or nullptr.
  [[nodiscard]] const std::string* find(std::string_view name) const noexcept {
    for (const auto& h : fields_) {
      if (text::iequals(h.name, name))
        return &h.value;
    }
    return nullptr;
  }
  [[nodiscard]] std::string* find(std::string_view name) noexcept {
    for (auto& h : fields_) {
      if (text::iequals(h.name, name))
        return &h.value;
    }
    return nullptr;
  }
  [[nodiscard]] std::string_view value_or(std::string_view name,
                                          std::string_view fallback = {}) const noexcept {
    const std::string* v = find(name);
    return v ? std::string_view(*v) : fallback;
  }
  [[nodiscard]] bool contains(std::string_view name) const noexcept { return find(name); }

  [[nodiscard]] auto begin() const noexcept { return fields_.begin(); }
  [[nodiscard]] auto end() const noexcept { return fields_.end(); }
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] bool empty() const noexcept { return fields_.empty(); }

  friend bool operator==(const http_headers&, const http_headers&) = default;

 private:
  std::vector<http_header> fields_;
};

// An absolute URL (scheme, host, path, query) plus fields and body. Host, Content-Length and
// connection management are the transport's business; everything the service reads is here.
struct http_request {
  http_method method = http_method::get;
  boost::urls::url url;
  http_headers headers;
  std::string body;
};

struct http_response {
  int status = 0;
  http_headers headers;
  std::string body;
};

inline constexpr bool is_success(int status) noexcept {
  return status >= 200 && status <= 299;
}

// The reason phrase (RFC 9110 §15) of the statuses messages name; "" for any other.
inline constexpr std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

// Why a transport produced no HTTP answer. The retry rules depend only on this, not on which
// stack reported it.
enum class transport_errc : std::uint8_t {
  resolve_failed,     // the host name has no address
  connect_failed,     // refused or unreachable
  timeout,            // connect, send or receive took longer than allowed
  connection_closed,  // reset or closed before a whole response arrived
  tls_failed,         // handshake or certificate verification
  protocol,           // the answer was not HTTP, or exceeded a size limit
  invalid_request,    // the transport refused to send the request (e.g. a bad header value)
  other
};

BOOST_DESCRIBE_ENUM(transport_errc, resolve_failed, connect_failed, timeout, connection_closed,
                    tls_failed, protocol, invalid_request, other)

}  // namespace partner_center::rest

// Lets a transport_errc convert to std::error_code (through make_error_code, found by ADL).
// Declared before anything compares the enum: a comparison may instantiate the trait, and a
// specialization after that is ill-formed.
template <>
struct std::is_error_code_enum<partner_center::rest::transport_errc> : std::true_type {};

namespace partner_center::rest {

inline constexpr std::string_view to_string(transport_errc code) noexcept {
  return enum_name(code, "unknown");
}

namespace detail {

// A timeout also matches std::errc::timed_out, so code that handles timeouts of any origin
// (`ec == std::errc::timed_out`) handles this one. The other kinds have no std::errc of the
// same meaning: connect_failed is refused or unreachable, connection_closed a reset or a clean
// close, and resolve and TLS failures are not POSIX errors at all.
class transport_error_category final : public described_error_category<transport_errc> {
 public:
  using described_error_category::described_error_category;

  [[nodiscard]] std::error_condition default_error_condition(int value) const noexcept override {
    if (to_enum(value) == transport_errc::timeout)
      return std::errc::timed_out;
    return described_error_category::default_error_condition(value);
  }
};

}  // namespace detail

// std::error_code interop: `std::error_code ec = transport_errc::timeout;`
inline const std::error_category& transport_category() noexcept {
  static const detail::transport_error_category category("partner_center.rest.transport");
  return category;
}

inline std::error_code make_error_code(transport_errc code) noexcept {
  return {described_error_category<transport_errc>::to_value(code), transport_category()};
}

struct transport_error {
  transport_errc code = transport_errc::other;
  std::string detail;  // what the stack said, e.g. curl's error buffer; never holds the token

  // Whether sending the same request again may succeed: a request that never left, or whose
  // answer was lost. A refused request or a certificate the client distrusts fails the same way
  // every time.
  // A refused request, a failed handshake and an answer that broke the protocol or a size limit
  // would fail the same way again: a server that sent an endless header once sends it again.
  [[nodiscard]] bool retryable() const noexcept {
    return code != transport_errc::invalid_request && code != transport_errc::tls_failed &&
           code != transport_errc::protocol;
  }

  [[nodiscard]] std::string message() const {
    std::string out = "transport error ";
    out += to_string(code);
    if (!detail.empty()) {
      out += ": ";
      out += detail;
    }
    return out;
  }
};

// What a transport returns: a response (whatever its status) or why there is none.
using transport_result = boost::system::result<http_response, transport_error>;

// boost::system::result::value() on an error calls this (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const transport_error& e,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(e.message()), where);
}

}  // namespace partner_center::rest

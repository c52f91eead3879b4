#pragma once

// The service's refusal, whatever shape its body has: the documented
// {code, description, data, source}, numeric or string code, data as strings, the newer
// {errorName, isRetryable, ...}, the gateway's 429 {statusCode, message}, a leading UTF-8 BOM, an
// empty body, or an HTML page from something in between. All become one service_error, whose
// texts are redacted (bearer tokens, "password" values) and cut to max_error_text bytes.
// Shapes: https://learn.microsoft.com/partner-center/developer/error-codes and
// https://learn.microsoft.com/partner-center/developer/api-throttling-guidance. The codes this
// library knows, and what they mean, are error_codes.hpp's.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/rest/detail/body_text.hpp>
#include <partner_center/rest/error_codes.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/redaction.hpp>
#include <partner_center/rest/retry.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace partner_center::rest {

enum class error_body_shape : std::uint8_t {
  api_fault,          // {code, description, data, source} (error-codes.md)
  extended_fault,     // {code, message, description, errorName, isRetryable, parameters, ...}
  gateway_throttle,   // {statusCode, message} from the throttling gateway
  unrecognized_json,  // JSON, but none of the above
  empty,              // no body, or only white space
  not_json            // HTML or text from a proxy or load balancer
};

BOOST_DESCRIBE_ENUM(error_body_shape, api_fault, extended_fault, gateway_throttle,
                    unrecognized_json, empty, not_json)

inline constexpr std::string_view to_string(error_body_shape shape) noexcept {
  return enum_name(shape, "unknown");
}

// The most bytes kept of each text of an error body (description, message, each data entry, ...)
// and of the echoed MS-RequestId and MS-CorrelationId; longer ones are cut with "... (N bytes
// cut)". The documented description is at most 1024 characters
// (https://learn.microsoft.com/partner-center/developer/error-codes).
inline constexpr std::size_t max_error_text = 1024;
// The most data entries kept; past them one entry says how many more there were.
inline constexpr std::size_t max_error_data = 32;

struct service_error {
  int http_status = 0;
  error_body_shape shape = error_body_shape::empty;
  std::string code;  // as the service sent it, numbers in decimal; "" when absent
  std::string description;
  std::vector<std::string> data;  // strings as sent; other JSON values serialized
  std::string source;             // "PartnerFD", ...
  std::string message;            // extended_fault's and gateway_throttle's "message"
  std::string error_name;         // extended_fault: "PartnerConfirmedAgreementAlreadyExists"
  std::optional<bool> service_retryable;  // extended_fault: isRetryable as the service says
  std::string parameters;                 // extended_fault: "parameters" as compact JSON
  std::string extended_message;           // extended_fault: errorMessageExtended
  // The old address validation puts a JSON object in description (the 2020 example of
  // develop/validate-an-address.md in MicrosoftDocs/partner-center-sdk):
  // {"code":"60071","reason":"ZipCityInvalid - ..."}.
  std::string inner_code;
  std::string inner_reason;
  // From Retry-After (seconds or HTTP-date), or the gateway's "Try again in N seconds".
  std::optional<std::chrono::seconds> retry_after;
  std::string request_id;      // MS-RequestId echoed by the service
  std::string correlation_id;  // MS-CorrelationId echoed by the service
  std::string body_excerpt;    // not_json / unrecognized_json: the start of the body, escaped

  // Whether sending the same request again may succeed (the retry rules of retry.hpp): decided by
  // the status, since a 4xx body saying isRetryable would still get the same answer.
  [[nodiscard]] bool retryable() const noexcept { return is_retryable_status(http_status); }

  [[nodiscard]] std::optional<std::int64_t> numeric_code() const noexcept {
    if (code.empty() || code.size() > 18)
      return std::nullopt;
    std::int64_t v = 0;
    std::size_t i = code[0] == '-' ? 1 : 0;
    if (i == code.size())
      return std::nullopt;
    for (; i < code.size(); ++i) {
      if (code[i] < '0' || code[i] > '9')
        return std::nullopt;
      v = v * 10 + (code[i] - '0');
    }
    return code[0] == '-' ? -v : v;
  }

  [[nodiscard]] bool has_code(std::int64_t wanted) const noexcept {
    const auto n = numeric_code();
    return n && *n == wanted;
  }

  // One line: `HTTP 400 Bad Request, code 600049 (organization registration ID is missing ...):
  // Organization registration id information is missing`.
  [[nodiscard]] std::string summary() const {
    std::string out = "HTTP " + std::to_string(http_status);
    if (const std::string_view reason = reason_phrase(http_status); !reason.empty()) {
      out += ' ';
      out += reason;
    }
    if (!code.empty()) {
      out += ", code " + code;
      if (const auto n = numeric_code()) {
        if (const auto meaning = error_code_meaning(*n)) {
          out += " (";
          out += *meaning;
          out += ')';
        }
      }
    }
    if (!error_name.empty())
      out += ", " + error_name;
    const std::string& text = !description.empty() ? description : message;
    if (!text.empty())
      out += ": " + text;
    if (!inner_reason.empty())
      out += " [" + (inner_code.empty() ? std::string() : inner_code + " ") + inner_reason + "]";
    for (const auto& d : data)
      out += " [" + d + "]";
    if (shape == error_body_shape::empty)
      out += " (empty body)";
    if (!body_excerpt.empty())
      out += " (body: " + body_excerpt + ")";
    if (retry_after)
      out += ", retry after " + std::to_string(retry_after->count()) + " s";
    if (!request_id.empty())
      out += ", MS-RequestId " + request_id;
    for (char& c : out) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
        c = ' ';  // data entries carry "\n" (PartnerCenterPowerShellModule#82); one line
    }
    return out;
  }

  friend std::ostream& operator<<(std::ostream& out, const service_error& e) {
    return out << e.summary();
  }
};

namespace detail {

// A member looked up ASCII-case-insensitively: the service is .NET and its casing is not a
// contract (the documented request is PascalCase, answers are camelCase: the examples of
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller).
inline const boost::json::value* member(const boost::json::object& object,
                                        std::string_view name) noexcept {
  for (const auto& kv : object) {
    if (text::iequals(std::string_view(kv.key().data(), kv.key().size()), name))
      return &kv.value();
  }
  return nullptr;
}

inline std::string as_text(const boost::json::value& v) {
  if (const auto* s = v.if_string())
    return std::string(s->data(), s->size());
  if (v.is_null())
    return {};
  return boost::json::serialize(v);
}

inline std::string text_member(const boost::json::object& object, std::string_view name) {
  const auto* v = member(object, name);
  return v ? as_text(*v) : std::string();
}

// The first bytes of a body, printable: controls escaped, cut at a character boundary.
inline std::string excerpt(std::string_view body, std::size_t limit = 200) {
  std::string out;
  std::size_t i = 0;
  for (; i < body.size() && out.size() < limit; ++i) {
    const auto b = static_cast<unsigned char>(body[i]);
    if (b == '\n' || b == '\r' || b == '\t') {
      out += ' ';
    } else if (b < 0x20 || b == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 0xF];
    } else {
      out += body[i];
    }
  }
  while (i < body.size() && (static_cast<unsigned char>(body[i]) & 0xC0) == 0x80)
    out += body[i++];  // finish the character
  if (i < body.size())
    out += "...";
  return redacted_text(out);
}

// "Rate limit is exceeded. Try again in 57 seconds." (api-throttling-guidance, see the top)
// Clamped to a day like a Retry-After header (parse_retry_after): the wait is a hint, and an
// absurd one must not park a batch for weeks.
inline std::optional<std::chrono::seconds> seconds_in_message(std::string_view message) noexcept {
  constexpr std::string_view marker = "again in ";
  constexpr std::int64_t one_day = 86'400;
  const std::size_t at = message.find(marker);
  if (at == std::string_view::npos)
    return std::nullopt;
  std::size_t i = at + marker.size();
  std::int64_t n = 0;
  std::size_t digits = 0;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9') {
    n = std::min(n * 10 + (message[i++] - '0'), one_day);
    ++digits;
  }
  if (digits == 0 || !message.substr(i).starts_with(" second"))
    return std::nullopt;
  return std::chrono::seconds{n};
}

// A text the service sent, as a service_error keeps it: secrets redacted (redacted_text), then
// cut to max_error_text bytes.
inline std::string error_text(std::string_view raw) {
  std::string text = redacted_text(raw);
  cap_text(text, max_error_text);
  return text;
}

inline void read_fault(const boost::json::object& o, service_error& e) {
  e.code = error_text(text_member(o, "code"));
  const std::string description = text_member(o, "description");
  e.description = error_text(description);
  e.source = error_text(text_member(o, "source"));
  e.message = error_text(text_member(o, "message"));
  if (const auto* data = member(o, "data")) {
    if (const auto* items = data->if_array()) {
      for (const auto& item : *items) {
        if (e.data.size() == max_error_data) {
          e.data.push_back("... (" + std::to_string(items->size() - max_error_data) +
                           " more entries cut)");
          break;
        }
        e.data.push_back(error_text(as_text(item)));
      }
    } else if (!data->is_null()) {
      e.data.push_back(error_text(as_text(*data)));
    }
  }
  const auto* name = member(o, "errorName");
  const auto* retryable = member(o, "isRetryable");
  if (name || retryable) {
    e.shape = error_body_shape::extended_fault;
    if (name)
      e.error_name = error_text(as_text(*name));
    if (retryable && retryable->is_bool())
      e.service_retryable = retryable->as_bool();
    if (const auto* p = member(o, "parameters"); p && !p->is_null())
      e.parameters = error_text(boost::json::serialize(*p));
    e.extended_message = error_text(text_member(o, "errorMessageExtended"));
  } else {
    e.shape = error_body_shape::api_fault;
  }
  // An address validation refusal nests its own JSON in description (the 2020 example of
  // develop/validate-an-address.md in MicrosoftDocs/partner-center-sdk), read before
  // the description is cut.
  if (description.starts_with("{")) {
    boost::system::error_code ec;
    const auto inner = boost::json::parse(description, ec);
    if (!ec && inner.is_object()) {
      e.inner_code = error_text(text_member(inner.get_object(), "code"));
      e.inner_reason = error_text(text_member(inner.get_object(), "reason"));
    }
  }
}

}  // namespace detail

// Reads any non-success response as a service_error. `now` measures a Retry-After HTTP-date when
// the response has no Date header of its own.
inline service_error parse_service_error(
    const http_response& response,
    std::chrono::sys_seconds now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())) {
  service_error e;
  e.http_status = response.status;
  e.request_id = detail::error_text(response.headers.value_or("MS-RequestId"));
  e.correlation_id = detail::error_text(response.headers.value_or("MS-CorrelationId"));
  if (const auto date = parse_http_date(response.headers.value_or("Date")))
    now = *date;
  if (const std::string* retry_after = response.headers.find("Retry-After"))
    e.retry_after = parse_retry_after(*retry_after, now);

  const std::string_view body = text::strip_bom(response.body);
  if (detail::is_blank_body(body)) {
    e.shape = error_body_shape::empty;
    return e;
  }
  // Error bodies are short (description is at most 1024 characters, error-codes); a megabyte of
  // anything is not one.
  constexpr std::size_t max_error_body = std::size_t{1} << 20;
  boost::system::error_code ec;
  boost::json::value parsed;
  if (body.size() <= max_error_body) {
    boost::json::parse_options options;
    options.max_depth = 32;
    parsed = boost::json::parse(body, ec, {}, options);
  }
  if (body.size() > max_error_body || ec) {
    e.shape = error_body_shape::not_json;
    e.body_excerpt = detail::excerpt(body);
    return e;
  }
  const boost::json::object* o = parsed.if_object();
  // {"error": {...}}: the wrapper API gateways put around the same members.
  if (o && o->size() == 1) {
    if (const auto* inner = detail::member(*o, "error"); inner && inner->is_object())
      o = &inner->get_object();
  }
  if (o && (detail::member(*o, "code") || detail::member(*o, "description") ||
            detail::member(*o, "errorName"))) {
    detail::read_fault(*o, e);
  } else if (o && detail::member(*o, "statusCode") && detail::member(*o, "message")) {
    e.shape = error_body_shape::gateway_throttle;
    e.message = detail::error_text(detail::text_member(*o, "message"));
    if (!e.retry_after)
      e.retry_after = detail::seconds_in_message(e.message);
  } else {
    e.shape = error_body_shape::unrecognized_json;
    e.body_excerpt = detail::excerpt(body);
  }
  return e;
}

}  // namespace partner_center::rest

#pragma once

// Printing requests, responses and customers without their secrets: the bearer token becomes
// "Bearer <redacted>" and every "password" member (the new tenant's admin password in
// userCredentials, facts §1.1) becomes "<redacted>". These are the only printers the REST layer
// has; operator<< of a request goes through them.

#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/service_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace partner_center::rest {

inline constexpr std::string_view redacted_marker = "<redacted>";

// Headers whose value is a credential.
inline bool is_secret_header(std::string_view name) noexcept {
  return iequals_ascii(name, "Authorization") || iequals_ascii(name, "Proxy-Authorization") ||
         iequals_ascii(name, "Cookie") || iequals_ascii(name, "Set-Cookie") ||
         iequals_ascii(name, "Ocp-Apim-Subscription-Key");
}

inline std::string redacted_header_value(std::string_view name, std::string_view value) {
  if (!is_secret_header(name))
    return std::string(value);
  if (value.size() >= 6 && iequals_ascii(value.substr(0, 6), "Bearer"))
    return "Bearer " + std::string(redacted_marker);
  return std::string(redacted_marker);
}

namespace detail {

inline void redact_passwords(boost::json::value& v) {
  if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      if (iequals_ascii(std::string_view(kv.key().data(), kv.key().size()), "password") &&
          !kv.value().is_null()) {
        kv.value() = redacted_marker;
      } else {
        redact_passwords(kv.value());
      }
    }
  } else if (auto* a = v.if_array()) {
    for (auto& element : *a)
      redact_passwords(element);
  }
}

}  // namespace detail

// A body with every "password" member (any depth, any casing) replaced. JSON comes back compact;
// text that is not JSON keeps its shape, with bearer tokens and "password" string values hidden.
inline std::string redacted_body(std::string_view body) {
  const std::string_view json = detail::strip_bom(body);
  if (detail::is_blank_body(json))
    return std::string(body);
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(json, ec);
  if (ec) {
    std::string text(body);
    detail::redact_bearer_tokens(text);
    detail::redact_password_values(text);
    return text;
  }
  detail::redact_passwords(parsed);
  return boost::json::serialize(parsed);
}

// The customer as canonical JSON (camelCase, absent members omitted), password redacted.
inline std::string redacted_json(const model::Customer& customer) {
  if (customer.userCredentials && customer.userCredentials->password) {
    model::Customer copy = customer;
    copy.userCredentials->password = std::string(redacted_marker);
    return encode(copy);
  }
  return encode(customer);
}

// The request as it would appear on the wire (request line, headers, blank line, body), with
// secrets redacted. Host is shown as a transport would send it.
inline std::string redacted(const http_request& request) {
  std::string out(to_string(request.method));
  out += ' ';
  out += std::string_view(request.url.buffer().data(), request.url.buffer().size());
  out += " HTTP/1.1\r\n";
  const auto host = request.url.encoded_host_and_port();
  out += "Host: ";
  out += std::string_view(host.data(), host.size());
  out += "\r\n";
  for (const auto& h : request.headers) {
    out += h.name;
    out += ": ";
    out += redacted_header_value(h.name, h.value);
    out += "\r\n";
  }
  if (!request.body.empty())
    out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  out += "\r\n";
  out += redacted_body(request.body);
  return out;
}

inline std::string redacted(const http_response& response) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status);
  if (const std::string_view reason = reason_phrase(response.status); !reason.empty()) {
    out += ' ';
    out += reason;
  }
  out += "\r\n";
  for (const auto& h : response.headers) {
    out += h.name;
    out += ": ";
    out += redacted_header_value(h.name, h.value);
    out += "\r\n";
  }
  out += "\r\n";
  out += redacted_body(response.body);
  return out;
}

inline std::ostream& operator<<(std::ostream& out, const http_request& request) {
  return out << redacted(request);
}

inline std::ostream& operator<<(std::ostream& out, const http_response& response) {
  return out << redacted(response);
}

}  // namespace partner_center::rest

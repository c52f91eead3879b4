#pragma once

// Printing requests, responses and customers without their secrets: the bearer token becomes
// "Bearer <redacted>" and every "password" member (the new tenant's admin password, which the
// create answer returns in userCredentials:
// https://learn.microsoft.com/partner-center/developer/create-a-customer) becomes "<redacted>".
// These are the only printers the REST layer has; operator<< of a request goes through them.
// A printed body is cut after max_printed_body bytes, with "... (N bytes cut)": a log line of a
// 16 MiB answer helps nobody. Redaction is linear in the body, whatever it holds. A request whose
// Content-Type is application/x-www-form-urlencoded (an OAuth token request) has its credential
// fields hidden instead.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/encode.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/service_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace partner_center::rest {

inline constexpr std::string_view redacted_marker = "<redacted>";
// The most bytes of a body redacted_body() prints (a create request is about 1 KB).
inline constexpr std::size_t max_printed_body = 4096;

// Headers whose value is a credential.
inline bool is_secret_header(std::string_view name) noexcept {
  return text::iequals(name, "Authorization") || text::iequals(name, "Proxy-Authorization") ||
         text::iequals(name, "Cookie") || text::iequals(name, "Set-Cookie") ||
         text::iequals(name, "Ocp-Apim-Subscription-Key");
}

inline std::string redacted_header_value(std::string_view name, std::string_view value) {
  if (!is_secret_header(name))
    return std::string(value);
  if (value.size() >= 6 && text::iequals(value.substr(0, 6), "Bearer"))
    return "Bearer " + std::string(redacted_marker);
  return std::string(redacted_marker);
}

// Form parameters (application/x-www-form-urlencoded) whose value is a credential: the OAuth 2.0
// token request's (RFC 6749 §6 refresh_token, §2.3.1 client_secret, §4.1.3 code, §4.3.2
// password; RFC 7523 §2.1 assertion, §2.2 client_assertion; RFC 7636 §4.5 code_verifier) and an
// access_token sent as a form field (RFC 6750 §2.2).
inline bool is_secret_form_field(std::string_view name) noexcept {
  for (const std::string_view secret_name :
       {"refresh_token", "client_secret", "client_assertion", "assertion", "access_token", "code",
        "password", "code_verifier"}) {
    if (name == secret_name)
      return true;
  }
  return false;
}

// A form body with each credential's value replaced by "<redacted>".
inline std::string redacted_form(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  while (true) {
    const std::size_t amp = body.find('&');
    const std::string_view field = body.substr(0, amp);
    const std::size_t eq = field.find('=');
    const std::string_view name = field.substr(0, eq);
    if (eq != std::string_view::npos && is_secret_form_field(name)) {
      out += name;
      out += '=';
      out += redacted_marker;
    } else {
      out += field;
    }
    if (amp == std::string_view::npos)
      break;
    out += '&';
    body.remove_prefix(amp + 1);
  }
  return out;
}

namespace detail {

// Whether a Content-Type names a form body (parameters such as "; charset=utf-8" ignored; media
// types are case-insensitive, RFC 9110 §8.3.1).
inline bool is_form_content_type(std::string_view content_type) noexcept {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
    type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  return text::iequals(type, "application/x-www-form-urlencoded");
}

// Whether a text may hold a secret redacted_text() would hide: a quick scan before a copy.
inline bool may_hold_secret(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (((c == 'b' || c == 'B') && iequals_at(text, i, "bearer ")) ||
        (c == '"' && iequals_at(text, i, "\"password\"")))
      return true;
  }
  return false;
}

// Every "password" member (any depth, any casing) replaced; strings that quote a bearer token or
// a "password" member redacted as text.
inline void redact_passwords(boost::json::value& v) {
  if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      if (text::iequals(std::string_view(kv.key().data(), kv.key().size()), "password") &&
          !kv.value().is_null()) {
        kv.value() = redacted_marker;
      } else {
        redact_passwords(kv.value());
      }
    }
  } else if (auto* a = v.if_array()) {
    for (auto& element : *a)
      redact_passwords(element);
  } else if (auto* s = v.if_string()) {
    const std::string_view text(s->data(), s->size());
    if (may_hold_secret(text))
      *s = redacted_text(text);
  }
}

}  // namespace detail

// A body with every "password" member (any depth, any casing) and every bearer token replaced,
// cut after `limit` bytes ("... (N bytes cut)"). JSON comes back compact; text that is not JSON
// keeps its shape, with bearer tokens and "password" string values hidden.
inline std::string redacted_body(std::string_view body, std::size_t limit = max_printed_body) {
  const std::string_view json = text::strip_bom(body);
  std::string text;
  if (detail::is_blank_body(json)) {
    text = std::string(body);
  } else {
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(json, ec);
    if (ec) {
      text = detail::redacted_text(body);
    } else {
      detail::redact_passwords(parsed);
      text = boost::json::serialize(parsed);
    }
  }
  detail::cap_text(text, limit);
  return text;
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
  if (const std::string* type = request.headers.find("Content-Type");
      type && detail::is_form_content_type(*type)) {
    std::string form = redacted_form(request.body);
    detail::cap_text(form, max_printed_body);
    out += form;
  } else {
    out += redacted_body(request.body);
  }
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

#pragma once

// Printing requests and responses without their secrets (the text rules are redaction.hpp's):
// the request line, the headers with credentials hidden, the body redacted and cut after
// max_printed_body bytes. These are the only printers the REST layer has; operator<< of a request
// goes through them. A request whose Content-Type is application/x-www-form-urlencoded (an OAuth
// token request) has its credential fields hidden instead.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/rest/detail/body_text.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/redaction.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace partner_center::rest {

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

}  // namespace detail

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

#pragma once

// Text without its secrets: a header value, a form body, a JSON or plain-text body, any text a
// service quoted. The bearer token becomes "Bearer <redacted>" and every "password" member (the
// new tenant's admin password, which the create answer returns in userCredentials:
// https://learn.microsoft.com/partner-center/developer/create-a-customer) becomes "<redacted>".
// A printed body is cut after max_printed_body bytes, with "... (N bytes cut)": a log line of a
// 16 MiB answer helps nobody. Redaction is linear in the text, whatever it holds. Printing a
// whole request or response is redact.hpp's.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/rest/detail/body_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
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

// Whether `text` holds ASCII-case-insensitively `word` at `at`.
inline bool iequals_at(std::string_view text, std::size_t at, std::string_view word) noexcept {
  return text.size() - at >= word.size() && text::iequals(text.substr(at, word.size()), word);
}

// Where a bearer token ends in a text that quotes it (HTML, JSON, a query string, a sentence).
constexpr bool ends_bearer_token(char c) noexcept {
  return c == ' ' || c == '"' || c == '<' || c == '\'' || c == '\\' || c == ',' || c == '&';
}

// `text` with the secrets a quoted body may hold replaced by "<redacted>", in one pass:
//   - "Bearer <token>": some proxies echo request headers in their error pages, and a token must
//     not reach a log that way;
//   - the value of every `"password": "..."`, in text that may not parse as JSON (a truncated
//     create answer still carries the new admin's password, which the create answer returns in
//     userCredentials: https://learn.microsoft.com/partner-center/developer/create-a-customer).
//     A value cut off by the end of the text is hidden whole.
// Linear in the text: each byte is looked at a bounded number of times, nothing is inserted into
// or erased from the middle of a string.
inline std::string redacted_text(std::string_view text) {
  constexpr std::string_view bearer = "bearer ";
  constexpr std::string_view password_key = "\"password\"";
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == 'b' || c == 'B') && iequals_at(text, i, bearer)) {
      out.append(text.substr(i, bearer.size()));  // as written: "Bearer ", "bearer ", ...
      out += redacted_marker;
      std::size_t end = i + bearer.size();
      while (iequals_at(text, end, bearer))  // "Bearer Bearer <token>": a doubled prefix
        end += bearer.size();
      if (text.substr(end).starts_with(redacted_marker)) {
        i = end + redacted_marker.size();  // redacted already: unchanged
        continue;
      }
      // Even an empty token gets the marker: whatever follows "Bearer " is never shown as one.
      while (end < text.size() && !ends_bearer_token(text[end]))
        ++end;
      i = end;
      continue;
    }
    if (c == '"' && iequals_at(text, i, password_key)) {
      std::size_t j = i + password_key.size();
      while (j < text.size() && is_space(text[j]))
        ++j;
      if (j < text.size() && text[j] == ':') {
        ++j;
        while (j < text.size() && is_space(text[j]))
          ++j;
        if (j < text.size() && text[j] == '"') {
          out.append(text.substr(i, j + 1 - i));  // the key, the colon, the opening quote
          out += redacted_marker;
          std::size_t end = j + 1;
          while (end < text.size() && text[end] != '"')
            end += text[end] == '\\' ? 2 : 1;
          i = std::min(end, text.size());  // the closing quote, if any, is copied next
          continue;
        }
      }
      out.append(text.substr(i, password_key.size()));  // as written
      i += password_key.size();
      continue;
    }
    out += c;
    ++i;
  }
  return out;
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

}  // namespace partner_center::rest

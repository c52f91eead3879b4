#pragma once

// The token endpoint's answer to a refresh-token grant: the tokens, or an auth_failure.
//
// Success (RFC 6749 §5.1): access_token, token_type (Bearer), expires_in, and refresh_token when
// the endpoint rotates it. The v1 endpoint sends the numbers as strings ("expires_in":"3600",
// "expires_on":"1547581389", epoch seconds: the secure application model's sample,
// https://learn.microsoft.com/partner-center/developer/enable-secure-app-model); v2 sends
// expires_in as a number and no expires_on ("Refresh the access token",
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow). Both are read;
// ext_expires_in, id_token, not_before, resource and scope are ignored.
//
// Failure: see failure.hpp. The description is cut to its first line (the rest repeats the trace
// and correlation ids and a timestamp), control characters become spaces, every value the caller
// says it sent (refresh token, client secret, assertion) and anything shaped like a token is
// replaced by "<redacted>", and it is capped at max_description_size bytes.
//
// Bounded: an answer over max_token_answer_size is refused unread (a token answer is a few KB).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/retry.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::auth {

inline constexpr std::size_t max_token_answer_size = std::size_t{64} * 1024;
inline constexpr std::size_t max_description_size = 512;
// A token lives about an hour; an answer promising more than a day is not believed.
inline constexpr std::chrono::seconds max_token_lifetime{86'400};

struct token_answer {
  secret access_token;
  std::string token_type;  // "Bearer", as sent
  std::chrono::seconds expires_in{0};
  std::optional<std::chrono::sys_seconds> expires_on;  // as sent, when sent
  std::optional<secret> refresh_token;                 // the rotated one, when sent
  // When the access token stops being valid: `now` (the caller's clock when the request was
  // sent) + expires_in, so that a skewed clock here does not matter; expires_on only when
  // expires_in is missing.
  std::chrono::sys_seconds expires_at{};

  friend std::ostream& operator<<(std::ostream& out, const token_answer& a) {
    return out << "token_answer{access_token=" << a.access_token << ", token_type=" << a.token_type
               << ", expires_in=" << a.expires_in.count()
               << " s, refresh_token=" << (a.refresh_token ? "<redacted>" : "none") << "}";
  }
};

namespace detail {

constexpr bool is_token_like_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
}

// Replaces runs that look like a token: 32 or more base64url/JWT characters mixing upper case,
// lower case and digits. GUIDs (one case), host names and words do not qualify.
inline std::string redact_token_like(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_token_like_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    bool upper = false;
    bool lower = false;
    bool digit = false;
    while (end < text.size() && is_token_like_char(text[end])) {
      const char c = text[end];
      upper = upper || (c >= 'A' && c <= 'Z');
      lower = lower || (c >= 'a' && c <= 'z');
      digit = digit || (c >= '0' && c <= '9');
      ++end;
    }
    if (end - i >= 32 && upper && lower && digit)
      out += "<redacted>";
    else
      out.append(text.substr(i, end - i));
    i = end;
  }
  return out;
}

inline void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty())
    return;
  std::size_t at = 0;
  while ((at = text.find(what, at)) != std::string::npos) {
    text.replace(at, what.size(), with);
    at += with.size();
  }
}

// Cuts to `limit` bytes, "..." included, never inside a UTF-8 sequence.
inline void cap_utf8(std::string& text, std::size_t limit) {
  if (text.size() <= limit)
    return;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  text.resize(cut);
  text += "...";
}

// The first "AADSTS<digits>" of a description, or 0.
inline std::int64_t aadsts_in(std::string_view text) noexcept {
  const std::size_t at = text.find("AADSTS");
  if (at == std::string_view::npos)
    return 0;
  std::int64_t code = 0;
  std::size_t digits = 0;
  for (std::size_t i = at + 6; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (++digits > 9)
      return 0;
    code = code * 10 + (text[i] - '0');
  }
  return code;
}

// trace_id and correlation_id are GUIDs (reference-error-codes' example); anything else is
// dropped rather than shown, since it could be anything the endpoint echoed.
inline std::string id_or_empty(const boost::json::value* v) {
  if (v == nullptr || !v->is_string())
    return {};
  const std::string_view s(v->get_string().data(), v->get_string().size());
  return model::formats::is_guid(s) ? std::string(s) : std::string();
}

// The OAuth error or token_type: printable ASCII (RFC 6749 §5.2 allows %x20-21 / %x23-5B /
// %x5D-7E), at most 64 bytes; anything else becomes '?'.
inline std::string short_printable(const boost::json::value* v) {
  if (v == nullptr || !v->is_string())
    return {};
  std::string s(v->get_string().data(), std::min<std::size_t>(v->get_string().size(), 64));
  for (char& c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7E || c == '"' || c == '\\')
      c = '?';
  }
  return s;
}

// Seconds as a JSON number or a string of digits; nullopt for anything else or a negative value.
inline std::optional<std::int64_t> seconds_value(const boost::json::value& v) noexcept {
  constexpr std::int64_t huge = std::int64_t{1} << 40;  // far past any real value, no overflow
  if (v.is_int64())
    return v.get_int64() >= 0 ? std::optional(std::min(v.get_int64(), huge)) : std::nullopt;
  if (v.is_uint64())
    return static_cast<std::int64_t>(std::min(v.get_uint64(), static_cast<std::uint64_t>(huge)));
  if (v.is_string()) {
    const std::string_view s(v.get_string().data(), v.get_string().size());
    if (s.empty() || s.size() > 18)
      return std::nullopt;
    std::int64_t n = 0;
    for (const char c : s) {
      if (c < '0' || c > '9')
        return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return std::min(n, huge);
  }
  return std::nullopt;
}

// Visible ASCII only (RFC 6750 §2.1's b64token is narrower still): the token goes into a header.
inline bool is_bearer_token_text(std::string_view s) noexcept {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x21 || b > 0x7E)
      return false;
  }
  return true;
}

inline boost::json::value parse_json(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec, {}, options);
  if (ec)
    return nullptr;
  return v;
}

// Overwrites a JSON string in place, so the DOM does not free a token without wiping it.
inline void wipe(boost::json::value* v) noexcept {
  if (v != nullptr && v->is_string())
    rest::secure_erase(v->get_string().data(), v->get_string().size());
}

}  // namespace detail

// The description as an auth_failure keeps it: first line, secrets and token-like runs redacted,
// control characters turned into spaces, capped.
inline std::string redact_description(std::string_view raw,
                                      std::initializer_list<std::string_view> sent_secrets = {}) {
  const std::size_t line_end = raw.find_first_of("\r\n");
  raw = raw.substr(0, line_end);
  std::string text(raw);
  for (const std::string_view s : sent_secrets) {
    // A secret of a few characters would match ordinary words; real ones are long.
    if (s.size() >= 8)
      detail::replace_all(text, s, "<redacted>");
  }
  text = detail::redact_token_like(text);
  for (char& c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F)
      c = ' ';
  }
  detail::cap_utf8(text, max_description_size);
  return text;
}

// A refusal (any status that is not 2xx, or a 2xx carrying "error"): its class, codes and ids.
// `now` measures an HTTP-date Retry-After.
inline auth_failure parse_token_error(const rest::http_response& response,
                                      std::chrono::sys_seconds now,
                                      std::initializer_list<std::string_view> sent_secrets = {}) {
  auth_failure f;
  f.http_status = response.status;
  if (const std::string* retry_after = response.headers.find("Retry-After"))
    f.retry_after = rest::parse_retry_after(*retry_after, now);
  if (response.body.size() <= max_token_answer_size) {
    const boost::json::value v = detail::parse_json(response.body);
    if (const auto* o = v.if_object()) {
      f.error = detail::short_printable(o->if_contains("error"));
      for (const std::string_view s : sent_secrets) {
        if (s.size() >= 8 && f.error.find(s) != std::string::npos)
          f.error = "<redacted>";
      }
      f.error = detail::redact_token_like(f.error);
      std::string_view raw_description;
      if (const auto* d = o->if_contains("error_description"); d && d->is_string())
        raw_description = std::string_view(d->get_string().data(), d->get_string().size());
      f.description = redact_description(raw_description, sent_secrets);
      if (const auto* codes = o->if_contains("error_codes"); codes && codes->is_array()) {
        const auto& a = codes->get_array();
        if (!a.empty() && a[0].is_int64() && a[0].get_int64() > 0)
          f.code = a[0].get_int64();
        else if (!a.empty() && a[0].is_uint64() && a[0].get_uint64() < (std::uint64_t{1} << 40))
          f.code = static_cast<std::int64_t>(a[0].get_uint64());
      } else {
        f.code = detail::aadsts_in(raw_description);
      }
      f.trace_id = detail::id_or_empty(o->if_contains("trace_id"));
      f.correlation_id = detail::id_or_empty(o->if_contains("correlation_id"));
    }
  }
  f.kind = classify_token_error(f.http_status, f.error, f.code);
  return f;
}

// The answer to a refresh-token grant sent at `now`. `sent_secrets` are the credentials the
// request carried; they are redacted from any description the endpoint echoes.
inline result<token_answer> parse_token_answer(
    const rest::http_response& response, std::chrono::sys_seconds now,
    std::initializer_list<std::string_view> sent_secrets = {}) {
  auto unusable = [](std::string detail) {
    return local_failure(auth_failure_kind::invalid_answer, std::move(detail));
  };
  if (!rest::is_success(response.status))
    return parse_token_error(response, now, sent_secrets);
  if (response.body.size() > max_token_answer_size) {
    return unusable("the answer is " + std::to_string(response.body.size()) + " bytes, over the " +
                    std::to_string(max_token_answer_size) + "-byte limit");
  }
  boost::json::value v = detail::parse_json(response.body);
  if (v.is_null())
    return unusable("the answer is not JSON");
  auto* o = v.if_object();
  if (o == nullptr)
    return unusable("the answer is not a JSON object");
  boost::json::value* access = o->if_contains("access_token");
  boost::json::value* refresh = o->if_contains("refresh_token");
  // Whatever happens next, the DOM's copies of the tokens are wiped before it is freed.
  struct wipe_on_exit {
    boost::json::value* a;
    boost::json::value* r;
    ~wipe_on_exit() {
      detail::wipe(a);
      detail::wipe(r);
    }
  } wiper{access, refresh};

  if (o->contains("error") && access == nullptr)
    return parse_token_error(response, now, sent_secrets);
  if (access == nullptr || !access->is_string() || access->get_string().empty())
    return unusable("the answer has no access_token");
  const std::string_view access_text(access->get_string().data(), access->get_string().size());
  if (!detail::is_bearer_token_text(access_text))
    return unusable("the access_token has characters a bearer token cannot have");

  token_answer out;
  if (const auto* t = o->if_contains("token_type"); t && t->is_string())
    out.token_type = detail::short_printable(t);
  // RFC 6749 §7.1: the type decides how the token is used; this library sends Bearer only.
  if (!partner_center::text::iequals(out.token_type, "Bearer")) {
    // The value is shown only when it is a short word: anything else could be an echoed secret.
    const bool word =
        out.token_type.size() <= 16 && std::ranges::all_of(out.token_type, [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        });
    return unusable(word ? "token_type \"" + out.token_type + "\" is not Bearer"
                         : std::string("token_type is not Bearer"));
  }

  std::optional<std::int64_t> expires_in;
  if (const auto* e = o->if_contains("expires_in")) {
    expires_in = detail::seconds_value(*e);
    if (!expires_in)
      return unusable("expires_in is not a number of seconds");
  }
  if (const auto* e = o->if_contains("expires_on")) {
    const auto on = detail::seconds_value(*e);
    if (!on)
      return unusable("expires_on is not a number of seconds since 1970");
    out.expires_on = std::chrono::sys_seconds{std::chrono::seconds{*on}};
  }
  if (expires_in) {
    out.expires_in = std::min(std::chrono::seconds{*expires_in}, max_token_lifetime);
  } else if (out.expires_on) {
    const auto left = *out.expires_on - now;
    out.expires_in = std::clamp(std::chrono::duration_cast<std::chrono::seconds>(left),
                                std::chrono::seconds{0}, max_token_lifetime);
  } else {
    return unusable("the answer has neither expires_in nor expires_on");
  }
  out.expires_at = now + out.expires_in;

  if (refresh != nullptr && !refresh->is_null()) {
    if (!refresh->is_string())
      return unusable("refresh_token is not a string");
    if (!refresh->get_string().empty()) {
      out.refresh_token =
          secret(std::string_view(refresh->get_string().data(), refresh->get_string().size()));
    }
  }
  out.access_token = secret(access_text);
  return out;
}

}  // namespace partner_center::auth

#pragma once

// Why no access token: the token endpoint's refusal, sorted into what a caller (or a person) can
// act on, or a problem on our side (unreachable endpoint, unusable answer, bad configuration, a
// refresh token that could not be stored). Every operation of the auth layer that can fail
// returns auth::result<T>.
//
// The endpoint's error answer (RFC 6749 §5.2; "Microsoft Entra authentication and authorization
// error codes", https://learn.microsoft.com/entra/identity-platform/reference-error-codes) has
// `error` (invalid_grant, ...), `error_description` ("AADSTS70008: ..."), `error_codes` ([70008]),
// `trace_id` and `correlation_id`. That page asks clients to act on `error` and the codes, never
// on the description's text; the AADSTS number is read from the description only when
// `error_codes` is missing.
//
// Nothing in an auth_failure holds a token, a secret or an assertion: the description is
// redacted when it is parsed (token_answer.hpp), and our own details never quote one.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace partner_center::auth {

// AADSTS codes a headless client must tell apart (reference-error-codes, above).
namespace aadsts {
// The refresh token is dead: a person must consent again.
inline constexpr std::int64_t refresh_token_expired = 70008;
inline constexpr std::int64_t refresh_token_expired_inactive = 700082;  // 90 days without use
inline constexpr std::int64_t sign_in_frequency_exceeded = 70043;       // conditional access
inline constexpr std::int64_t grant_revoked = 50173;  // password change, sessions revoked
inline constexpr std::int64_t invalid_grant = 70000;
// Multi-factor authentication.
inline constexpr std::int64_t mfa_required = 50076;
inline constexpr std::int64_t mfa_registration_required = 50079;
inline constexpr std::int64_t mfa_expired = 50078;
// Consent.
inline constexpr std::int64_t consent_required = 65001;
// The application's own credentials.
inline constexpr std::int64_t invalid_client_secret = 7000215;
inline constexpr std::int64_t expired_client_secret = 7000222;
inline constexpr std::int64_t invalid_client_assertion_signature = 700027;
// Too many requests: "the server terminated an operation because it encountered a loop".
inline constexpr std::int64_t loop_detected = 50196;
// Not classified on its own, but worth a sentence of its own.
inline constexpr std::int64_t blocked_by_conditional_access = 53003;
}  // namespace aadsts

enum class auth_failure_kind : std::uint8_t {
  // The token endpoint answered with a refusal.
  refresh_token_dead,         // a person must consent again (with an MFA sign-in)
  mfa_required,               // the refresh token must come from an MFA sign-in
  consent_missing,            // an administrator must consent to the application
  client_credential_invalid,  // the client secret or certificate was refused
  throttled,                  // 429, or AADSTS50196: wait, then ask less often
  temporarily_unavailable,    // 5xx or temporarily_unavailable: retry later
  other,                      // any other refusal
  // Our side.
  unreachable,            // no HTTP answer (the transport's error)
  invalid_answer,         // a success status with a body that is not a usable token answer
  invalid_configuration,  // nothing sent: a tenant, client id, authority, key... is unusable
  storage                 // the refresh token could not be loaded or the rotated one saved
};

BOOST_DESCRIBE_ENUM(auth_failure_kind, refresh_token_dead, mfa_required, consent_missing,
                    client_credential_invalid, throttled, temporarily_unavailable, other,
                    unreachable, invalid_answer, invalid_configuration, storage)

inline constexpr std::string_view to_string(auth_failure_kind kind) noexcept {
  return enum_name(kind, "unknown");
}

// The kind of a refusal from its status, OAuth error and AADSTS code (0 when unknown). A known
// code decides first (invalid_grant is also what an MFA refusal says), then 429, then the OAuth
// error, then 5xx.
inline constexpr auth_failure_kind classify_token_error(int http_status, std::string_view error,
                                                        std::int64_t code) noexcept {
  namespace c = aadsts;
  switch (code) {
    case c::refresh_token_expired:
    case c::refresh_token_expired_inactive:
    case c::sign_in_frequency_exceeded:
    case c::grant_revoked:
    case c::invalid_grant:
      return auth_failure_kind::refresh_token_dead;
    case c::mfa_required:
    case c::mfa_registration_required:
    case c::mfa_expired:
      return auth_failure_kind::mfa_required;
    case c::consent_required:
      return auth_failure_kind::consent_missing;
    case c::invalid_client_secret:
    case c::expired_client_secret:
    case c::invalid_client_assertion_signature:
      return auth_failure_kind::client_credential_invalid;
    case c::loop_detected:
      return auth_failure_kind::throttled;
    case c::blocked_by_conditional_access:
      // Sent as invalid_grant, but a new consent does not help: the policy must change.
      return auth_failure_kind::other;
    default:
      break;
  }
  if (http_status == 429)
    return auth_failure_kind::throttled;
  // RFC 6749 §5.2 errors, and the Entra ones the error-codes page lists.
  if (error == "invalid_grant" || error == "interaction_required")
    return auth_failure_kind::refresh_token_dead;
  if (error == "consent_required")
    return auth_failure_kind::consent_missing;
  if (error == "invalid_client")
    return auth_failure_kind::client_credential_invalid;
  if (error == "temporarily_unavailable" || (http_status >= 500 && http_status <= 599))
    return auth_failure_kind::temporarily_unavailable;
  return auth_failure_kind::other;
}

struct auth_failure {
  auth_failure_kind kind = auth_failure_kind::other;
  int http_status = 0;         // the token endpoint's status; 0 when it gave no answer
  std::string error;           // the OAuth error, e.g. "invalid_grant"
  std::string description;     // the first line of error_description, redacted and capped
  std::int64_t code = 0;       // the AADSTS code; 0 when none was given
  std::string trace_id;        // for Microsoft support
  std::string correlation_id;  // for Microsoft support
  std::optional<std::chrono::seconds> retry_after;  // from Retry-After
  std::string detail;  // our side: the transport's error, the file and errno, the bad value

  // A person must change something (consent, credentials, configuration) before asking again
  // can succeed; asking again in a loop only adds load.
  [[nodiscard]] bool needs_person() const noexcept {
    switch (kind) {
      case auth_failure_kind::refresh_token_dead:
      case auth_failure_kind::mfa_required:
      case auth_failure_kind::consent_missing:
      case auth_failure_kind::client_credential_invalid:
      case auth_failure_kind::invalid_configuration:
        return true;
      default:
        return false;
    }
  }

  // Asking again later may succeed.
  [[nodiscard]] bool retryable() const noexcept {
    return kind == auth_failure_kind::throttled ||
           kind == auth_failure_kind::temporarily_unavailable ||
           kind == auth_failure_kind::unreachable;
  }

  // "AADSTS70008", else the OAuth error, else "HTTP 503"; empty when there is none.
  [[nodiscard]] std::string tag() const {
    if (code != 0)
      return "AADSTS" + std::to_string(code);
    if (!error.empty())
      return error;
    if (http_status != 0)
      return "HTTP " + std::to_string(http_status);
    return {};
  }

  // One sentence: what happened and what a person must do.
  [[nodiscard]] std::string advice() const {
    namespace c = aadsts;
    const std::string t = tag();
    const std::string tagged = t.empty() ? std::string() : " (" + t + ")";
    switch (kind) {
      case auth_failure_kind::refresh_token_dead: {
        std::string what = "the refresh token was refused";
        if (code == c::refresh_token_expired)
          what = "the refresh token has expired";
        else if (code == c::refresh_token_expired_inactive)
          what = "the refresh token has expired after too long without use";
        else if (code == c::sign_in_frequency_exceeded)
          what = "the refresh token is older than a conditional access policy's sign-in frequency";
        else if (code == c::grant_revoked)
          what = "the refresh token was revoked (a password change or revoked sessions)";
        return what + tagged + ": consent again with an MFA sign-in to get a new one";
      }
      case auth_failure_kind::mfa_required:
        if (code == c::mfa_registration_required) {
          return "the user must register for multi-factor authentication" + tagged +
                 ": register, then consent again with an MFA sign-in to get a new refresh token";
        }
        return std::string(code == c::mfa_expired
                               ? "the multi-factor authentication of the sign-in has expired"
                               : "multi-factor authentication is required") +
               tagged +
               ": the refresh token must come from a sign-in with MFA; consent again with an MFA "
               "sign-in to get a new one";
      case auth_failure_kind::consent_missing:
        return "the application has no consent for Partner Center" + tagged +
               ": an administrator of the partner tenant must consent to the application, then "
               "consent again with an MFA sign-in to get a new refresh token";
      case auth_failure_kind::client_credential_invalid:
        if (code == c::invalid_client_secret) {
          return "the client secret is invalid" + tagged +
                 ": give the secret's value (not its id) of a secret of this application "
                 "registration";
        }
        if (code == c::expired_client_secret) {
          return "the client secret has expired" + tagged +
                 ": create a new client secret for the application registration";
        }
        if (code == c::invalid_client_assertion_signature) {
          return "the client assertion's signature was refused" + tagged +
                 ": upload the certificate to the application registration, or use the key that "
                 "belongs to it";
        }
        return "the client credentials were refused" + tagged +
               ": check the client id and the client secret or certificate";
      case auth_failure_kind::throttled:
        if (code == c::loop_detected) {
          return "the token endpoint stopped a loop of requests" + tagged +
                 ": ask for tokens less often (reuse them until they expire)";
        }
        return "the token endpoint is throttling requests" + tagged +
               (retry_after ? ": retry after " + std::to_string(retry_after->count()) + " s"
                            : std::string(": retry later"));
      case auth_failure_kind::temporarily_unavailable:
        return "the token endpoint is temporarily unavailable" + tagged + ": retry later";
      case auth_failure_kind::other:
        if (code == c::blocked_by_conditional_access) {
          return "the sign-in was blocked by a conditional access policy" + tagged +
                 ": an administrator must allow this application and location";
        }
        if (!description.empty())
          return "the token endpoint refused the request: " + description;
        return "the token endpoint refused the request" + tagged;
      case auth_failure_kind::unreachable:
        return "the token endpoint could not be reached (" + detail +
               "): check the network and the authority URL";
      case auth_failure_kind::invalid_answer:
        return "the token endpoint's answer is unusable: " + detail;
      case auth_failure_kind::invalid_configuration:
      case auth_failure_kind::storage:
        return detail;
    }
    return detail;
  }

  // The advice and, when the endpoint answered, what support needs to find the request.
  [[nodiscard]] std::string summary() const {
    std::string out = advice();
    std::string context;
    auto add = [&](std::string_view label, const std::string& value) {
      if (value.empty())
        return;
      if (!context.empty())
        context += ", ";
      context += label;
      context += value;
    };
    if (http_status != 0)
      add("HTTP ", std::to_string(http_status));
    if (code != 0)
      add("error ", error);
    add("trace id ", trace_id);
    add("correlation id ", correlation_id);
    if (!context.empty())
      out += " [" + context + "]";
    return out;
  }

  friend std::ostream& operator<<(std::ostream& out, const auth_failure& f) {
    return out << to_string(f.kind) << ": " << f.summary();
  }
};

// A failure of ours (nothing sent, or nothing usable came back).
inline auth_failure local_failure(auth_failure_kind kind, std::string detail) {
  auth_failure f;
  f.kind = kind;
  f.detail = std::move(detail);
  return f;
}

template <class T>
using result = boost::system::result<T, auth_failure>;

// boost::system::result::value() on an error calls this (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const auth_failure& f,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(f.summary()), where);
}

}  // namespace partner_center::auth

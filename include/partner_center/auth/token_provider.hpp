#pragma once

// App+User access tokens on demand: holds the refresh token, exchanges it at the token endpoint
// through the caller's transport, caches the access token and refreshes it before it expires.
//
//   auto store = std::make_shared<auth::file_refresh_token_store>("rt");
//   auth::token_provider_options o;
//   o.request.tenant = "contoso.onmicrosoft.com";
//   o.request.client_id = "8a7b6c5d-...";
//   o.request.credential = auth::client_secret{auth::secret(read_file("secret"))};
//   o.send = transports::curl_transport{};
//   auto provider = auth::token_provider::from_store(std::move(o), store).value();
//   auth::use_provider(context, provider);   // a rest::request_context, e.g. client_options'
//
// - Refreshed `margin` before expiry: 5 minutes, or a tenth of the token's lifetime when that is
//   shorter (a 10-minute token is refreshed after 9), so a token does not expire between the
//   moment it is handed out and the moment the service reads it.
// - One refresh at a time: when many threads ask together, one exchanges the refresh token and
//   the others wait for its outcome, success or failure.
// - Rotation: the endpoint returns a new refresh token with each answer ("Refresh tokens in the
//   Microsoft identity platform", https://learn.microsoft.com/entra/identity-platform/
//   refresh-tokens). It goes to `on_refresh_token` (from_store: the store's save) BEFORE the new
//   access token is cached or returned: if saving fails or throws, the access token is dropped
//   and the failure (or the exception) reaches the caller, so no work is done with a token whose
//   refresh token could be lost by a crash. The newest refresh token is kept in memory either
//   way, so a later attempt continues the chain and saves again.
// - A refusal that needs a person (dead refresh token, MFA, consent, bad client credential, bad
//   configuration) is remembered: later calls return it without asking the endpoint again. A
//   429 with Retry-After is remembered for that long.
// - Nothing is logged; operator<< of every type here prints "<redacted>" for credentials.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/refresh_token_store.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/auth/token_answer.hpp>
#include <partner_center/auth/token_request.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace partner_center::auth {

// Any callable rest::http_request -> rest::transport_result, move-only ones included (a
// transports::curl_transport), shared by copies. Called by one thread at a time.
class token_sender {
 public:
  token_sender() = default;
  template <class Sender>
  requires(!std::is_same_v<std::decay_t<Sender>, token_sender> &&
           std::is_invocable_r_v<rest::transport_result, std::decay_t<Sender>&,
                                 const rest::http_request&>)
      token_sender(
          Sender&& sender)  // NOLINT(google-explicit-constructor): assigned from a transport
      : call_([shared = std::make_shared<std::decay_t<Sender>>(std::forward<Sender>(sender))](
                  const rest::http_request& request) { return (*shared)(request); }) {}

  rest::transport_result operator()(const rest::http_request& request) const {
    return call_(request);
  }
  explicit operator bool() const noexcept { return static_cast<bool>(call_); }

 private:
  std::function<rest::transport_result(const rest::http_request&)> call_;
};

struct token_provider_options {
  token_request_options request{};
  token_sender send{};
  // Gets every rotated refresh token before the access token that came with it is used.
  std::function<result<void>(const secret&)> on_refresh_token{};
  std::function<std::chrono::system_clock::time_point()> clock = [] {
    return std::chrono::system_clock::now();
  };
  std::chrono::seconds max_refresh_margin{300};
};

// How long before expiry a token of this lifetime is refreshed.
inline constexpr std::chrono::seconds refresh_margin(std::chrono::seconds lifetime,
                                                     std::chrono::seconds max_margin) noexcept {
  return std::max(std::chrono::seconds{0}, std::min(max_margin, lifetime / 10));
}

class token_provider {
 public:
  using clock_type = std::chrono::system_clock;

  token_provider(token_provider_options options, secret refresh_token)
      : options_(std::move(options))
      , refresh_token_(std::move(refresh_token)) {
    if (!options_.clock)
      options_.clock = [] {
        return clock_type::now();
      };
  }

  // The refresh token from `store`; rotations are saved to it (unless options has its own
  // on_refresh_token, which then must save them).
  static result<std::shared_ptr<token_provider>> from_store(
      token_provider_options options, std::shared_ptr<refresh_token_store> store) {
    if (!store)
      return local_failure(auth_failure_kind::invalid_configuration, "no refresh token store");
    auto loaded = store->load();
    if (!loaded)
      return loaded.error();
    if (!options.on_refresh_token) {
      options.on_refresh_token = [store](const secret& token) {
        return store->save(token);
      };
    }
    return std::make_shared<token_provider>(std::move(options), std::move(*loaded));
  }

  token_provider(const token_provider&) = delete;
  token_provider& operator=(const token_provider&) = delete;

  // A valid access token: the cached one, or a new one. Throws only what the sender or
  // on_refresh_token throws.
  result<secret> access_token() {
    std::unique_lock lock(mutex_);
    while (true) {
      const auto now = options_.clock();
      if (!access_token_.empty() && now < refresh_at_)
        return access_token_;
      if (refreshing_) {
        const std::uint64_t generation = generation_;
        ready_.wait(lock, [&] { return !refreshing_; });
        if (generation_ != generation) {
          // A refresh ended while this thread waited: its outcome is this thread's too.
          if (!access_token_.empty() && options_.clock() < expires_at_)
            return access_token_;
          if (last_failure_)
            return *last_failure_;
        }
        continue;
      }
      if (last_failure_ && blocked(*last_failure_, now)) {
        if (!access_token_.empty() && now < expires_at_)
          return access_token_;
        return *last_failure_;
      }
      return refresh(lock, now);
    }
  }

  // Drops the cached access token (the service answered 401 to it): the next call refreshes.
  void invalidate() noexcept {
    std::lock_guard lock(mutex_);
    access_token_.clear();
  }

  // Why the last refresh failed; empty after a success.
  [[nodiscard]] std::optional<auth_failure> last_failure() const {
    std::lock_guard lock(mutex_);
    return last_failure_;
  }

  // When the cached access token expires; empty when none is cached.
  [[nodiscard]] std::optional<clock_type::time_point> expires_at() const {
    std::lock_guard lock(mutex_);
    if (access_token_.empty())
      return std::nullopt;
    return expires_at_;
  }

  // Token requests sent so far.
  [[nodiscard]] std::uint64_t exchanges() const {
    std::lock_guard lock(mutex_);
    return exchanges_;
  }

 private:
  // Whether `f` forbids asking the endpoint again now.
  bool blocked(const auth_failure& f, clock_type::time_point now) const noexcept {
    if (f.needs_person())
      return true;
    return f.kind == auth_failure_kind::throttled && now < retry_not_before_;
  }

  // Called with the lock held and refreshing_ false; returns with the lock held.
  result<secret> refresh(std::unique_lock<std::mutex>& lock, clock_type::time_point now) {
    refreshing_ = true;
    ++exchanges_;
    secret refresh_token = refresh_token_;
    lock.unlock();

    struct outcome {
      std::optional<token_answer> answer;
      std::optional<auth_failure> failure;
      std::optional<secret> rotated;
    } out;
    std::exception_ptr thrown;
    bool saving = false;  // set while on_refresh_token runs
    try {
      exchange(refresh_token, now, out.answer, out.failure, out.rotated, saving);
    } catch (...) {
      thrown = std::current_exception();
      out.answer.reset();
      std::string what;
      try {
        throw;
      } catch (const std::exception& e) {
        what = std::string(": ") + e.what();
      } catch (...) {
      }
      out.failure = saving ? local_failure(auth_failure_kind::storage,
                                           "saving the rotated refresh token threw" + what)
                           : local_failure(auth_failure_kind::unreachable,
                                           "the token request's sender threw" + what);
    }

    lock.lock();
    if (out.rotated)
      refresh_token_ = std::move(*out.rotated);
    if (out.answer) {
      access_token_ = std::move(out.answer->access_token);
      const auto lifetime = out.answer->expires_in;
      expires_at_ = now + lifetime;
      refresh_at_ = expires_at_ - refresh_margin(lifetime, options_.max_refresh_margin);
      last_failure_.reset();
    } else {
      last_failure_ = out.failure;
      if (out.failure && out.failure->kind == auth_failure_kind::throttled &&
          out.failure->retry_after) {
        retry_not_before_ = now + *out.failure->retry_after;
      }
    }
    refreshing_ = false;
    ++generation_;
    ready_.notify_all();
    if (thrown)
      std::rethrow_exception(thrown);
    if (out.answer)
      return access_token_;
    // A failed refresh of a token that has not expired yet leaves that token usable.
    if (!access_token_.empty() && options_.clock() < expires_at_)
      return access_token_;
    return *last_failure_;
  }

  // One exchange, without the lock. Sets `answer` or `failure`; `rotated` when the endpoint sent
  // a new refresh token (saved, or not, per `failure`).
  void exchange(const secret& refresh_token, clock_type::time_point now,
                std::optional<token_answer>& answer, std::optional<auth_failure>& failure,
                std::optional<secret>& rotated, bool& saving) {
    if (!options_.send) {
      failure = local_failure(auth_failure_kind::invalid_configuration,
                              "the token provider has no sender");
      return;
    }
    const auto sent_at = std::chrono::floor<std::chrono::seconds>(now);
    auto request = refresh_token_request(options_.request, refresh_token, sent_at);
    if (!request) {
      failure = request.error();
      return;
    }
    rest::transport_result sent = options_.send(*request);
    rest::secure_erase(request->body);
    if (!sent) {
      failure = local_failure(auth_failure_kind::unreachable, sent.error().message());
      return;
    }
    std::string_view client_secret_text;
    if (const auto* s = std::get_if<client_secret>(&options_.request.credential))
      client_secret_text = s->value.reveal();
    auto parsed = parse_token_answer(*sent, sent_at, {refresh_token.reveal(), client_secret_text});
    rest::secure_erase(sent->body);
    if (!parsed) {
      failure = parsed.error();
      return;
    }
    if (parsed->refresh_token && !(*parsed->refresh_token == refresh_token)) {
      rotated = *parsed->refresh_token;
      if (options_.on_refresh_token) {
        // May throw: the caller catches, records and rethrows, and keeps `rotated`.
        saving = true;
        auto saved = options_.on_refresh_token(*rotated);
        saving = false;
        if (!saved) {
          failure = saved.error();
          return;
        }
      }
    }
    answer = std::move(*parsed);
  }

  token_provider_options options_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  secret refresh_token_;
  secret access_token_;
  clock_type::time_point expires_at_{};
  clock_type::time_point refresh_at_{};
  clock_type::time_point retry_not_before_{};
  std::optional<auth_failure> last_failure_;
  bool refreshing_ = false;
  std::uint64_t generation_ = 0;
  std::uint64_t exchanges_ = 0;
};

// The provider as rest::request_context's token source: nullopt when there is no token (the
// reason is provider->last_failure()).
inline rest::token_provider rest_token_source(std::shared_ptr<token_provider> provider) {
  return [provider = std::move(provider)]() -> std::optional<std::string> {
    auto token = provider->access_token();
    if (!token)
      return std::nullopt;
    return std::move(*token).release();
  };
}

// Plugs the provider into a request_context: its token source, and token_rejected, which drops
// the cached access token when the service answers 401 to it, so that rest::client sends the
// request once more with a new one.
inline void use_provider(rest::request_context& context, std::shared_ptr<token_provider> provider) {
  context.token = rest_token_source(provider);
  context.token_rejected = [provider = std::move(provider)] {
    provider->invalidate();
  };
}

}  // namespace partner_center::auth

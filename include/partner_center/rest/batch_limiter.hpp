#pragma once

// One limiter shared by every worker of a batch: requests go out at most `per_minute` a minute,
// evenly spaced, and a 429 seen by any worker pauses all of them for as long as its Retry-After
// asks. Partner Center throttles per partner tenant, not per connection ("API throttling
// guidance", https://learn.microsoft.com/partner-center/developer/api-throttling-guidance): once
// one request is told to wait, the others of the same partner would only be throttled too, and
// "all requests are counted toward usage limits", so immediate retries make it worse.
//
//   rest::batch_limiter limiter{{.per_minute = 300}};
//   rest::throttled_transport send{transports::curl_transport{}, limiter};  // per worker
//   rest::client c{std::move(send), options};
//
// The clock and the sleep are options, so tests measure the pauses without waiting for them.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/rest/http.hpp>
#include <partner_center/rest/retry.hpp>
#include <partner_center/rest/service_error.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace partner_center::rest {

// The default rate of creates. The throttling guidance above lists the operations whose limits
// are enforced (creating a customer is not among them) and asks callers to "reduce the degree of
// parallelism" and "the frequency of calls"; the limit Partner Center gives for its customer
// resource is 500 requests a minute per partner tenant
// (https://learn.microsoft.com/partner-center/developer/customer-resources). A batch that keeps
// to it leaves no room for the partner's other tools, so lower it when they run at the same time.
inline constexpr double default_create_rate_per_minute = 500;

struct limiter_options {
  // Requests a minute for all workers together; 0 or less: no rate, only the pauses.
  double per_minute = default_create_rate_per_minute;
  // A 429 without a usable Retry-After pauses everyone this long.
  std::chrono::milliseconds pause_without_retry_after{1000};
  // A longer Retry-After is cut to this (the client's own cap, retry_policy::max_retry_after).
  std::chrono::milliseconds max_pause = retry_policy{}.max_retry_after;
  std::function<std::chrono::steady_clock::time_point()> now = [] {
    return std::chrono::steady_clock::now();
  };
  std::function<void(std::chrono::steady_clock::time_point)> sleep_until =
      [](std::chrono::steady_clock::time_point when) {
        std::this_thread::sleep_until(when);
      };
  // Told of every pause that extends the current one (for a progress line); called without the
  // limiter's lock, from the worker that got the 429.
  std::function<void(std::chrono::milliseconds)> on_pause{};
};

class batch_limiter {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit batch_limiter(limiter_options options = {}) : options_(std::move(options)) {
    if (options_.per_minute > 0) {
      interval_ = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(60.0 / options_.per_minute));
    }
  }

  batch_limiter(const batch_limiter&) = delete;
  batch_limiter& operator=(const batch_limiter&) = delete;

  // Returns when the caller may send one request: no pause is on, and its turn in the rate has
  // come. Waiting callers look again after each wait, so a pause that starts while they wait
  // holds them too.
  void acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
      const time_point now = options_.now();
      time_point wake = paused_until_;
      if (wake <= now) {
        if (next_slot_ <= now) {
          // No credit builds up while idle: the rate holds from the first request after a gap.
          next_slot_ = now + interval_;
          return;
        }
        wake = next_slot_;
      }
      lock.unlock();
      options_.sleep_until(wake);
      lock.lock();
    }
  }

  // Nobody sends before `length` from now (a pause already running longer is kept).
  void pause(std::chrono::milliseconds length) {
    length = std::clamp(length, std::chrono::milliseconds{0}, options_.max_pause);
    bool extended = false;
    {
      std::lock_guard lock(mutex_);
      const time_point until = options_.now() + length;
      if (until > paused_until_) {
        paused_until_ = until;
        ++pauses_;
        extended = true;
      }
    }
    if (extended && options_.on_pause)
      options_.on_pause(length);
  }

  // The pause a 429 answer asks for: its Retry-After (seconds, an HTTP-date, or the gateway's
  // "Try again in N seconds"), else pause_without_retry_after.
  void pause_for(const http_response& throttled) {
    const auto now_wall =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const service_error e = parse_service_error(throttled, now_wall);
    pause(e.retry_after ? std::chrono::milliseconds(*e.retry_after)
                        : options_.pause_without_retry_after);
  }

  [[nodiscard]] time_point paused_until() const {
    std::lock_guard lock(mutex_);
    return paused_until_;
  }
  // Pauses started or extended so far.
  [[nodiscard]] std::size_t pauses() const {
    std::lock_guard lock(mutex_);
    return pauses_;
  }
  [[nodiscard]] const limiter_options& options() const noexcept { return options_; }

 private:
  limiter_options options_;
  std::chrono::steady_clock::duration interval_{0};
  mutable std::mutex mutex_;
  time_point next_slot_{};
  time_point paused_until_{};
  std::size_t pauses_ = 0;
};

// A transport that waits its turn with the limiter before each request (retries included, since
// the client calls the transport once per attempt) and tells the limiter of every 429.
template <class Inner>
class throttled_transport {
 public:
  throttled_transport(Inner inner, batch_limiter& limiter)
      : inner_(std::move(inner))
      , limiter_(&limiter) {}

  transport_result operator()(const http_request& request) {
    limiter_->acquire();
    transport_result outcome = std::invoke(inner_, request);
    if (outcome && outcome->status == 429)
      limiter_->pause_for(*outcome);
    return outcome;
  }

  [[nodiscard]] Inner& inner() noexcept { return inner_; }

 private:
  Inner inner_;
  batch_limiter* limiter_;
};

}  // namespace partner_center::rest

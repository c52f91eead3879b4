#pragma once

// What the batch tests share besides files (files.hpp): a clock that moves only when slept on.

#include "files.hpp"

#include <chrono>
#include <mutex>

namespace partner_center::test {

// Time that passes only when someone sleeps: sleep_until(t) moves it to t at once. Shared by
// threads, it measures pauses in the time they were asked for, without waiting for them.
class virtual_clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  [[nodiscard]] time_point now() const {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void sleep_until(time_point when) {
    std::lock_guard lock(mutex_);
    if (when > now_)
      now_ = when;
  }
  // Since the clock's start.
  [[nodiscard]] std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now() - start);
  }

  // Far from the clock's epoch, so that "no pause yet" (a zero time point) is in the past.
  static constexpr time_point start = time_point{std::chrono::hours{24}};

 private:
  mutable std::mutex mutex_;
  time_point now_ = start;
};

}  // namespace partner_center::test

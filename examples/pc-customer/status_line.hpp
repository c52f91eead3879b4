#pragma once

// A line of progress on standard error, rewritten in place, only when standard error is a
// terminal: a pipe or a log file never gets carriage returns. Cleared when it goes away.

#include <chrono>
#include <cstdio>
#include <string_view>

#include <unistd.h>

namespace pc_customer {

class status_line {
 public:
  // Shown at the earliest `first_after` after construction, then at most every `every`.
  status_line(std::chrono::milliseconds first_after, std::chrono::milliseconds every)
      : enabled_(isatty(STDERR_FILENO) == 1)
      , every_(every)
      , next_(std::chrono::steady_clock::now() + first_after) {}
  ~status_line() {
    if (shown_)
      std::fputs("\r\033[K", stderr);
  }
  status_line(const status_line&) = delete;
  status_line& operator=(const status_line&) = delete;

  // Whether a new text would be shown now (or `now_anyway`); callers format only then.
  [[nodiscard]] bool due(bool now_anyway = false) const {
    return enabled_ && (now_anyway || std::chrono::steady_clock::now() >= next_);
  }

  void show(std::string_view text) {
    if (!enabled_)
      return;
    next_ = std::chrono::steady_clock::now() + every_;
    shown_ = true;
    std::fprintf(stderr, "\r\033[K%.*s", static_cast<int>(text.size()), text.data());
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::milliseconds every_;
  std::chrono::steady_clock::time_point next_;
};

}  // namespace pc_customer

#pragma once

// What the batch tests share: a scratch directory removed at the end, and whole-file reads.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace partner_center::test {

class scratch_directory {
 public:
  scratch_directory() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("pc-batch-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~scratch_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

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

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_whole_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace partner_center::test

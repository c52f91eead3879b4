#pragma once

// A credential the auth layer holds: a refresh token, an access token, a client secret or a
// signed client assertion. It cannot be printed (operator<< writes "<redacted>"), it has no
// implicit conversion to a string, and the memory it owns is overwritten before it is released
// (rest::secure_erase), so that a token does not linger in freed heap pages, a core file or a
// log line. Read it with reveal() where it must go on the wire, and nowhere else.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/rest/secure_erase.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::auth {

class secret {
 public:
  secret() = default;
  explicit secret(std::string value) noexcept : value_(std::move(value)) {}
  explicit secret(std::string_view value) : value_(value) {}
  explicit secret(const char* value) : value_(value) {}

  secret(const secret& other) : value_(other.value_) {}
  secret(secret&& other) noexcept : value_(std::move(other.value_)) {
    rest::secure_erase(other.value_);  // a moved-from string may keep its buffer (SSO)
  }
  secret& operator=(const secret& other) {
    if (this != &other) {
      rest::secure_erase(value_);
      value_ = other.value_;
    }
    return *this;
  }
  secret& operator=(secret&& other) noexcept {
    if (this != &other) {
      rest::secure_erase(value_);
      value_ = std::move(other.value_);
      rest::secure_erase(other.value_);
    }
    return *this;
  }
  ~secret() { rest::secure_erase(value_); }

  [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return value_.size(); }

  // Hands the value over (e.g. to rest::token_provider, whose interface is a std::string); this
  // secret is left empty and its buffer wiped.
  [[nodiscard]] std::string release() && {
    std::string out(value_);
    rest::secure_erase(value_);
    return out;
  }

  void clear() noexcept { rest::secure_erase(value_); }

  // Constant time in the contents (not the length): comparing a presented token must not tell
  // how many leading bytes matched.
  friend bool operator==(const secret& a, const secret& b) noexcept {
    return equal_constant_time(a.value_, b.value_);
  }
  friend bool operator==(const secret& a, std::string_view b) noexcept {
    return equal_constant_time(a.value_, b);
  }

  friend std::ostream& operator<<(std::ostream& out, const secret&) { return out << "<redacted>"; }

 private:
  static bool equal_constant_time(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
      return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
    return diff == 0;
  }

  std::string value_;
};

}  // namespace partner_center::auth

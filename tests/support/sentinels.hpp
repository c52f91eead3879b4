#pragma once

// A token and a password no printer may show: a test puts them where secrets go and looks for
// them in what is printed.

#include <string>

namespace partner_center::test {

inline constexpr const char* token_sentinel = "TOKEN-SENTINEL-7f3a";
inline constexpr const char* password_sentinel = "PASSWORD-SENTINEL-91c2";

inline bool shows_secret(const std::string& text) {
  return text.find(token_sentinel) != std::string::npos ||
         text.find(password_sentinel) != std::string::npos;
}

}  // namespace partner_center::test

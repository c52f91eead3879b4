#pragma once

// base64url without padding (RFC 7515 §2 and Appendix C, the encoding of every JWT part), and
// its decoding for reading a JWT's claims.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace partner_center::auth::detail {

inline std::string base64url_encode(const unsigned char* data, std::size_t size) {
  constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const unsigned n = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8) | data[i + 2];
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (size - i == 1) {
    const unsigned n = unsigned{data[i]} << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
  } else if (size - i == 2) {
    const unsigned n = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
  }
  return out;
}

inline std::string base64url_encode(std::string_view text) {
  return base64url_encode(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// nullopt for a character outside the alphabet, padding, or a length no encoding produces.
inline std::optional<std::string> base64url_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z')
      return c - 'A';
    if (c >= 'a' && c <= 'z')
      return c - 'a' + 26;
    if (c >= '0' && c <= '9')
      return c - '0' + 52;
    if (c == '-')
      return 62;
    if (c == '_')
      return 63;
    return -1;
  };
  if (text.size() % 4 == 1)
    return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value(c);
    if (v < 0)
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace partner_center::auth::detail

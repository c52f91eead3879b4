#pragma once

// Text facts the rules need, measured the way the service measures them. Partner Center is a
// .NET service: its length limits count UTF-16 code units and its "empty" means
// string.IsNullOrWhiteSpace. Keys and codes compare ASCII-case-insensitively because the service
// accepts "EN-US" for "en-US" and PascalCase for camelCase (the request example of
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/detail/swar.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace partner_center::text {

constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

namespace detail {
// Byte by byte: what a constant expression runs, and the reference the word-at-a-time form is
// tested against.
constexpr bool iequals_bytewise(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i] ^ b[i]);
    if (x == 0)
      continue;
    if (x != 0x20)
      return false;
    const auto lower = static_cast<unsigned char>(a[i] | 0x20);
    if (lower < 'a' || lower > 'z')
      return false;
  }
  return true;
}
}  // namespace detail

// Bytes that differ only in bit 0x20 are the same letter in two cases, if they are letters.
// Compared eight bytes at a time: member names and codes are matched this way on every key.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  if (std::is_constant_evaluated())
    return detail::iequals_bytewise(a, b);
  namespace swar = partner_center::detail::swar;
  const std::size_t n = a.size();
  if (n < 8)
    return swar::iequal_words(swar::load_short(a, 0), swar::load_short(b, 0));
  for (std::size_t i = 0; i + 8 < n; i += 8) {
    if (!swar::iequal_words(swar::load(a.data() + i), swar::load(b.data() + i)))
      return false;
  }
  return swar::iequal_words(swar::load(a.data() + n - 8), swar::load(b.data() + n - 8));
}

// Three-way ASCII-case-insensitive comparison, for binary search over sorted code tables.
constexpr int icompare(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(ascii_lower(a[i]));  // byte order, like compare()
    const auto y = static_cast<unsigned char>(ascii_lower(b[i]));
    if (x != y)
      return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

constexpr bool is_ascii_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alnum(char c) noexcept {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
constexpr bool is_hex_digit(char c) noexcept {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The length .NET's String.Length reports: one unit per code point below U+10000, two above.
// Counting lead bytes keeps this branch-light; a malformed sequence counts one unit per lead or
// stray byte, so the count never under-reports.
constexpr std::size_t utf16_length(std::string_view s) noexcept {
  if (!std::is_constant_evaluated() && partner_center::detail::swar::is_ascii(s))
    return s.size();  // one unit per byte
  std::size_t units = 0;
  for (const char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b & 0xC0) != 0x80)
      ++units;  // not a continuation byte
    if (b >= 0xF0)
      ++units;  // four-byte sequence: a surrogate pair
  }
  return units;
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or returns
// 0xFFFFFFFF for a malformed sequence (advancing one byte).
constexpr std::uint32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80)
    return (++i, b0);
  const std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size())
    return (++i, 0xFFFFFFFFu);
  std::uint32_t cp = b0 & (0x7Fu >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80)
      return (++i, 0xFFFFFFFFu);
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += len;
  return cp;
}

// Unicode White_Space, as char.IsWhiteSpace sees it.
constexpr bool is_white_space(std::uint32_t cp) noexcept {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// string.IsNullOrWhiteSpace, minus the null: true when nothing but white space remains.
constexpr bool is_blank(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    // Fast path: the common non-blank string fails on its first byte.
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80 && b != ' ' && (b < 0x09 || b > 0x0D))
      return false;
    if (!is_white_space(next_code_point(s, i)))
      return false;
  }
  return true;
}

// A control character (C0, DEL or C1) anywhere in the text. No text member of the service takes
// them, and an escaped \u0000 is the classic way to smuggle one through JSON.
constexpr bool has_control_character_exact(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b == 0x7F)
      return true;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    if (b == 0xC2 && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F)
        return true;
    }
  }
  return false;
}

namespace detail {
// Eight bytes at a time: flags a word holding a byte below 0x20, a 0x7F or a 0xC2 (the lead
// byte of C1 controls). Clean text, the usual case, is cleared at a fraction of a byte loop's
// cost; a flagged word sends the text to the exact check.
constexpr bool word_may_hold_control(std::uint64_t w) noexcept {
  return (partner_center::detail::swar::bytes_below(w, 0x20) |
          partner_center::detail::swar::bytes_equal(w, 0x7F) |
          partner_center::detail::swar::bytes_equal(w, 0xC2)) != 0;
}
}  // namespace detail

constexpr bool has_control_character(std::string_view s) noexcept {
  if (std::is_constant_evaluated())
    return has_control_character_exact(s);
  // Clean text, the usual case, is cleared a word at a time; a flagged word sends it to the
  // exact check. Spaces pad text under 8 bytes: they are not controls.
  return partner_center::detail::swar::any_word(s, ' ', detail::word_may_hold_control) &&
         has_control_character_exact(s);
}

// True when every byte sequence is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
constexpr bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const std::uint32_t cp = next_code_point(s, i);
    const std::size_t len = i - start;
    if (cp == 0xFFFFFFFFu)
      return false;
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
  }
  return true;
}

// The text after a UTF-8 byte order mark, if it starts with one. RFC 8259 §8.1 lets a parser
// ignore it, and .NET writers emit one.
constexpr std::string_view strip_bom(std::string_view s) noexcept {
  if (s.starts_with("\xEF\xBB\xBF"))
    s.remove_prefix(3);
  return s;
}

// A value quoted in a message, cut so that a hostile 10 MB string never becomes a 10 MB message.
inline constexpr std::size_t quoted_value_limit = 64;

constexpr std::string_view clip_for_message(std::string_view s) noexcept {
  if (s.size() <= quoted_value_limit)
    return s;
  std::size_t cut = quoted_value_limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;  // whole chars
  return s.substr(0, cut);
}

}  // namespace partner_center::text

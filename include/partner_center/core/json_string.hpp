#pragma once

// A string as a JSON string literal, for code that writes JSON by hand (a log line, a report)
// and wants the encoder's escaping. RFC 8259 §7: quote, backslash and C0 controls must be
// escaped; DEL and everything else is copied as is (the text is UTF-8). The size is measured
// first, so the text is written into space made once.
//
//   std::string line = "{\"path\":";
//   partner_center::append_json_string(line, violation.path);

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/detail/swar.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace partner_center {

namespace detail {

// Eight bytes at a time: true when the word may hold a byte that needs escaping.
constexpr bool word_needs_escape(std::uint64_t w) noexcept {
  return (swar::bytes_below(w, 0x20) | swar::bytes_equal(w, '"') | swar::bytes_equal(w, '\\')) != 0;
}

// The bytes an escape adds to byte b: \" \\ \b \f \n \r \t take two, other controls \u00XX six.
constexpr std::size_t escape_growth(unsigned char b) noexcept {
  if (b == '"' || b == '\\' || b == '\b' || b == '\f' || b == '\n' || b == '\r' || b == '\t')
    return 1;
  return b < 0x20 ? 5 : 0;
}

// False when no byte of s needs escaping, the usual case, which is then copied whole; true when
// one may (a word can be flagged for a byte just above a control: the exact loops decide).
inline bool may_need_escape(std::string_view s) noexcept {
  return swar::any_word(s, 'a', word_needs_escape);
}

}  // namespace detail

// The size of s written as a JSON string, quotes included.
inline std::size_t json_string_size(std::string_view s) noexcept {
  std::size_t size = s.size() + 2;
  if (!detail::may_need_escape(s))
    return size;
  std::size_t i = 0;
  while (i < s.size()) {
    // Skip clean words whole; most text has nothing to escape.
    if (i + 8 <= s.size() && !detail::word_needs_escape(detail::swar::load(s.data() + i))) {
      i += 8;
      continue;
    }
    size += detail::escape_growth(static_cast<unsigned char>(s[i]));
    ++i;
  }
  return size;
}

// Writes s as a JSON string at `out`, which has room for json_string_size(s) bytes; returns the
// end of what it wrote. Runs of plain bytes are copied whole.
inline char* write_json_string(char* out, std::string_view s) noexcept {
  *out++ = '"';
  if (!detail::may_need_escape(s)) {
    if (!s.empty()) {  // an empty view may hold nullptr, which memcpy must not be given
      std::memcpy(out, s.data(), s.size());
      out += s.size();
    }
    *out++ = '"';
    return out;
  }
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (i + 8 <= s.size() && !detail::word_needs_escape(detail::swar::load(s.data() + i)))
      i += 8;
    if (i >= s.size())
      break;
    const auto b = static_cast<unsigned char>(s[i]);
    if (detail::escape_growth(b) == 0)
      continue;
    std::memcpy(out, s.data() + run, i - run);
    out += i - run;
    run = i + 1;
    *out++ = '\\';
    switch (b) {
      case '"':
      case '\\':
        *out++ = static_cast<char>(b);
        break;
      case '\b':
        *out++ = 'b';
        break;
      case '\f':
        *out++ = 'f';
        break;
      case '\n':
        *out++ = 'n';
        break;
      case '\r':
        *out++ = 'r';
        break;
      case '\t':
        *out++ = 't';
        break;
      default: {
        constexpr char hex[] = "0123456789abcdef";
        const char escape[5] = {'u', '0', '0', hex[b >> 4], hex[b & 0xF]};
        std::memcpy(out, escape, sizeof escape);
        out += sizeof escape;
      }
    }
  }
  if (run < s.size()) {  // an empty view may hold nullptr, which memcpy must not be given
    std::memcpy(out, s.data() + run, s.size() - run);
    out += s.size() - run;
  }
  *out++ = '"';
  return out;
}

inline void append_json_string(std::string& out, std::string_view s) {
  const std::size_t before = out.size();
  out.resize(before + json_string_size(s));
  write_json_string(out.data() + before, s);
}

}  // namespace partner_center

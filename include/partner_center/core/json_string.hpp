#pragma once

// A string as a JSON string literal, for code that writes JSON by hand (a log line, a report)
// and wants the encoder's escaping. RFC 8259 §7: quote, backslash and C0 controls must be
// escaped; DEL and everything else is copied as is (the text is UTF-8). Runs of plain bytes are
// appended in one call.
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

}  // namespace detail

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Skip clean words whole; most text has nothing to escape.
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (detail::word_needs_escape(w))
        break;
      i += 8;
    }
    if (i >= s.size())
      break;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b != '"' && b != '\\')
      continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        constexpr char hex[] = "0123456789abcdef";
        const char escape[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 0xF]};
        out.append(escape, 6);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

}  // namespace partner_center

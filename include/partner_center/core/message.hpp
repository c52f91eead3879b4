#pragma once

// Values quoted in messages. A violation or failure message names the value it refuses; the
// value may be hostile (10 MB long, holding a newline that forges a second log line), so it is
// shown clipped to text::quoted_value_limit bytes and escaped like a JSON string.
//
//   std::string why = "the country " + partner_center::quote_for_message(country) + " is unknown";

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>

#include <string>
#include <string_view>

namespace partner_center {

// Appends `"value"`: quote and backslash escaped, controls as \u00XX, clipped with "..." after
// the closing part of a cut value, so that the message stays one safe line.
inline void append_quoted(std::string& out, std::string_view value) {
  const std::string_view shown = text::clip_for_message(value);
  out += '"';
  for (const char c : shown) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[b >> 4];
      out += hex[b & 0xF];
    } else {
      out += c;
    }
  }
  if (shown.size() < value.size())
    out += "...";
  out += '"';
}

inline std::string quote_for_message(std::string_view value) {
  std::string out;
  append_quoted(out, value);
  return out;
}

}  // namespace partner_center

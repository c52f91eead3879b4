#pragma once

// Two questions every reader of an answer's body asks, whether it prints the body (redaction.hpp)
// or reads an error from it (service_error.hpp): is there anything in it, and how much of a text
// may be kept.

#include <cstddef>
#include <string>
#include <string_view>

namespace partner_center::rest::detail {

inline bool is_blank_body(std::string_view body) noexcept {
  return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Cuts `text` to at most `limit` bytes (at a UTF-8 character boundary) and says how many bytes
// went: "... (N bytes cut)". Text within the limit is left alone.
inline void cap_text(std::string& text, std::size_t limit) {
  if (text.size() <= limit)
    return;
  std::size_t keep = limit;
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80)
    --keep;
  const std::size_t cut = text.size() - keep;
  text.resize(keep);
  text += "... (" + std::to_string(cut) + " bytes cut)";
}

}  // namespace partner_center::rest::detail

#pragma once

// Byte tests on eight bytes at once ("SIMD within a register"): each returns a word whose high
// bit is set in every byte that may match, so clean text is cleared a word at a time and only a
// flagged word is looked at byte by byte. The zero-byte test may also flag a byte just above a
// true match (the borrow of Mycroft's trick), never miss one: callers re-check exactly.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace partner_center::detail::swar {

inline constexpr std::uint64_t ones = 0x0101010101010101u;
inline constexpr std::uint64_t highs = 0x8080808080808080u;

constexpr std::uint64_t zero_bytes(std::uint64_t w) noexcept {
  return (w - ones) & ~w & highs;
}

// Bytes below `bound` (at most 0x80).
constexpr std::uint64_t bytes_below(std::uint64_t w, std::uint8_t bound) noexcept {
  return (w - ones * bound) & ~w & highs;
}

constexpr std::uint64_t bytes_equal(std::uint64_t w, std::uint8_t byte) noexcept {
  return zero_bytes(w ^ (ones * byte));
}

// The high bit of each byte in [low, high], for words of ASCII bytes only: adding 0x80 - low sets
// a byte's top bit when it is at least low, adding 0x7F - high when it is above high, and below
// 0x80 neither sum carries into the next byte.
constexpr std::uint64_t bytes_in_range(std::uint64_t w, std::uint8_t low,
                                       std::uint8_t high) noexcept {
  return (w + ones * (0x80u - low)) & ~(w + ones * (0x7Fu - high)) & highs;
}

// True when words a and b hold the same bytes but for ASCII letters in another case.
constexpr bool iequal_words(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t x = a ^ b;
  if (x == 0)
    return true;
  if ((x & ~(ones * 0x20u)) != 0)
    return false;  // a difference beyond the case bit
  const std::uint64_t non_ascii = a & highs;
  const std::uint64_t letters =
      bytes_in_range((a | (ones * 0x20u)) & ~highs, 'a', 'z') & ~non_ascii;
  return ((x << 2) & ~letters) == 0;  // 0x20 << 2 is the byte's high bit
}

// Eight bytes from p, whatever its alignment (memcpy compiles to one load).
inline std::uint64_t load(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// The bytes of s (fewer than 8) in one word, some of them repeated, the rest of the word `pad`:
// enough for a test that every byte passes. Two overlapping 4-byte loads, or for under 4 bytes
// the first, middle and last, cover every byte without a loop or a read past the end.
// Four bytes from p, in the low half of a word.
inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

inline std::uint64_t load_short(std::string_view s, std::uint8_t pad) noexcept {
  const std::size_t n = s.size();
  if (n >= 4)
    return load4(s.data()) | (load4(s.data() + n - 4) << 32);
  std::uint64_t w = ones * pad;
  if (n > 0) {
    w &= ~std::uint64_t{0xFFFFFF};
    w |= std::uint64_t{static_cast<unsigned char>(s[0])} |
         (std::uint64_t{static_cast<unsigned char>(s[n / 2])} << 8) |
         (std::uint64_t{static_cast<unsigned char>(s[n - 1])} << 16);
  }
  return w;
}

// True when `flagged` holds for some word of s: every byte is in some word (the last word
// overlaps the one before it, text under 8 bytes is one word padded with `pad`), so a test that
// flags a word holding a byte of interest finds every such byte.
template <class Flagged>
bool any_word(std::string_view s, std::uint8_t pad, Flagged flagged) noexcept {
  const std::size_t n = s.size();
  if (n < 8)
    return flagged(load_short(s, pad));
  for (std::size_t i = 0; i + 8 < n; i += 8) {
    if (flagged(load(s.data() + i)))
      return true;
  }
  return flagged(load(s.data() + n - 8));
}

// True when every byte of s is below 0x80.
inline bool is_ascii(std::string_view s) noexcept {
  return !any_word(s, 0, [](std::uint64_t w) { return (w & highs) != 0; });
}

}  // namespace partner_center::detail::swar

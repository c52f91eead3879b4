#pragma once

// Byte tests on eight bytes at once ("SIMD within a register"): each returns a word whose high
// bit is set in every byte that may match, so clean text is cleared a word at a time and only a
// flagged word is looked at byte by byte. The zero-byte test may also flag a byte just above a
// true match (the borrow of Mycroft's trick), never miss one: callers re-check exactly.

#include <cstdint>

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

}  // namespace partner_center::detail::swar

#pragma once

// RFC 6901 JSON Pointers for violation paths. The walk keeps the path as a stack of borrowed
// segments (member names are static, indices are numbers), so a valid document never builds a
// string: the pointer text is made only when a violation is reported.

#include <partner_center/core/cxx20.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

namespace partner_center {

// Appends one reference token, escaping '~' as "~0" and '/' as "~1" (RFC 6901 §3).
inline void append_pointer_token(std::string& out, std::string_view token) {
  out += '/';
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

inline void append_pointer_index(std::string& out, std::size_t index) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  out += '/';
  out.append(digits, end);
}

class json_path {
 public:
  // Deeper than any Partner Center resource; the decoder refuses deeper input before it gets here.
  static constexpr std::size_t max_depth = 32;

  void push(std::string_view name) noexcept { push_segment(segment{name, no_index}); }
  void push(std::size_t index) noexcept { push_segment(segment{{}, index}); }
  void pop() noexcept {
    if (depth_ > 0)
      --depth_;
  }
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

  [[nodiscard]] std::string str() const {
    std::string out;
    const std::size_t stored = depth_ < max_depth ? depth_ : max_depth;
    for (std::size_t i = 0; i < stored; ++i) {
      if (segments_[i].index == no_index) {
        append_pointer_token(out, segments_[i].name);
      } else {
        append_pointer_index(out, segments_[i].index);
      }
    }
    return out;
  }

  // The pointer of a child that is not on the stack, such as an unknown member's key.
  [[nodiscard]] std::string str_with(std::string_view child) const {
    std::string out = str();
    append_pointer_token(out, child);
    return out;
  }

 private:
  static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
  struct segment {
    std::string_view name;
    std::size_t index;
  };

  void push_segment(segment s) noexcept {
    if (depth_ < max_depth)
      segments_[depth_] = s;
    ++depth_;  // counted even past the array, so push and pop stay balanced
  }

  std::array<segment, max_depth> segments_{};
  std::size_t depth_ = 0;
};

}  // namespace partner_center

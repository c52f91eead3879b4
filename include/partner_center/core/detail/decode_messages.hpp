#pragma once

// The text of what decode() reports (decode_handler.hpp): a value of the wrong kind, a number
// that does not fit, an enumerator that is not listed, a member unknown or given twice, a limit
// reached. Keys and values from the input are quoted and clipped (message.hpp), since they may be
// hostile.

#include <partner_center/core/message.hpp>
#include <partner_center/core/text.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace partner_center::detail {

enum class json_kind : unsigned char {
  object,
  array,
  string,
  number,
  boolean,
  null
};

inline constexpr std::string_view describe_kind(json_kind kind) noexcept {
  constexpr std::string_view names[] = {"an object", "an array",  "a string",
                                        "a number",  "a boolean", "null"};
  return names[static_cast<unsigned char>(kind)];
}

// What the value being read is to the member it belongs to.
enum class value_role : unsigned char {
  member,    // the member's own value
  element,   // an element of the member, an array
  map_value  // a value of the member, a map
};

// An unknown key longer than this is reported at its object, not at a pointer that holds it:
// a 10 MB key must not become a 10 MB path.
inline constexpr std::size_t max_key_in_path = 256;

inline void append_key(std::string& message, std::string_view key) {
  append_quoted(message, key);
  if (key.size() > max_key_in_path)
    message += " (" + std::to_string(key.size()) + " bytes)";
}

// "<member> must be <expected>, not <found>", about each element or value where the member is an
// array or a map.
inline std::string wrong_kind_message(value_role role, std::string_view member,
                                      std::string_view expected, std::string_view found) {
  std::string message;
  if (role == value_role::element) {
    message = "each element of ";
  } else if (role == value_role::map_value) {
    message = "each member of ";
  }
  message += member;
  message += " must be ";
  message += expected;
  message += ", not ";
  message += found;
  return message;
}

// A number the member's type cannot hold, shown as the input wrote it (clipped).
inline std::string unfit_number_message(value_role role, std::string_view member,
                                        std::string_view expected, std::string_view text) {
  const std::string_view shown = text::clip_for_message(text);
  std::string message = wrong_kind_message(role, member, expected, shown);
  if (shown.size() < text.size())
    message += "...";
  return message;
}

inline std::string unknown_enumerator_message(std::string_view member, std::string_view text,
                                              std::span<const std::string_view> names) {
  std::string message(member);
  message += ' ';
  append_quoted(message, text);
  message += " is not one of";
  for (const std::string_view name : names) {
    message += ' ';
    message += name;
  }
  return message;
}

// A described member given twice, in any case; `name` is its canonical name.
inline std::string repeated_member_message(std::string_view name) {
  std::string message = "member ";
  message += name;
  message += " appears more than once (keys match whatever their case); the first one is kept";
  return message;
}

// A key of a map given twice (map keys match exactly).
inline std::string repeated_key_message(std::string_view key) {
  std::string message = "member ";
  append_key(message, key);
  message += " appears more than once; the first one is kept";
  return message;
}

inline std::string repeated_unknown_member_message(std::string_view key) {
  std::string message = "member ";
  append_key(message, key);
  message += " appears more than once (keys match whatever their case)";
  return message;
}

inline std::string unknown_member_message(std::string_view key, bool strict) {
  std::string message = "unknown member ";
  append_key(message, key);
  message += strict ? " is not allowed (strict mode)" : " is ignored";
  return message;
}

// More elements (or map members, `noun`) than decode_options::max_array_size.
inline std::string too_many_message(std::size_t limit, std::string_view noun) {
  std::string message = "more than " + std::to_string(limit) + ' ';
  message += noun;
  message += "; the rest are ignored";
  return message;
}

}  // namespace partner_center::detail

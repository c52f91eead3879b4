#pragma once

// Encodes described structs as canonical compact JSON: camelCase wire names in declaration order,
// absent members omitted, strings escaped per RFC 8259. Written straight into one growing
// buffer; no DOM.

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partner_center {

namespace detail {

// RFC 8259 §7: quote, backslash and C0 controls must be escaped; DEL and everything else is
// copied as is (the text is UTF-8). Runs of plain bytes are appended in one call.
// Eight bytes at a time: true when the word may hold a byte that needs escaping.
constexpr bool word_needs_escape(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  const auto has_zero = [](std::uint64_t x) {
    return (x - ones) & ~x & highs;
  };
  const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
  return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Skip clean words whole; most text has nothing to escape.
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (word_needs_escape(w))
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

template <class T>
void encode_value(std::string& out, const T& value);

template <class T>
struct is_std_optional : std::false_type {};
template <class T>
struct is_std_optional<std::optional<T>> : std::true_type {};

template <class Descriptor>
struct member_key {
  static constexpr std::size_t name_size = std::char_traits<char>::length(Descriptor::name);
  static constexpr auto text = [] {
    std::array<char, name_size + 4> key{};
    key[0] = ',';
    key[1] = '"';
    for (std::size_t i = 0; i < name_size; ++i)
      key[2 + i] = Descriptor::name[i];
    key[name_size + 2] = '"';
    key[name_size + 3] = ':';
    return key;
  }();
};

template <class T>
void encode_object(std::string& out, const T& object) {
  out += '{';
  bool first = true;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        const auto& member = object.*d.pointer;
        if constexpr (is_std_optional<std::remove_cvref_t<decltype(member)>>::value) {
          if (!member)
            return;
        }
        // `,"name":` made once at compile time; described names need no escaping.
        constexpr auto& key = member_key<decltype(d)>::text;
        out.append(key.data() + (first ? 1 : 0), key.size() - (first ? 1 : 0));
        first = false;
        encode_value(out, member);
      });
  out += '}';
}

template <class T>
void encode_value(std::string& out, const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    append_json_string(out, value);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (is_std_optional<T>::value) {
    if (value) {
      encode_value(out, *value);
    } else {
      out += "null";
    }
  } else if constexpr (boost::describe::has_describe_enumerators<T>::value) {
    const char* name = "unknown";
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto d) {
      if (d.value == value)
        name = d.name;
    });
    out += '"';
    out += name;
    out += '"';
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    encode_object(out, value);
  } else {
    out += '[';
    bool first = true;
    for (const auto& element : value) {
      if (!first)
        out += ',';
      first = false;
      encode_value(out, element);
    }
    out += ']';
  }
}

}  // namespace detail

// Appends the canonical JSON of `value` to `out`, so a caller can reuse one buffer.
template <class T>
void encode_to(std::string& out, const T& value) {
  detail::encode_value(out, value);
}

template <class T>
std::string encode(const T& value) {
  std::string out;
  out.reserve(1024);  // a create request or a customer fits: one allocation
  detail::encode_value(out, value);
  return out;
}

}  // namespace partner_center

#pragma once

// Encodes described structs as canonical compact JSON: camelCase wire names in declaration order,
// absent members omitted, strings escaped per RFC 8259. Written straight into one growing
// buffer; no DOM.

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partner_center {

namespace detail {

// RFC 8259 §7: quote, backslash and C0 controls must be escaped; DEL and everything else is
// copied as is (the text is UTF-8). Runs of plain bytes are appended in one call.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
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
        if (!first)
          out += ',';
        first = false;
        out += '"';
        out += d.name;  // described names are identifiers: nothing to escape
        out += "\":";
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
  out.reserve(512);
  detail::encode_value(out, value);
  return out;
}

}  // namespace partner_center

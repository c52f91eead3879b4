#pragma once

// Pretty JSON text for people and golden files: 2-space indent, members in insertion order, small
// objects of scalars on one line, and arrays of scalars on one line or filled up to the column
// limit, so an enum of 248 country codes reads as a paragraph instead of 248 lines. Boost.JSON
// 1.81 serializes compactly only.

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace partner_center::detail {

inline constexpr std::size_t json_layout_width = 100;

inline bool is_json_scalar(const boost::json::value& v) noexcept {
  return !v.is_object() && !v.is_array();
}

// A scalar, or an array of scalars such as "type": ["string", "null"].
inline bool is_json_flat(const boost::json::value& v) noexcept {
  if (!v.is_array())
    return is_json_scalar(v);
  for (const auto& element : v.get_array()) {
    if (!is_json_scalar(element))
      return false;
  }
  return true;
}

// Compact, with ", " between array elements as the pretty form has them.
inline std::string flat_json(const boost::json::value& v) {
  if (!v.is_array())
    return boost::json::serialize(v);
  std::string out = "[";
  for (const auto& element : v.get_array()) {
    if (out.size() > 1)
      out += ", ";
    out += boost::json::serialize(element);
  }
  out += ']';
  return out;
}

inline void append_pretty_json(std::string& out, const boost::json::value& v, std::size_t indent,
                               std::size_t column) {
  const std::string inner(indent + 2, ' ');
  if (v.is_object()) {
    const auto& object = v.get_object();
    if (object.empty()) {
      out += "{}";
      return;
    }
    // A small flat object, such as {"type": "null"}, stays on one line when it fits.
    std::string one_line = "{";
    bool scalars = true;
    for (const auto& member : object) {
      scalars = scalars && is_json_flat(member.value());
      if (!scalars)
        break;
      if (one_line.size() > 1)
        one_line += ", ";
      one_line += boost::json::serialize(boost::json::value(member.key()));
      one_line += ": ";
      one_line += flat_json(member.value());
    }
    one_line += '}';
    if (scalars && column + one_line.size() + 1 <= json_layout_width) {  // +1: a following comma
      out += one_line;
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& member : object) {
      if (!first)
        out += ",\n";
      first = false;
      out += inner;
      const std::string key = boost::json::serialize(boost::json::value(member.key()));
      out += key;
      out += ": ";
      append_pretty_json(out, member.value(), indent + 2, indent + 2 + key.size() + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += '}';
    return;
  }
  if (v.is_array()) {
    const auto& array = v.get_array();
    if (array.empty()) {
      out += "[]";
      return;
    }
    bool scalars = true;
    std::size_t inline_width = column + 2;  // the brackets
    for (const auto& element : array) {
      scalars = scalars && is_json_scalar(element);
      if (scalars)
        inline_width += boost::json::serialize(element).size() + 2;
    }
    if (scalars && inline_width - 2 + 1 <= json_layout_width) {  // +1: a following comma
      out += '[';
      bool first = true;
      for (const auto& element : array) {
        if (!first)
          out += ", ";
        first = false;
        out += boost::json::serialize(element);
      }
      out += ']';
      return;
    }
    out += "[\n";
    if (scalars) {
      // Filled lines: as many elements as fit, each line but the last ending in a comma.
      std::size_t line = 0;
      for (std::size_t i = 0; i < array.size(); ++i) {
        const std::string text = boost::json::serialize(array[i]);
        const std::size_t needed = text.size() + (i + 1 < array.size() ? 1 : 0);
        if (line > 0 && line + 1 + needed > json_layout_width) {
          out += '\n';
          line = 0;
        }
        if (line == 0) {
          out += inner;
          line = inner.size();
        } else {
          out += ' ';
          ++line;
        }
        out += text;
        line += text.size();
        if (i + 1 < array.size()) {
          out += ',';
          ++line;
        }
      }
    } else {
      bool first = true;
      for (const auto& element : array) {
        if (!first)
          out += ",\n";
        first = false;
        out += inner;
        append_pretty_json(out, element, indent + 2, indent + 2);
      }
    }
    out += '\n';
    out.append(indent, ' ');
    out += ']';
    return;
  }
  out += boost::json::serialize(v);
}

inline std::string pretty_json(const boost::json::value& v) {
  std::string out;
  append_pretty_json(out, v, 0, 0);
  return out;
}

}  // namespace partner_center::detail

#pragma once

// ECMA-262 patterns for JSON Schema (validators compile them with the `u` flag): the text checks
// of core/text.hpp, and lists the validator compares ASCII-case-insensitively, which JSON
// Schema's enum cannot say (it compares exactly). Cheap: rules' to_schema members use it.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace partner_center {

namespace schema_patterns {

// Every White_Space code point, as text::is_blank sees it.
inline constexpr std::string_view blank =
    "^[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$";
// Required text: no control character (C0, DEL, C1) and something besides white space.
inline constexpr std::string_view required_text =
    "^[^\\u0000-\\u001f\\u007f-\\u009f]*"
    "[^\\u0000-\\u001f\\u007f-\\u009f \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
    "\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$";
// Other text: no control character, unless the text is only white space (which the validator
// leaves to `required`, so "\t" is not reported twice).
inline constexpr std::string_view optional_text =
    "^(?:[^\\u0000-\\u001f\\u007f-\\u009f]*|[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028"
    "\\u2029\\u202f\\u205f\\u3000]*)$";

// `value` as pattern text matching it in any ASCII case, as text::iequals compares: "[Gg][Bb]" for
// "GB". Pattern syntax is escaped; any other character stands for itself (in the `u` mode of
// ECMA-262 only syntax characters may be escaped, so "-" is not).
inline void append_any_case(std::string& out, std::string_view value) {
  constexpr std::string_view syntax = "^$\\.*+?()[]{}|/";
  for (const char c : value) {
    if (text::is_ascii_alpha(c)) {
      const char lower = text::ascii_lower(c);
      out += '[';
      out += static_cast<char>(lower - 'a' + 'A');
      out += lower;
      out += ']';
    } else {
      if (syntax.find(c) != std::string_view::npos)
        out += '\\';
      out += c;
    }
  }
}

// A pattern matching exactly one of `values` (strings) in any ASCII case: "^[Gg][Bb]$",
// "^(?:[Ee][Nn]|[Ee][Ss])$". JSON Schema's enum compares exactly, so this is how a list the
// validator compares case-insensitively is said. With no value, nothing matches.
template <class Values>
std::string any_case_one_of(const Values& values) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& value : values)
    ++count;
  if (count == 0)
    return "[^\\s\\S]";
  std::string out = count == 1 ? "^" : "^(?:";
  bool first = true;
  for (const auto& value : values) {
    if (!first)
      out += '|';
    first = false;
    append_any_case(out, std::string_view(value));
  }
  out += count == 1 ? "$" : ")$";
  return out;
}

// "a, b, c": a list for a description.
template <class Values>
std::string listed(const Values& values, std::string_view separator = ", ") {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty())
      out += separator;
    out += std::string_view(value);
  }
  return out;
}

}  // namespace schema_patterns

}  // namespace partner_center

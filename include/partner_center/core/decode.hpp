#pragma once

// Decodes JSON text straight into described structs: no DOM, one pass, every problem reported.
//
//   partner_center::report problems;
//   Customer customer;
//   bool complete = partner_center::decode(text, customer, problems);
//
// Keys match ASCII-case-insensitively (the documented request is PascalCase, responses are
// camelCase); null leaves an optional member empty; paths in violations use the canonical
// camelCase names whatever the input's casing.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/decode_options.hpp>
#include <partner_center/core/detail/decode_handler.hpp>
#include <partner_center/core/detail/sink.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/violation.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <string>
#include <string_view>

namespace partner_center {

namespace detail {

// "line 3, column 14" for a byte offset, counting columns in characters.
inline std::string describe_position(std::string_view text, std::size_t offset) {
  if (offset > text.size())
    offset = text.size();
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      column = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

inline std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    text::next_code_point(text, i);
    if (!text::is_valid_utf8(text.substr(start, i - start)))
      return start;
  }
  return text.size();
}

// "\uD800".."\uDBFF" (a high surrogate escape) ends at `end`.
inline bool high_surrogate_escape_ends_at(std::string_view text, std::size_t end) noexcept {
  if (end < 6 || end > text.size())
    return false;
  const std::string_view e = text.substr(end - 6, 6);
  return e[0] == '\\' && e[1] == 'u' && (e[2] == 'd' || e[2] == 'D') &&
         std::string_view("89abAB").find(e[3]) != std::string_view::npos;
}

inline std::size_t effective_depth(const decode_options& options) noexcept {
  return options.max_depth < decode_options::depth_ceiling ? options.max_depth
                                                           : decode_options::depth_ceiling;
}

inline void report_parse_error(std::string_view text, std::size_t offset,
                               boost::system::error_code ec, const decode_options& options,
                               report& out) {
  namespace json = boost::json;
  if (ec == json::error::too_deep) {
    out.add("", violation_code::limit,
            detail::describe_position(text, offset) + ": nesting deeper than " +
                std::to_string(effective_depth(options)) + " levels");
    return;
  }
  std::string what;
  if (const std::size_t bad = first_invalid_utf8(text); bad <= offset && bad < text.size()) {
    offset = bad;
    what = "invalid UTF-8";
  } else if (ec == json::error::incomplete) {
    what = "the document ends too early";
  } else if (ec == json::error::extra_data) {
    what = "unexpected text after the document";
  } else if (ec == json::error::exponent_overflow) {
    what = "a number too large to represent";
  } else if (ec == json::error::illegal_leading_surrogate ||
             ec == json::error::illegal_trailing_surrogate ||
             // Boost.JSON 1.81 calls a high surrogate that no \u escape follows a syntax error;
             // it stops right after the escape, or after the backslash of the next one.
             (ec == json::error::syntax && (high_surrogate_escape_ends_at(text, offset) ||
                                            high_surrogate_escape_ends_at(text, offset - 1)))) {
    what = "an escaped lone UTF-16 surrogate";
  } else if (ec == json::error::expected_hex_digit || ec == json::error::expected_utf16_escape) {
    what = "a malformed \\u escape";
  } else {
    what = "not valid JSON";
  }
  out.add("", violation_code::syntax, describe_position(text, offset) + ": " + what);
}

}  // namespace detail

// Decodes `text` into `value`, appending every problem to `out`. Returns true when the text was
// read to its end (it may still hold errors such as wrong types: check out.valid()); false on
// malformed JSON or an exceeded limit, in which case `value` holds what was read before that.
template <class T>
bool decode(std::string_view text, T& value, report& out, const decode_options& options = {}) {
  if (text.size() > options.max_document_size) {
    out.add("", violation_code::limit,
            "the document has " + std::to_string(text.size()) + " bytes; at most " +
                std::to_string(options.max_document_size) + " are accepted");
    return false;
  }
  // A UTF-8 byte order mark is not JSON, but some Partner Center answers start with one (the
  // older PowerShell module drops it from every answer:
  // https://github.com/microsoft/PartnerCenterPowerShellModule/pull/36): accept and drop it.
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);

  boost::json::parse_options parse;
  parse.max_depth = detail::effective_depth(options);
  boost::json::basic_parser<detail::decode_handler> parser(
      parse, detail::sink_of<T>::value, static_cast<void*>(&value), out, options);
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) {
    detail::report_parse_error(text, consumed, ec, options, out);
    return false;
  }
  // write_some stops at the end of the first document; anything but white space after it is
  // a second document or garbage, never silently ignored.
  const std::size_t rest = text.find_first_not_of(" \t\r\n", consumed);
  if (rest != std::string_view::npos) {
    detail::report_parse_error(text, rest, boost::json::error::extra_data, options, out);
    return false;
  }
  return true;
}

// What decode() returns when the caller wants the value and its report together.
template <class T>
struct decoded {
  T value{};
  report violations;
  bool complete = false;  // the text was read to its end (see decode())

  [[nodiscard]] bool valid() const noexcept { return complete && violations.valid(); }
};

template <class T>
decoded<T> decode(std::string_view text, const decode_options& options = {}) {
  decoded<T> result;
  result.complete = decode(text, result.value, result.violations, options);
  return result;
}

}  // namespace partner_center

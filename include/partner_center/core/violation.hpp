#pragma once

// What a check found wrong (README.md, "Use it"). A violation names the place (an RFC 6901
// JSON Pointer built from the canonical camelCase wire names), a stable code, a severity and a
// sentence for people. Codes and their spellings are part of the public contract: tools match on
// them, so they never change meaning.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/error_code.hpp>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center {

enum class violation_code : std::uint8_t {
  syntax,          // not JSON at all (message has line and column)
  type,            // JSON of the wrong kind for the member
  required,        // absent, null, or only white space
  forbidden,       // present where the request must not carry it
  min_length,      // shorter than allowed (UTF-16 code units, as the service counts)
  max_length,      // longer than allowed (UTF-16 code units)
  format,          // present but not of the expected shape
  not_supported,   // well formed, but not a value the service accepts
  unknown_field,   // a member the resource does not have
  duplicate_key,   // the same member twice, whatever its case
  limit,           // a safety limit of this library (depth, size, regex effort) was reached
  minimum,         // a number below its lower bound (inclusive or exclusive)
  maximum,         // a number above its upper bound (inclusive or exclusive)
  multiple_of,     // an integer that is not a multiple of the required step
  min_items,       // an array with fewer elements than allowed
  max_items,       // an array with more elements than allowed
  unique_items,    // an array whose elements must differ holds two equal ones
  min_properties,  // an object (map) with fewer members than allowed
  max_properties,  // an object (map) with more members than allowed
};

BOOST_DESCRIBE_ENUM(violation_code, syntax, type, required, forbidden, min_length, max_length,
                    format, not_supported, unknown_field, duplicate_key, limit, minimum, maximum,
                    multiple_of, min_items, max_items, unique_items, min_properties, max_properties)

}  // namespace partner_center

// Lets a violation_code convert to std::error_code (through make_error_code, found by ADL).
// Declared before anything compares the enum: a comparison may instantiate the trait, and a
// specialization after that is ill-formed.
template <>
struct std::is_error_code_enum<partner_center::violation_code> : std::true_type {};

namespace partner_center {

// The stable spelling: the enumerator's identifier.
inline constexpr std::string_view to_string(violation_code code) noexcept {
  return enum_name(code, "unknown");
}

// std::error_code interop (core/error_code.hpp): `std::error_code ec = violation_code::format;`
inline const std::error_category& violation_category() noexcept {
  static const described_error_category<violation_code> category("partner_center.violation");
  return category;
}

inline std::error_code make_error_code(violation_code code) noexcept {
  return {described_error_category<violation_code>::to_value(code), violation_category()};
}

enum class severity : std::uint8_t {
  error,
  warning
};
BOOST_DESCRIBE_ENUM(severity, error, warning)

inline constexpr std::string_view to_string(severity level) noexcept {
  return enum_name(level, "unknown");
}

struct violation {
  std::string path;  // JSON Pointer; "" is the whole document
  violation_code code{};
  partner_center::severity severity = severity::error;
  std::string message;

  friend bool operator==(const violation&, const violation&) = default;
};

// Every violation found in one document, in the order found. A document is valid when no
// violation is an error: warnings (such as an unknown member in lenient mode) do not make it
// invalid.
//
// At most max_listed violations are kept; past that they are only counted, and one `limit` error
// says so (and keeps the document invalid, since an unlisted one may be an error). A create
// request has about 40 members, so only hostile input gets there: a megabyte of distinct
// unknown members would otherwise cost some 10 MB of warnings.
class report {
 public:
  static constexpr std::size_t max_listed = 1000;

  void add(violation found) {
    if (items_.size() < max_listed) {
      items_.push_back(std::move(found));
      return;
    }
    if (found.severity == severity::error)
      ++unlisted_errors_;
    if (unlisted_++ == 0) {
      items_.push_back(violation{
          "", violation_code::limit, severity::error,
          "more than " + std::to_string(max_listed) + " problems; the rest are not listed"});
    }
  }
  void add(std::string path, violation_code code, std::string message,
           partner_center::severity level = severity::error) {
    add(violation{std::move(path), code, level, std::move(message)});
  }
  void append(const report& other) {
    for (const violation& v : other.items_)
      add(v);
    unlisted_ += other.unlisted_;
    unlisted_errors_ += other.unlisted_errors_;
  }

  [[nodiscard]] bool valid() const noexcept {
    return std::none_of(items_.begin(), items_.end(),
                        [](const violation& v) { return v.severity == severity::error; });
  }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  // Unlisted errors included.
  [[nodiscard]] std::size_t error_count() const noexcept {
    return unlisted_errors_ + static_cast<std::size_t>(std::count_if(
                                  items_.begin(), items_.end(), [](const violation& v) {
                                    return v.severity == severity::error;
                                  }));
  }
  // Violations found past max_listed, not kept.
  [[nodiscard]] std::size_t unlisted() const noexcept { return unlisted_; }
  [[nodiscard]] bool contains(std::string_view path, violation_code code) const noexcept {
    return std::any_of(items_.begin(), items_.end(),
                       [&](const violation& v) { return v.path == path && v.code == code; });
  }

  [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
  [[nodiscard]] auto end() const noexcept { return items_.end(); }
  [[nodiscard]] const violation& operator[](std::size_t i) const { return items_[i]; }
  [[nodiscard]] const std::vector<violation>& items() const noexcept { return items_; }

  void clear() noexcept {
    items_.clear();
    unlisted_ = 0;
    unlisted_errors_ = 0;
  }

  // Drops the violations from index `first` on for which `drop(violation)` is true.
  template <class Predicate>
  void erase_from_if(std::size_t first, Predicate drop) {
    const auto begin = items_.begin() + static_cast<std::ptrdiff_t>(first);
    items_.erase(std::remove_if(begin, items_.end(), drop), items_.end());
  }

 private:
  std::vector<violation> items_;
  std::size_t unlisted_ = 0;
  std::size_t unlisted_errors_ = 0;
};

// One line a violation: `error /billingProfile/email required: email is required`; the whole
// document, whose pointer is "", shows as (document).
inline std::ostream& operator<<(std::ostream& out, const violation& v) {
  return out << to_string(v.severity) << ' ' << (v.path.empty() ? "(document)" : v.path) << ' '
             << to_string(v.code) << ": " << v.message;
}

}  // namespace partner_center

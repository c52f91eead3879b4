#pragma once

// Bounds on numbers: minimum, maximum, their exclusive forms, and multiple_of. A bound is kept in
// its own type (minimum{0} is an int, maximum{0.5} a double) and compared with the member's value
// exactly: an int64 is never rounded through double, so maximum{9007199254740992} refuses
// 9007199254740993. Included by rules.hpp.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

namespace partner_center {
namespace detail {

template <class N>
concept rule_number = std::is_arithmetic_v<N> && !std::is_same_v<N, bool>;

// -1, 0 or 1 as a is below, equal to or above b, compared exactly; 2 when either is NaN.
template <rule_number A, rule_number B>
constexpr int compare_exactly(A a, B b) noexcept {
  if constexpr (std::is_integral_v<A> && std::is_integral_v<B>) {
    return std::cmp_less(a, b) ? -1 : std::cmp_equal(a, b) ? 0 : 1;
  } else if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<B>) {
    if (a != a || b != b)
      return 2;
    return a < b ? -1 : a == b ? 0 : 1;
  } else if constexpr (std::is_integral_v<A>) {
    const int reversed = compare_exactly(b, a);
    return reversed == 2 ? 2 : -reversed;
  } else {
    // a is floating point, b an integer. Every integral value of a double within the 64-bit
    // ranges converts to an integer exactly, so compare the integral parts as integers and
    // let the fraction break a tie.
    const double x = static_cast<double>(a);
    if (x != x)
      return 2;
    if (x >= 18446744073709551616.0)  // 2^64: above every integer
      return 1;
    if (x < -9223372036854775808.0)  // -2^63: below every integer
      return -1;
    const double whole = std::trunc(x);
    int by_whole;
    if (whole >= 0) {
      const auto w = static_cast<std::uint64_t>(whole);
      by_whole = std::cmp_less(w, b) ? -1 : std::cmp_equal(w, b) ? 0 : 1;
    } else {
      const auto w = static_cast<std::int64_t>(whole);
      by_whole = std::cmp_less(w, b) ? -1 : std::cmp_equal(w, b) ? 0 : 1;
    }
    if (by_whole != 0)
      return by_whole;
    return x > whole ? 1 : x < whole ? -1 : 0;
  }
}

template <rule_number N>
void append_number(std::string& out, N n) {
  char digits[32];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

// Reports `value` when compare_exactly(value, bound) is not one of the allowed results.
template <class Context, rule_number V, rule_number B>
void check_bound(Context& ctx, V value, B bound, bool lower, bool inclusive) {
  const int order = compare_exactly(value, bound);
  if (order == 2)
    return;  // NaN: validate reports it as not finite
  if (lower ? (inclusive ? order >= 0 : order > 0) : (inclusive ? order <= 0 : order < 0))
    return;
  std::string message(ctx.member());
  message += " is ";
  append_number(message, value);
  if (inclusive) {
    message += lower ? "; the minimum is " : "; the maximum is ";
  } else {
    message += lower ? "; it must be greater than " : "; it must be less than ";
  }
  append_number(message, bound);
  ctx.add(lower ? violation_code::minimum : violation_code::maximum, std::move(message));
}

// Called only where a step is not positive; not constexpr, so such a step fails to compile.
inline void multiple_of_needs_a_positive_step() noexcept {}

}  // namespace detail

namespace rules {

template <detail::rule_number N>
struct minimum {
  static constexpr std::string_view name = "minimum";
  static constexpr std::string_view schema_keyword = "minimum";
  static constexpr value_kinds applies_to = detail::number_kinds;
  N value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* n = present_value(v))
      detail::check_bound(ctx, *n, value, true, true);
  }
};
template <class N>
minimum(N) -> minimum<N>;

template <detail::rule_number N>
struct exclusive_minimum {
  static constexpr std::string_view name = "exclusive_minimum";
  static constexpr std::string_view schema_keyword = "exclusiveMinimum";
  static constexpr value_kinds applies_to = detail::number_kinds;
  N value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* n = present_value(v))
      detail::check_bound(ctx, *n, value, true, false);
  }
};
template <class N>
exclusive_minimum(N) -> exclusive_minimum<N>;

template <detail::rule_number N>
struct maximum {
  static constexpr std::string_view name = "maximum";
  static constexpr std::string_view schema_keyword = "maximum";
  static constexpr value_kinds applies_to = detail::number_kinds;
  N value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* n = present_value(v))
      detail::check_bound(ctx, *n, value, false, true);
  }
};
template <class N>
maximum(N) -> maximum<N>;

template <detail::rule_number N>
struct exclusive_maximum {
  static constexpr std::string_view name = "exclusive_maximum";
  static constexpr std::string_view schema_keyword = "exclusiveMaximum";
  static constexpr value_kinds applies_to = detail::number_kinds;
  N value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* n = present_value(v))
      detail::check_bound(ctx, *n, value, false, false);
  }
};
template <class N>
exclusive_maximum(N) -> exclusive_maximum<N>;

// An integer that is a whole multiple of `value` (a positive integer, checked at compile time).
template <std::integral N>
struct multiple_of {
  static constexpr std::string_view name = "multiple_of";
  static constexpr std::string_view schema_keyword = "multipleOf";
  static constexpr value_kinds applies_to = detail::integer_kinds;
  N value;

  consteval multiple_of(N step) : value(step) {
    if (step <= 0)
      detail::multiple_of_needs_a_positive_step();
  }

  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const auto* n = present_value(v);
    if (n == nullptr)
      return;
    // The step is positive: a negative value divides as int64, anything else as uint64.
    bool fine = false;
    if constexpr (std::is_signed_v<std::remove_cvref_t<decltype(*n)>>) {
      fine = *n < 0 ? static_cast<std::int64_t>(*n) % static_cast<std::int64_t>(value) == 0
                    : static_cast<std::uint64_t>(*n) % static_cast<std::uint64_t>(value) == 0;
    } else {
      fine = static_cast<std::uint64_t>(*n) % static_cast<std::uint64_t>(value) == 0;
    }
    if (fine)
      return;
    std::string message(ctx.member());
    message += " is ";
    detail::append_number(message, *n);
    message += "; it must be a multiple of ";
    detail::append_number(message, value);
    ctx.add(violation_code::multiple_of, std::move(message));
  }
};
template <class N>
multiple_of(N) -> multiple_of<N>;

}  // namespace rules
}  // namespace partner_center

#pragma once

// How many: min_items, max_items and unique_items for arrays (std::vector), min_properties and
// max_properties for maps. Included by rules.hpp.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace partner_center {
namespace detail {

template <class Context>
void check_count(Context& ctx, std::size_t count, std::size_t bound, bool lower,
                 std::string_view noun, violation_code code) {
  if (lower ? count >= bound : count <= bound)
    return;
  std::string message(ctx.member());
  message += " has ";
  message += std::to_string(count);
  message += ' ';
  message += noun;
  message += lower ? "; at least " : "; at most ";
  message += std::to_string(bound);
  message += lower ? " are required" : " are allowed";
  ctx.add(code, std::move(message));
}

// The indexes of the first two equal elements, or {n, n}. Short arrays compare pairwise; long
// ones sort indexes when the elements can be ordered, so a hostile 10,000-element array costs
// n log n comparisons, not n^2 / 2.
template <class Element, class Allocator>
std::pair<std::size_t, std::size_t> first_equal_pair(const std::vector<Element, Allocator>& v) {
  const std::size_t n = v.size();
  if constexpr (std::totally_ordered<Element>) {
    if (n > 32) {
      std::vector<std::size_t> order(n);
      for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
      std::pair<std::size_t, std::size_t> found{n, n};
      for (std::size_t i = 1; i < n; ++i) {
        if (v[order[i - 1]] == v[order[i]]) {
          const std::pair<std::size_t, std::size_t> pair{order[i - 1], order[i]};
          if (pair.second < found.second ||
              (pair.second == found.second && pair.first < found.first))
            found = pair;
        }
      }
      return found;
    }
  }
  for (std::size_t j = 1; j < n; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (v[i] == v[j])
        return {i, j};
    }
  }
  return {n, n};
}

}  // namespace detail

namespace rules {

struct min_items {
  static constexpr std::string_view name = "min_items";
  static constexpr std::string_view schema_keyword = "minItems";
  static constexpr value_kinds applies_to = detail::sequence_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* a = present_value(v))
      detail::check_count(ctx, a->size(), value, true, "elements", violation_code::min_items);
  }
};

struct max_items {
  static constexpr std::string_view name = "max_items";
  static constexpr std::string_view schema_keyword = "maxItems";
  static constexpr value_kinds applies_to = detail::sequence_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* a = present_value(v))
      detail::check_count(ctx, a->size(), value, false, "elements", violation_code::max_items);
  }
};

// No two elements equal (by the element type's operator==).
struct unique_items_rule {
  static constexpr std::string_view name = "unique_items";
  static constexpr std::string_view schema_keyword = "uniqueItems";
  static constexpr bool value = true;  // the keyword's value
  static constexpr value_kinds applies_to = detail::sequence_kinds;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const auto* a = present_value(v);
    if (a == nullptr)
      return;
    static_assert(std::equality_comparable<typename std::remove_cvref_t<decltype(*a)>::value_type>,
                  "unique_items: the element type needs operator==");
    const auto [first, second] = detail::first_equal_pair(*a);
    if (second == a->size())
      return;
    std::string message(ctx.member());
    message += " has equal elements at ";
    message += std::to_string(first);
    message += " and ";
    message += std::to_string(second);
    message += "; each element must be unique";
    ctx.add(violation_code::unique_items, std::move(message));
  }
};
inline constexpr unique_items_rule unique_items{};

struct min_properties {
  static constexpr std::string_view name = "min_properties";
  static constexpr std::string_view schema_keyword = "minProperties";
  static constexpr value_kinds applies_to = detail::map_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* m = present_value(v))
      detail::check_count(ctx, m->size(), value, true, "members", violation_code::min_properties);
  }
};

struct max_properties {
  static constexpr std::string_view name = "max_properties";
  static constexpr std::string_view schema_keyword = "maxProperties";
  static constexpr value_kinds applies_to = detail::map_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    if (const auto* m = present_value(v))
      detail::check_count(ctx, m->size(), value, false, "members", violation_code::max_properties);
  }
};

}  // namespace rules
}  // namespace partner_center

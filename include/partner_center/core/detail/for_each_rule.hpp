#pragma once

// The rules a struct's table gives one of its members, for both readers of rules tables:
// validate() runs them (core/validate.hpp), json_schema() describes them
// (core/detail/schema_builder.hpp).

#include <partner_center/core/rules.hpp>

#include <tuple>
#include <type_traits>

namespace partner_center::detail {

// T's rules table, made once at compile time.
template <class T>
inline constexpr auto rules_table_of = rules_table<T>();

// Calls f(rule) for each rule that T's table gives the member `d` describes (a Boost.Describe
// member descriptor of T), in table order. A field naming a member of another type is passed
// over at compile time; one of the same type compares its member pointer with d's.
template <class T, class Descriptor, class F>
void for_each_rule(Descriptor d, F&& f) {
  std::apply(
      [&](const auto&... fields) {
        (
            [&](const auto& field) {
              if constexpr (std::is_same_v<std::remove_const_t<decltype(field.member)>,
                                           std::remove_const_t<decltype(d.pointer)>>) {
                if (field.member == d.pointer)
                  std::apply([&](const auto&... rule) { (f(rule), ...); }, field.rules);
              }
            }(fields),
            ...);
      },
      rules_table_of<T>);
}

}  // namespace partner_center::detail

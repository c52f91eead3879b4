#pragma once

// The spelling of an enumerator, and the enumerator of a spelling, for an enum described with
// BOOST_DESCRIBE_ENUM: the names come from the enum's one declaration instead of a second,
// hand-kept array that can fall out of step with it. Names are the identifiers as written, so an
// enum whose printed names are not identifiers (HTTP methods: "DELETE") keeps its own mapping.
//
// Costs two small Boost.Describe headers (no Boost.Mp11): the lookups are folds over the
// enumerator list.

#include <partner_center/core/cxx20.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>

#include <optional>
#include <string_view>

namespace partner_center {

namespace detail {

template <class E, template <class...> class List, class... Enumerator>
constexpr std::string_view enum_name_in(E value, std::string_view fallback,
                                        List<Enumerator...>* /*enumerators*/) noexcept {
  std::string_view found = fallback;
  (void)((value == Enumerator::value ? (found = Enumerator::name, true) : false) || ...);
  return found;
}

template <class E, template <class...> class List, class... Enumerator>
constexpr std::optional<E> enum_from_name_in(std::string_view name,
                                             List<Enumerator...>* /*enumerators*/) noexcept {
  std::optional<E> found;
  (void)((name == Enumerator::name ? (found = Enumerator::value, true) : false) || ...);
  return found;
}

}  // namespace detail

// The enumerator's identifier, or `fallback` for a value that names no enumerator (a cast from
// an integer, or an enumerator missing from BOOST_DESCRIBE_ENUM).
template <class E>
constexpr std::string_view enum_name(E value, std::string_view fallback) noexcept {
  static_assert(boost::describe::has_describe_enumerators<E>::value,
                "enum_name: describe the enum with BOOST_DESCRIBE_ENUM, next to it");
  return detail::enum_name_in(value, fallback,
                              static_cast<boost::describe::describe_enumerators<E>*>(nullptr));
}

// The enumerator whose identifier is exactly `name` (case-sensitive), or nullopt.
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) noexcept {
  static_assert(boost::describe::has_describe_enumerators<E>::value,
                "enum_from_name: describe the enum with BOOST_DESCRIBE_ENUM, next to it");
  return detail::enum_from_name_in<E>(
      name, static_cast<boost::describe::describe_enumerators<E>*>(nullptr));
}

}  // namespace partner_center

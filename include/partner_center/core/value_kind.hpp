#pragma once

// What a member type is, said once. Decode, encode, validate and the schema export all dispatch
// on value_kind_v<T>; a type outside the list reaches one static_assert (unsupported_member_type)
// that names it, instead of each walker failing in its own way.
//
//   string       std::string
//   boolean      bool
//   integer      signed and unsigned integers of 8 to 64 bits (not char, not bool)
//   number       float, double
//   optional     std::optional<T>: absent or null
//   sequence     std::vector<T>
//   map          a std::string-keyed map with try_emplace (std::map, std::unordered_map, or a
//                flat map of the same interface): a JSON object whose member names are data
//   structure    a struct described with BOOST_DESCRIBE_STRUCT
//   enumeration  an enum described with BOOST_DESCRIBE_ENUM, written as its enumerator's name

#include <partner_center/core/cxx20.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace partner_center {

enum class value_kind : std::uint8_t {
  string,
  boolean,
  integer,
  number,
  optional,
  sequence,
  map,
  structure,
  enumeration,
  unsupported
};

// A set of kinds: what a rule may be put on.
struct value_kinds {
  std::uint16_t bits = 0;

  [[nodiscard]] constexpr bool contains(value_kind kind) const noexcept {
    return (bits & (1u << static_cast<unsigned>(kind))) != 0;
  }
  friend constexpr bool operator==(value_kinds, value_kinds) = default;
};

template <class... Kinds>
constexpr value_kinds kinds(Kinds... k) noexcept {
  return value_kinds{static_cast<std::uint16_t>(((1u << static_cast<unsigned>(k)) | ... | 0u))};
}

namespace detail {

template <class T>
struct is_optional_type : std::false_type {};
template <class T>
struct is_optional_type<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector_type : std::false_type {};
template <class T, class A>
struct is_vector_type<std::vector<T, A>> : std::true_type {};

// Integers of 8 to 64 bits. The character types are text, not numbers, so they are left out.
template <class T>
inline constexpr bool is_integer_member =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
    !std::is_same_v<T, char32_t> && sizeof(T) <= 8;

template <class T>
concept string_keyed_map = requires(T& map, std::string key) {
  typename T::key_type;
  typename T::mapped_type;
  requires std::is_same_v<typename T::key_type, std::string>;
  map.try_emplace(std::move(key));
  map.size();
};

template <class T>
constexpr value_kind classify() noexcept {
  if constexpr (std::is_same_v<T, std::string>) {
    return value_kind::string;
  } else if constexpr (std::is_same_v<T, bool>) {
    return value_kind::boolean;
  } else if constexpr (is_integer_member<T>) {
    return value_kind::integer;
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    return value_kind::number;
  } else if constexpr (is_optional_type<T>::value) {
    return value_kind::optional;
  } else if constexpr (is_vector_type<T>::value) {
    return value_kind::sequence;
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    return value_kind::structure;
  } else if constexpr (boost::describe::has_describe_enumerators<T>::value) {
    return value_kind::enumeration;
  } else if constexpr (string_keyed_map<T>) {
    return value_kind::map;
  } else {
    return value_kind::unsupported;
  }
}

}  // namespace detail

template <class T>
inline constexpr value_kind value_kind_v = detail::classify<std::remove_cv_t<T>>();

// The kind of what a member holds when it is there: optional<T> is T's kind.
template <class T>
struct present_kind {
  static constexpr value_kind value = value_kind_v<T>;
};
template <class T>
struct present_kind<std::optional<T>> {
  static constexpr value_kind value = value_kind_v<T>;
};
template <class T>
inline constexpr value_kind present_kind_v = present_kind<std::remove_cv_t<T>>::value;

// Instantiated by every walker for a type it cannot handle. The compiler names T in the
// "required from" line of this error.
template <class T>
struct unsupported_member_type {
  static_assert(value_kind_v<T> != value_kind::unsupported,
                "partner_center: this member type is not supported. A member may be std::string, "
                "bool, an integer of 8 to 64 bits, float, double, std::optional<T>, "
                "std::vector<T>, a std::string-keyed map (std::map, std::unordered_map), a "
                "BOOST_DESCRIBE_STRUCT struct or a BOOST_DESCRIBE_ENUM enum");
};

}  // namespace partner_center

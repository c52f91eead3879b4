#pragma once

// How the decoder writes into a C++ type, as constexpr data: one `sink` per type, with function
// pointers instantiated from the type. The streaming handler only ever looks at these tables, so
// its code is compiled once, not once per struct, and key lookup is a scan over a short static
// array of names with no allocation.

#include <partner_center/core/text.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partner_center::detail {

enum class sink_kind : unsigned char {
  string,
  boolean,
  object,
  array,
  enumeration,
  optional
};

struct sink;

struct member_slot {
  std::string_view name;  // canonical wire name (camelCase), also the path segment
  const sink* target;
  void* (*locate)(void* object) noexcept;
};

// Key lookup for objects: a small open-addressing table built at compile time from the member
// names, so a key costs one hash and (usually) one comparison instead of a scan.
inline constexpr std::size_t key_table_size = 128;  // > 2x the 64 members a struct may have

constexpr std::size_t key_hash(std::string_view key) noexcept {
  if (key.empty())
    return 0;
  const auto first = static_cast<unsigned char>(text::ascii_lower(key.front()));
  const auto middle = static_cast<unsigned char>(text::ascii_lower(key[key.size() / 2]));
  const auto last = static_cast<unsigned char>(text::ascii_lower(key.back()));
  return (key.size() * 31u + first * 7u + middle * 3u + last) % key_table_size;
}

struct sink {
  sink_kind kind;
  std::string_view expected;  // completes "must be ...", e.g. "a string"
  std::span<const member_slot> members = {};
  const sink* inner = nullptr;              // optional's content, array's element
  void* (*engage)(void*) = nullptr;         // optional: emplace; array: append an element
  void (*reset)(void*) noexcept = nullptr;  // optional: set to nullopt; array: clear
  bool (*assign_enum)(void*, std::string_view) noexcept = nullptr;
  std::span<const std::string_view> enum_names = {};
  const std::uint8_t* key_table = nullptr;  // objects: slot -> member index + 1, 0 when empty

  // The index of the member named `key` (ASCII case-insensitively), or -1.
  [[nodiscard]] int find_member(std::string_view key) const noexcept {
    for (std::size_t slot = key_hash(key), probes = 0; probes < key_table_size;
         slot = (slot + 1) % key_table_size, ++probes) {
      const std::uint8_t entry = key_table[slot];
      if (entry == 0)
        return -1;
      const std::string_view name = members[entry - 1].name;
      if (text::iequals(name, key))
        return entry - 1;
    }
    return -1;
  }
};

template <class T, class = void>
struct sink_of;

template <>
struct sink_of<std::string> {
  static constexpr sink value{sink_kind::string, "a string"};
};

template <>
struct sink_of<bool> {
  static constexpr sink value{sink_kind::boolean, "true or false"};
};

template <class T>
struct sink_of<std::optional<T>> {
  static void* engage(void* p) { return &static_cast<std::optional<T>*>(p)->emplace(); }
  static void reset(void* p) noexcept { static_cast<std::optional<T>*>(p)->reset(); }
  static constexpr sink value{
      sink_kind::optional, sink_of<T>::value.expected, {}, &sink_of<T>::value, &engage, &reset};
};

template <class T, class A>
struct sink_of<std::vector<T, A>> {
  static void* engage(void* p) { return &static_cast<std::vector<T, A>*>(p)->emplace_back(); }
  static void reset(void* p) noexcept { static_cast<std::vector<T, A>*>(p)->clear(); }
  static constexpr sink value{sink_kind::array,   "an array", {},
                              &sink_of<T>::value, &engage,    &reset};
};

template <class T, auto Member>
void* locate_member(void* object) noexcept {
  return &(static_cast<T*>(object)->*Member);
}

template <class T>
struct sink_of<T, std::enable_if_t<boost::describe::has_describe_members<T>::value>> {
  template <template <class...> class List, class... D>
  static constexpr auto make_slots(List<D...>) {
    return std::array<member_slot, sizeof...(D)>{member_slot{
        D::name, &sink_of<std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>>::value,
        &locate_member<T, D::pointer>}...};
  }
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  static_assert(boost::mp11::mp_size<members>::value <= 64,
                "the decoder tracks seen members in a 64-bit set");
  static constexpr auto slots = make_slots(members{});
  static constexpr auto key_table = [] {
    std::array<std::uint8_t, key_table_size> table{};
    for (std::size_t i = 0; i < slots.size(); ++i) {
      std::size_t slot = key_hash(slots[i].name);
      while (table[slot] != 0)
        slot = (slot + 1) % key_table_size;
      table[slot] = static_cast<std::uint8_t>(i + 1);
    }
    return table;
  }();
  static constexpr sink value{sink_kind::object, "an object", slots, nullptr,         nullptr,
                              nullptr,           nullptr,     {},    key_table.data()};
};

// Enumerators are named as on the wire and matched ASCII-case-insensitively, as the service's
// enum converter does.
template <class E>
struct sink_of<E, std::enable_if_t<boost::describe::has_describe_enumerators<E>::value>> {
  template <template <class...> class List, class... D>
  static constexpr auto make_names(List<D...>) {
    return std::array<std::string_view, sizeof...(D)>{std::string_view(D::name)...};
  }
  using enumerators = boost::describe::describe_enumerators<E>;
  static constexpr auto names = make_names(enumerators{});

  static bool assign(void* target, std::string_view text) noexcept {
    bool found = false;
    boost::mp11::mp_for_each<enumerators>([&](auto d) {
      if (!found && text::iequals(d.name, text)) {
        *static_cast<E*>(target) = d.value;
        found = true;
      }
    });
    return found;
  }
  static constexpr sink value{
      sink_kind::enumeration, "a string", {}, nullptr, nullptr, nullptr, &assign, names};
};

}  // namespace partner_center::detail

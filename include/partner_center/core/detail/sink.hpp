#pragma once

// How the decoder writes into a C++ type, as constexpr data: one `sink` per type, with function
// pointers instantiated from the type. The streaming handler only ever looks at these tables, so
// its code is compiled once, not once per struct, and key lookup is a scan over a short static
// array of names with no allocation.

#include <partner_center/core/text.hpp>
#include <partner_center/core/value_kind.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::detail {

enum class sink_kind : unsigned char {
  string,
  boolean,
  object,
  array,
  enumeration,
  optional,
  integer,
  number,
  map
};

struct sink;

// A JSON number as the parser delivered it: exactly, in the first form that holds it.
struct json_number {
  enum class form : unsigned char {
    signed_integer,
    unsigned_integer,
    floating
  };
  form as;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
};

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
  // Numbers: whether the value fits the member, and storing it once it does.
  bool (*fits)(const json_number&) noexcept = nullptr;
  void (*store)(void*, const json_number&) noexcept = nullptr;
  // Maps: whether a key is there, and the value for a new key (its key text stays in the map).
  bool (*has_key)(const void*, std::string_view) = nullptr;
  void* (*insert)(void*, std::string_view key, std::string_view* stored_key) = nullptr;
  std::size_t (*size)(const void*) noexcept = nullptr;

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

// "an integer from -128 to 127", made at compile time for each integer type.
template <class I>
struct integer_expectation {
  static constexpr auto text = [] {
    std::array<char, 64> out{};
    std::size_t n = 0;
    const auto put = [&](std::string_view part) {
      for (const char c : part)
        out[n++] = c;
    };
    const auto put_number = [&](auto value) {
      char digits[24]{};
      std::size_t count = 0;
      const bool negative = value < 0;
      auto magnitude = static_cast<std::uint64_t>(negative ? 0 - static_cast<std::uint64_t>(value)
                                                           : static_cast<std::uint64_t>(value));
      do {
        digits[count++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
      } while (magnitude != 0);
      if (negative)
        out[n++] = '-';
      while (count > 0)
        out[n++] = digits[--count];
    };
    put("an integer from ");
    put_number(std::numeric_limits<I>::min());
    put(" to ");
    put_number(std::numeric_limits<I>::max());
    return std::pair{out, n};
  }();
  static constexpr std::string_view value{text.first.data(), text.second};
};

template <class I>
constexpr bool integer_fits(const json_number& n) noexcept {
  switch (n.as) {
    case json_number::form::signed_integer:
      return std::in_range<I>(n.i);
    case json_number::form::unsigned_integer:
      return std::in_range<I>(n.u);
    case json_number::form::floating:
      return false;  // a fraction, an exponent or a magnitude past 64 bits
  }
  return false;
}

template <class F>
constexpr bool floating_fits(const json_number& n) noexcept {
  if (n.as != json_number::form::floating)
    return true;  // every integer has a nearest double (and float: under 2^64 < FLT_MAX)
  if (!std::isfinite(n.d))
    return false;  // 1e999: JSON has no infinity
  return std::is_same_v<F, double> || std::fabs(n.d) <= std::numeric_limits<F>::max();
}

template <class T, value_kind Kind = value_kind_v<T>>
struct sink_of : unsupported_member_type<T> {
  static constexpr sink value{sink_kind::string, "a supported type"};
};

template <class T>
struct sink_of<T, value_kind::string> {
  static constexpr sink value{sink_kind::string, "a string"};
};

template <class T>
struct sink_of<T, value_kind::boolean> {
  static constexpr sink value{sink_kind::boolean, "true or false"};
};

template <class I>
struct sink_of<I, value_kind::integer> {
  static void store(void* p, const json_number& n) noexcept {
    *static_cast<I*>(p) =
        n.as == json_number::form::signed_integer ? static_cast<I>(n.i) : static_cast<I>(n.u);
  }
  static constexpr sink value = [] {
    sink s{sink_kind::integer, integer_expectation<I>::value};
    s.fits = &integer_fits<I>;
    s.store = &store;
    return s;
  }();
};

template <class F>
struct sink_of<F, value_kind::number> {
  static void store(void* p, const json_number& n) noexcept {
    double d = n.d;
    if (n.as == json_number::form::signed_integer)
      d = static_cast<double>(n.i);
    else if (n.as == json_number::form::unsigned_integer)
      d = static_cast<double>(n.u);
    *static_cast<F*>(p) = static_cast<F>(d);
  }
  static constexpr sink value = [] {
    sink s{sink_kind::number,
           std::is_same_v<F, float> ? "a finite number within float's range" : "a finite number"};
    s.fits = &floating_fits<F>;
    s.store = &store;
    return s;
  }();
};

template <class O>
struct sink_of<O, value_kind::optional> {
  using content = typename O::value_type;
  static void* engage(void* p) { return &static_cast<O*>(p)->emplace(); }
  static void reset(void* p) noexcept { static_cast<O*>(p)->reset(); }
  static constexpr sink value{sink_kind::optional,
                              sink_of<content>::value.expected,
                              {},
                              &sink_of<content>::value,
                              &engage,
                              &reset};
};

template <class V>
struct sink_of<V, value_kind::sequence> {
  using element = typename V::value_type;
  static void* engage(void* p) { return &static_cast<V*>(p)->emplace_back(); }
  static void reset(void* p) noexcept { static_cast<V*>(p)->clear(); }
  static constexpr sink value{sink_kind::array,         "an array", {},
                              &sink_of<element>::value, &engage,    &reset};
};

template <class M>
struct sink_of<M, value_kind::map> {
  using mapped = typename M::mapped_type;
  static bool has_key(const void* p, std::string_view key) {
    return static_cast<const M*>(p)->find(std::string(key)) != static_cast<const M*>(p)->end();
  }
  static void* insert(void* p, std::string_view key, std::string_view* stored_key) {
    auto [where, inserted] = static_cast<M*>(p)->try_emplace(std::string(key));
    (void)inserted;
    *stored_key = where->first;
    return &where->second;
  }
  static void reset(void* p) noexcept { static_cast<M*>(p)->clear(); }
  static std::size_t size(const void* p) noexcept { return static_cast<const M*>(p)->size(); }
  static constexpr sink value = [] {
    sink s{sink_kind::map, "an object", {}, &sink_of<mapped>::value, nullptr, &reset};
    s.has_key = &has_key;
    s.insert = &insert;
    s.size = &size;
    return s;
  }();
};

template <class T, auto Member>
void* locate_member(void* object) noexcept {
  return &(static_cast<T*>(object)->*Member);
}

// The decoder matches member names ASCII-case-insensitively, as the service does, so two members
// whose names differ only in case could not be told apart: the second would never be filled.
// sink_of refuses such a struct at compile time, the struct named beside the message.
template <std::size_t N>
constexpr bool names_distinct_in_any_case(const std::array<member_slot, N>& slots) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = i + 1; j < N; ++j) {
      if (text::iequals(slots[i].name, slots[j].name))
        return false;
    }
  }
  return true;
}

template <class T>
struct sink_of<T, value_kind::structure> {
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
  static_assert(names_distinct_in_any_case(slots),
                "partner_center: two members of this struct have names that differ only in case; "
                "member names are matched ASCII-case-insensitively, as the service matches them, "
                "so the decoder could not tell them apart");
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
struct sink_of<E, value_kind::enumeration> {
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

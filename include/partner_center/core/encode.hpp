#pragma once

// Encodes described structs as canonical compact JSON: camelCase wire names in declaration order,
// absent members omitted, strings escaped per RFC 8259, integers exactly, floating-point numbers
// in the shortest form that reads back to the same value, maps as objects in key order (the
// map's own order). Measured first, then written into space made once; no DOM.
//
// JSON has no NaN or infinity (RFC 8259 §6), and writing null or a string in their place would
// change the value silently. So a type that holds float or double encodes through the overloads
// that take a report, which refuse a non-finite number as a `type` violation at its path.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/json_pointer.hpp>
#include <partner_center/core/json_string.hpp>
#include <partner_center/core/value_kind.hpp>
#include <partner_center/core/violation.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partner_center {

namespace detail {

// Whether T holds a float or double anywhere (a recursive type is walked once).
template <class T, class... Seen>
constexpr bool holds_floating_point() {
  if constexpr ((std::is_same_v<T, Seen> || ...)) {
    return false;
  } else if constexpr (value_kind_v<T> == value_kind::number) {
    return true;
  } else if constexpr (value_kind_v<T> == value_kind::optional ||
                       value_kind_v<T> == value_kind::sequence) {
    return holds_floating_point<typename T::value_type, T, Seen...>();
  } else if constexpr (value_kind_v<T> == value_kind::map) {
    return holds_floating_point<typename T::mapped_type, T, Seen...>();
  } else if constexpr (value_kind_v<T> == value_kind::structure) {
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) {
          using member = std::remove_cvref_t<decltype(std::declval<const T&>().*d.pointer)>;
          found = found || holds_floating_point<member, T, Seen...>();
        });
    return found;
  } else {
    return false;
  }
}

template <class Descriptor>
struct member_key {
  static constexpr std::size_t name_size = std::char_traits<char>::length(Descriptor::name);
  static constexpr auto text = [] {
    std::array<char, name_size + 4> key{};
    key[0] = ',';
    key[1] = '"';
    for (std::size_t i = 0; i < name_size; ++i)
      key[2 + i] = Descriptor::name[i];
    key[name_size + 2] = '"';
    key[name_size + 3] = ':';
    return key;
  }();
};

// The most bytes any number takes: to_chars writes at most 20 for a 64-bit integer
// ("-9223372036854775808") and 24 for a double's shortest form ("-2.2250738585072014e-308").
inline constexpr std::size_t max_number_size = 32;

template <class T>
const char* enumerator_name(T v) noexcept {
  const char* name = "unknown";
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto d) {
    if (d.value == v)
      name = d.name;
  });
  return name;
}

// Calls f(descriptor, member) for each member of o that is written: all but absent optionals.
template <class T, class F>
void for_each_present_member(const T& o, F&& f) {
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        const auto& member = o.*d.pointer;
        if constexpr (value_kind_v<std::remove_cvref_t<decltype(member)>> == value_kind::optional) {
          if (!member)
            return;
        }
        f(d, member);
      });
}

// The first pass: the size of one value's text, exact but for numbers, for which it counts
// max_number_size. The writer then writes into space made once, without a check per append.
template <class T>
std::size_t encoded_size(const T& v) noexcept {
  constexpr value_kind kind = value_kind_v<T>;
  if constexpr (kind == value_kind::string) {
    return json_string_size(v);
  } else if constexpr (kind == value_kind::boolean) {
    return v ? 4 : 5;
  } else if constexpr (kind == value_kind::integer || kind == value_kind::number) {
    return max_number_size;
  } else if constexpr (kind == value_kind::optional) {
    return v ? encoded_size(*v) : 4;
  } else if constexpr (kind == value_kind::enumeration) {
    return std::char_traits<char>::length(enumerator_name(v)) + 2;
  } else if constexpr (kind == value_kind::structure) {
    std::size_t size = 2;
    for_each_present_member(v, [&](auto d, const auto& member) {
      size += member_key<decltype(d)>::text.size() + encoded_size(member);
    });
    return size;
  } else if constexpr (kind == value_kind::sequence) {
    std::size_t size = 2;
    for (const auto& element : v)
      size += encoded_size(element) + 1;
    return size;
  } else if constexpr (kind == value_kind::map) {
    std::size_t size = 2;
    for (const auto& [key, mapped] : v)
      size += json_string_size(key) + encoded_size(mapped) + 2;
    return size;
  } else {
    return 0;  // the writer's static_assert explains
  }
}

// The second pass: writes one value at a cursor into space encoded_size made. `finite` turns
// false when a non-finite number was met; the caller then discards the text.
class json_writer {
 public:
  explicit json_writer(char* cursor) noexcept : cursor_(cursor) {}

  [[nodiscard]] bool finite() const noexcept { return finite_; }
  [[nodiscard]] char* cursor() const noexcept { return cursor_; }

  template <class T>
  void value(const T& v) {
    constexpr value_kind kind = value_kind_v<T>;
    if constexpr (kind == value_kind::string) {
      cursor_ = write_json_string(cursor_, v);
    } else if constexpr (kind == value_kind::boolean) {
      literal(v ? std::string_view("true") : std::string_view("false"));
    } else if constexpr (kind == value_kind::integer || kind == value_kind::number) {
      number(v);
    } else if constexpr (kind == value_kind::optional) {
      if (v) {
        value(*v);
      } else {
        literal("null");
      }
    } else if constexpr (kind == value_kind::enumeration) {
      *cursor_++ = '"';
      literal(enumerator_name(v));
      *cursor_++ = '"';
    } else if constexpr (kind == value_kind::structure) {
      object(v);
    } else if constexpr (kind == value_kind::sequence) {
      *cursor_++ = '[';
      bool first = true;
      for (const auto& element : v) {
        if (!first)
          *cursor_++ = ',';
        first = false;
        value(element);
      }
      *cursor_++ = ']';
    } else if constexpr (kind == value_kind::map) {
      *cursor_++ = '{';
      bool first = true;
      for (const auto& [key, mapped] : v) {
        if (!first)
          *cursor_++ = ',';
        first = false;
        cursor_ = write_json_string(cursor_, key);
        *cursor_++ = ':';
        value(mapped);
      }
      *cursor_++ = '}';
    } else {
      static_cast<void>(sizeof(unsupported_member_type<T>));  // its static_assert explains
    }
  }

 private:
  void literal(std::string_view text) noexcept {
    std::memcpy(cursor_, text.data(), text.size());
    cursor_ += text.size();
  }

  template <class N>
  void number(N n) {
    if constexpr (std::is_floating_point_v<N>) {
      if (!std::isfinite(n)) {
        finite_ = false;
        literal("null");  // keeps the text well formed; it is discarded
        return;
      }
    }
    // For floating point, to_chars without a format gives the shortest text that reads back
    // to the same value (C++17 [charconv.to.chars]).
    cursor_ = std::to_chars(cursor_, cursor_ + max_number_size, n).ptr;
  }

  template <class T>
  void object(const T& o) {
    *cursor_++ = '{';
    bool first = true;
    for_each_present_member(o, [&](auto d, const auto& member) {
      // `,"name":` made once at compile time; described names need no escaping.
      constexpr auto& key = member_key<decltype(d)>::text;
      const std::size_t skip = first ? 1 : 0;
      std::memcpy(cursor_, key.data() + skip, key.size() - skip);
      cursor_ += key.size() - skip;
      first = false;
      value(member);
    });
    *cursor_++ = '}';
  }

  char* cursor_;
  bool finite_ = true;
};

// Writes `value` after out's current text: sizes it, makes the space once, writes, and trims
// what numbers did not use. Returns false when a non-finite number was met.
template <class T>
bool write_json(std::string& out, const T& value) {
  const std::size_t before = out.size();
  out.resize(before + encoded_size(value));
  json_writer writer(out.data() + before);
  writer.value(value);
  out.resize(static_cast<std::size_t>(writer.cursor() - out.data()));
  return writer.finite();
}

// Reports each non-finite number in `v` at its JSON Pointer.
template <class T>
void report_non_finite(const T& v, json_path& path, report& out) {
  constexpr value_kind kind = value_kind_v<T>;
  if constexpr (kind == value_kind::number) {
    if (!std::isfinite(v)) {
      out.add(violation{path.str(), violation_code::type, severity::error,
                        std::string(std::isnan(v) ? "NaN" : "an infinite number") +
                            " cannot be written as JSON (RFC 8259 has no such number)"});
    }
  } else if constexpr (kind == value_kind::optional) {
    if (v)
      report_non_finite(*v, path, out);
  } else if constexpr (kind == value_kind::sequence) {
    std::size_t index = 0;
    for (const auto& element : v) {
      path.push(index++);
      report_non_finite(element, path, out);
      path.pop();
    }
  } else if constexpr (kind == value_kind::map) {
    for (const auto& [key, mapped] : v) {
      path.push(std::string_view(key));
      report_non_finite(mapped, path, out);
      path.pop();
    }
  } else if constexpr (kind == value_kind::structure) {
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) {
          path.push(std::string_view(d.name));
          report_non_finite(v.*d.pointer, path, out);
          path.pop();
        });
  }
}

}  // namespace detail

// Appends the canonical JSON of `value` to `out`, so a caller can reuse one buffer. Returns
// false, leaves `out` as it was and reports each non-finite number when there is one.
template <class T>
bool encode_to(std::string& out, const T& value, report& problems) {
  const std::size_t before = out.size();
  if (detail::write_json(out, value))
    return true;
  out.resize(before);
  json_path path;
  detail::report_non_finite(value, path, problems);
  return false;
}

template <class T>
void encode_to(std::string& out, const T& value) {
  static_assert(!detail::holds_floating_point<T>(),
                "encode_to(out, value): this type holds float or double, which may be NaN or "
                "infinite; use encode_to(out, value, report) or encode(value, report)");
  detail::write_json(out, value);
}

template <class T>
std::string encode(const T& value) {
  std::string out;  // sized once by the first pass: one allocation
  encode_to(out, value);
  return out;
}

// The text, or nullopt with each non-finite number reported.
template <class T>
std::optional<std::string> encode(const T& value, report& problems) {
  std::string out;
  if (!encode_to(out, value, problems))
    return std::nullopt;
  return out;
}

}  // namespace partner_center

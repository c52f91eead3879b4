#pragma once

// The same mapping — JSON text to the model structs and back — written the way users of three
// other JSON libraries would write it: parse to the library's DOM, then copy into the structs
// (and the reverse for encoding). Keys are matched ASCII-case-insensitively everywhere, since
// the documented request is PascalCase; absent and null members stay empty; absent members are
// omitted on output. Walking the Boost.Describe lists keeps each peer to one generic function
// instead of a hand-typed one per struct, with the same work per key as hand-written code.

#include <partner_center/core/text.hpp>
#include <partner_center/model/customer.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace peers {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

template <class T>
constexpr bool described_struct = boost::describe::has_describe_members<T>::value;
template <class T>
constexpr bool described_enum = boost::describe::has_describe_enumerators<T>::value;

// Calls on_member(descriptor) for the described member whose name matches key, if any.
template <class T, class F>
void for_member(std::string_view key, F&& on_member) {
  bool done = false;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        if (!done && partner_center::text::iequals(d.name, key)) {
          done = true;
          on_member(d);
        }
      });
}

template <class E>
E enum_from(std::string_view s) {
  E value{};
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (partner_center::text::iequals(d.name, s))
      value = d.value;
  });
  return value;
}

template <class E>
const char* enum_name(E value) {
  return boost::describe::enum_to_string(value, "unknown");
}

}  // namespace peers

// Boost.JSON: value_to / value_from. 1.81 converts described structs itself, but strictly (every
// member must be present, exact case), so the documented request would not convert; these
// lenient overloads are what a user writes.
namespace partner_center::model {

template <class T>
requires peers::described_struct<T> T tag_invoke(boost::json::value_to_tag<T>,
                                                 const boost::json::value& v) {
  T out{};
  for (const auto& entry : v.as_object()) {
    if (entry.value().is_null())
      continue;
    peers::for_member<T>(std::string_view(entry.key()), [&](auto d) {
      using member = std::remove_cvref_t<decltype(out.*d.pointer)>;
      out.*d.pointer = boost::json::value_to<member>(entry.value());
    });
  }
  return out;
}

template <class T>
requires peers::described_struct<T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const T& in) {
  auto& object = v.emplace_object();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        const auto& member = in.*d.pointer;
        if constexpr (peers::is_optional<std::remove_cvref_t<decltype(member)>>::value) {
          if (!member)
            return;
          object.emplace(d.name, boost::json::value_from(*member, object.storage()));
        } else {
          object.emplace(d.name, boost::json::value_from(member, object.storage()));
        }
      });
}

}  // namespace partner_center::model

namespace peers::boost_json {

inline partner_center::model::Customer decode(std::string_view text) {
  return boost::json::value_to<partner_center::model::Customer>(boost::json::parse(text));
}

inline std::string encode(const partner_center::model::Customer& c) {
  return boost::json::serialize(boost::json::value_from(c));
}

}  // namespace peers::boost_json

namespace peers::rapid {

template <class T>
void read(const rapidjson::Value& v, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    out.assign(v.GetString(), v.GetStringLength());
  } else if constexpr (std::is_same_v<T, bool>) {
    out = v.GetBool();
  } else if constexpr (is_optional<T>::value) {
    if (!v.IsNull())
      read(v, out.emplace());
  } else if constexpr (is_vector<T>::value) {
    for (const auto& element : v.GetArray())
      read(element, out.emplace_back());
  } else if constexpr (described_enum<T>) {
    out = enum_from<T>(std::string_view(v.GetString(), v.GetStringLength()));
  } else {
    for (const auto& entry : v.GetObject()) {
      for_member<T>(std::string_view(entry.name.GetString(), entry.name.GetStringLength()),
                    [&](auto d) { read(entry.value, out.*d.pointer); });
    }
  }
}

inline partner_center::model::Customer decode(std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  partner_center::model::Customer out;
  read(document, out);
  return out;
}

template <class T>
void write(rapidjson::Writer<rapidjson::StringBuffer>& w, const T& in) {
  if constexpr (std::is_same_v<T, std::string>) {
    w.String(in.data(), static_cast<rapidjson::SizeType>(in.size()));
  } else if constexpr (std::is_same_v<T, bool>) {
    w.Bool(in);
  } else if constexpr (is_vector<T>::value) {
    w.StartArray();
    for (const auto& element : in)
      write(w, element);
    w.EndArray();
  } else if constexpr (described_enum<T>) {
    w.String(enum_name(in));
  } else {
    w.StartObject();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) {
          const auto& member = in.*d.pointer;
          if (!member)
            return;
          w.Key(d.name);
          write(w, *member);
        });
    w.EndObject();
  }
}

inline std::string encode(const partner_center::model::Customer& c) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write(writer, c);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace peers::rapid

namespace peers::nlohmann_json {

template <class T>
void read(const nlohmann::json& v, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    out = v.get_ref<const std::string&>();
  } else if constexpr (std::is_same_v<T, bool>) {
    out = v.get<bool>();
  } else if constexpr (is_optional<T>::value) {
    if (!v.is_null())
      read(v, out.emplace());
  } else if constexpr (is_vector<T>::value) {
    for (const auto& element : v)
      read(element, out.emplace_back());
  } else if constexpr (described_enum<T>) {
    out = enum_from<T>(v.get_ref<const std::string&>());
  } else {
    for (const auto& [key, value] : v.items()) {
      for_member<T>(key, [&](auto d) { read(value, out.*d.pointer); });
    }
  }
}

inline partner_center::model::Customer decode(std::string_view text) {
  partner_center::model::Customer out;
  read(nlohmann::json::parse(text), out);
  return out;
}

template <class T>
nlohmann::json write(const T& in) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool>) {
    return in;
  } else if constexpr (is_vector<T>::value) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& element : in)
      array.push_back(write(element));
    return array;
  } else if constexpr (described_enum<T>) {
    return enum_name(in);
  } else {
    nlohmann::json object = nlohmann::json::object();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto d) {
          const auto& member = in.*d.pointer;
          if (member)
            object[d.name] = write(*member);
        });
    return object;
  }
}

inline std::string encode(const partner_center::model::Customer& c) {
  return write(c).dump();
}

}  // namespace peers::nlohmann_json

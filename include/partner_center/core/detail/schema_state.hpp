#pragma once

// What json_schema() keeps while it walks the described types: one $defs entry per struct and
// enum, where each struct occurs from the root, the if/then conditions gathered for the root,
// and what the rules of the member being described asked for (member_spec). schema_context
// (core/schema.hpp) writes to it; the walkers in schema_builder.hpp read it.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center {

struct schema_options;

namespace detail {

template <class T>
inline constexpr char schema_type_tag = 0;

// The $defs that hold the text checks, so that each text member refers to one instead of
// repeating a pattern; struct names never take these keys.
inline constexpr std::string_view text_def_name = "text";
inline constexpr std::string_view required_text_def_name = "requiredText";

// One step from the root towards a struct: a member, or every element of an array.
struct schema_path_token {
  std::string_view name;  // a described member's name (static storage)
  bool items = false;     // every element of an array, instead of a member
  bool nullable = false;  // the value reached may be null (std::optional)
};
using schema_path = std::vector<schema_path_token>;

struct schema_state;

struct schema_def {
  const void* tag;
  std::string name;
  std::vector<schema_path> instances;  // where the type occurs, from the root
  bool on_path = false;                // being walked: a recursive type stops here
  bool built = false;
  boost::json::object (*build)(schema_state&, std::size_t self);
};

struct schema_condition {
  std::string key;  // the `if`, serialized: rules that share it share one if/then/else
  boost::json::object if_schema;
  boost::json::object then_schema;
  boost::json::object else_schema;
};

struct schema_state {
  const schema_options& options;
  const void* environment;
  const void* environment_tag;
  std::vector<schema_def> defs;
  std::vector<schema_condition> conditions;
  bool uses_text = false;
  bool uses_required_text = false;
  // $defs entries that rules defined by name (schema_context::define), in order.
  std::vector<std::pair<std::string, boost::json::object>> named = {};

  boost::json::string text_ref(bool required) {
    (required ? uses_required_text : uses_text) = true;
    std::string ref = "#/$defs/";
    ref += required ? required_text_def_name : text_def_name;
    return boost::json::string(ref);
  }

  // Whether a struct, an enum, a text check or a named entry has `name`.
  [[nodiscard]] bool is_def_name(std::string_view name) const {
    if (name == text_def_name || name == required_text_def_name)
      return true;
    for (const auto& d : defs) {
      if (d.name == name)
        return true;
    }
    for (const auto& n : named) {
      if (n.first == name)
        return true;
    }
    return false;
  }

  // The reference to a named entry holding `schema` (see schema_context::define).
  std::string define(std::string_view name, boost::json::object schema) {
    std::string key;
    for (const char c : name) {
      const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      key += plain ? c : '_';
    }
    std::string candidate = key;
    for (int suffix = 2;; ++suffix) {
      for (const auto& [existing, held] : named) {
        if (existing == candidate && held == schema)
          return "#/$defs/" + candidate;
      }
      if (!is_def_name(candidate))
        break;
      candidate = key + '.' + std::to_string(suffix);
    }
    named.emplace_back(candidate, std::move(schema));
    return "#/$defs/" + candidate;
  }

  template <class T>
  std::size_t def_index();
  template <class T>
  std::string ref();
};

struct member_spec {
  bool required = false;
  bool forbidden = false;
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
  std::vector<std::string> patterns;
  std::vector<boost::json::array> enums;
  std::vector<boost::json::object> schemas;  // more a value must match (allOf)
  std::vector<std::pair<std::string_view, boost::json::value>> keywords;  // minimum, minItems, ...
  std::vector<std::string> notes;
};

inline boost::json::value type_keyword(std::string_view type, bool nullable) {
  if (nullable)
    return boost::json::array{type, "null"};
  return boost::json::value(type);
}

// Merges b into a: objects member by member, arrays as sets, anything else replaced.
inline void merge_schema(boost::json::object& a, const boost::json::object& b) {
  for (const auto& [key, value] : b) {
    auto* existing = a.if_contains(key);
    if (existing != nullptr && existing->is_object() && value.is_object()) {
      merge_schema(existing->get_object(), value.get_object());
    } else if (existing != nullptr && existing->is_array() && value.is_array()) {
      auto& into = existing->get_array();
      for (const auto& element : value.get_array()) {
        bool seen = false;
        for (const auto& present : into)
          seen = seen || present == element;
        if (!seen)
          into.push_back(element);
      }
    } else {
      a[key] = value;
    }
  }
}

// The first pass over the types (schema_builder.hpp): names every struct and enum and records
// where each struct occurs.
template <class T, std::size_t Depth = 0>
void collect_schema_types(schema_state& state, schema_path& path);

}  // namespace detail
}  // namespace partner_center

#pragma once

// The walkers behind json_schema() (core/schema.hpp): a first pass names every struct and enum
// and records where each struct occurs; then each $defs entry is built from the described
// members and what their rules say through schema_context.

#include <partner_center/core/schema.hpp>

#include <partner_center/core/detail/for_each_rule.hpp>
#include <partner_center/core/detail/schema_state.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/value_kind.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::detail {

// "ns::Type" as the compiler spells T.
template <class T>
constexpr std::string_view raw_type_name() noexcept {
#if defined(__clang__) || defined(__GNUC__)
  // clang: "... raw_type_name() [T = ns::Type]"; g++: "... [with T = ns::Type; ...]".
  constexpr std::string_view function = __PRETTY_FUNCTION__;
  constexpr std::size_t start = function.find("T = ") + 4;
  constexpr std::size_t end = function.find_first_of(";]", start);
  return function.substr(start, end - start);
#elif defined(_MSC_VER)
  constexpr std::string_view function = __FUNCSIG__;
  constexpr std::size_t open = function.find("raw_type_name<") + 14;
  constexpr std::size_t close = function.rfind(">(void)");
  std::string_view name = function.substr(open, close - open);
  for (const std::string_view keyword : {"struct ", "class ", "enum "}) {
    if (name.starts_with(keyword))
      name.remove_prefix(keyword.size());
  }
  return name;
#else
  return "T";
#endif
}

// The name after the last namespace qualifier that is not inside template arguments.
inline std::string_view unqualified_name(std::string_view name) noexcept {
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '<') {
      ++depth;
    } else if (name[i] == '>') {
      --depth;
    } else if (depth == 0 && name[i] == ':' && i + 1 < name.size() && name[i + 1] == ':') {
      start = i + 2;
    }
  }
  return name.substr(start);
}

// $defs keys stay readable and need no escaping in "$ref": anything but [A-Za-z0-9_.] becomes _.
inline std::string def_key(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ':' && i + 1 < name.size() && name[i + 1] == ':') {
      out += '.';
      ++i;
    } else if (text::is_ascii_alnum(c) || c == '_' || c == '.') {
      out += c;
    } else if (c != ' ') {
      out += '_';
    }
  }
  return out;
}

template <class T>
struct schema_member_type {
  using base = T;
  static constexpr bool nullable = false;
};
template <class T>
struct schema_member_type<std::optional<T>> {
  using base = T;
  static constexpr bool nullable = true;
};

// What each type is comes from value_kind, as for decode, encode and validate.
template <class T>
constexpr bool is_schema_array = value_kind_v<T> == value_kind::sequence;
template <class T>
constexpr bool is_schema_struct = value_kind_v<T> == value_kind::structure;
template <class T>
constexpr bool is_schema_enum = value_kind_v<T> == value_kind::enumeration;

template <class T>
constexpr bool is_schema_text = std::is_same_v<typename schema_member_type<T>::base, std::string>;

// Deeper than any resource the decoder reads (json_path::max_depth); stops recursive types.
inline constexpr std::size_t max_schema_depth = 32;

template <class Rule>
std::string_view rule_name() {
  if constexpr (requires { Rule::name; }) {
    return Rule::name;
  } else {
    return raw_type_name<Rule>();
  }
}

// What a rule says about its member: its to_schema member, else a partner_center_schema found by
// argument-dependent lookup, else a note that the validator checks more than the schema says.
template <class Rule>
void describe_rule(const Rule& rule, schema_context& ctx) {
  if constexpr (requires { rule.to_schema(ctx); }) {
    rule.to_schema(ctx);
  } else if constexpr (requires { partner_center_schema(rule, ctx); }) {
    partner_center_schema(rule, ctx);
  } else {
    std::string note = "The validator also applies its ";
    note += rule_name<Rule>();
    note += " rule here, which this schema does not express.";
    ctx.add_note(note);
  }
}

template <class T>
boost::json::object build_struct_def(schema_state& state, std::size_t self);
template <class T>
boost::json::object build_enum_def(schema_state& state, std::size_t self);

template <class T>
std::size_t schema_state::def_index() {
  for (std::size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].tag == &schema_type_tag<T>)
      return i;
  }
  std::string name;
  if constexpr (requires { partner_center_schema_name(type<T>{}); }) {
    name = def_key(partner_center_schema_name(type<T>{}));
  } else {
    name = def_key(unqualified_name(raw_type_name<T>()));
  }
  if (is_def_name(name))  // the same name in another namespace: qualify this one
    name = def_key(raw_type_name<T>());
  schema_def def{&schema_type_tag<T>, std::move(name), {}, false, false, nullptr};
  if constexpr (is_schema_struct<T>) {
    def.build = &build_struct_def<T>;
  } else {
    def.build = &build_enum_def<T>;
  }
  defs.push_back(std::move(def));
  return defs.size() - 1;
}

template <class T>
std::string schema_state::ref() {
  return "#/$defs/" + defs[def_index<T>()].name;
}

// First pass: name every struct and enum in order of appearance and record where each struct
// occurs, so that rules deep down can state conditions with absolute paths.
template <class T, std::size_t Depth>
void collect_schema_types(schema_state& state, schema_path& path) {
  using base = typename schema_member_type<T>::base;
  if constexpr (is_schema_array<base>) {
    if constexpr (Depth < max_schema_depth) {
      path.push_back({{}, true, schema_member_type<typename base::value_type>::nullable});
      collect_schema_types<typename base::value_type, Depth + 1>(state, path);
      path.pop_back();
    }
  } else if constexpr (value_kind_v<base> == value_kind::map) {
    // A map's values are reached by any member name: no fixed path leads to them, so a struct
    // inside a map is described, but conditions stated with absolute paths do not reach it.
    if constexpr (Depth < max_schema_depth) {
      schema_path unreachable;
      collect_schema_types<typename base::mapped_type, Depth + 1>(state, unreachable);
    }
  } else if constexpr (is_schema_struct<base>) {
    const std::size_t index = state.def_index<base>();
    if (state.defs[index].on_path)
      return;
    state.defs[index].instances.push_back(path);
    if constexpr (Depth < max_schema_depth) {
      state.defs[index].on_path = true;
      boost::mp11::mp_for_each<
          boost::describe::describe_members<base, boost::describe::mod_public>>([&](auto d) {
        using member = std::remove_cvref_t<decltype(std::declval<const base&>().*d.pointer)>;
        path.push_back({d.name, false, schema_member_type<member>::nullable});
        collect_schema_types<member, Depth + 1>(state, path);
        path.pop_back();
      });
      state.defs[index].on_path = false;
    }
  } else if constexpr (is_schema_enum<base>) {
    state.def_index<base>();
  }
}

// The schema of a value of type T (an array element, or a member before its rules).
template <class T>
boost::json::object value_schema(schema_state& state, bool nullable) {
  using base = typename schema_member_type<T>::base;
  nullable = nullable || schema_member_type<T>::nullable;
  boost::json::object out;
  if constexpr (std::is_same_v<base, std::string>) {
    out["type"] = type_keyword("string", nullable);
  } else if constexpr (std::is_same_v<base, bool>) {
    out["type"] = type_keyword("boolean", nullable);
  } else if constexpr (is_schema_array<base>) {
    out["type"] = type_keyword("array", nullable);
    boost::json::object items = value_schema<typename base::value_type>(state, false);
    if (state.options.rules && is_schema_text<typename base::value_type>)
      items["$ref"] = state.text_ref(false);  // the text check reaches elements
    out["items"] = std::move(items);
  } else if constexpr (value_kind_v<base> == value_kind::integer) {
    // The C++ type's range is part of the contract: the decoder refuses what does not fit.
    out["type"] = type_keyword("integer", nullable);
    out["minimum"] = std::numeric_limits<base>::min();
    out["maximum"] = std::numeric_limits<base>::max();
  } else if constexpr (value_kind_v<base> == value_kind::number) {
    out["type"] = type_keyword("number", nullable);
  } else if constexpr (value_kind_v<base> == value_kind::map) {
    out["type"] = type_keyword("object", nullable);
    boost::json::object values = value_schema<typename base::mapped_type>(state, false);
    if (state.options.rules && is_schema_text<typename base::mapped_type>)
      values["$ref"] = state.text_ref(false);
    out["additionalProperties"] = std::move(values);
  } else if constexpr (is_schema_struct<base> || is_schema_enum<base>) {
    boost::json::object ref{{"$ref", state.ref<base>()}};
    if (!nullable)
      return ref;
    out["anyOf"] = boost::json::array{std::move(ref), boost::json::object{{"type", "null"}}};
  } else {
    static_cast<void>(sizeof(unsupported_member_type<base>));  // its static_assert explains
  }
  return out;
}

inline double number_as_double(const boost::json::value& v) noexcept {
  if (v.is_int64())
    return static_cast<double>(v.get_int64());
  if (v.is_uint64())
    return static_cast<double>(v.get_uint64());
  return v.get_double();
}

inline std::string join_notes(const std::vector<std::string>& notes) {
  std::string out;
  for (const auto& note : notes) {
    if (!out.empty())
      out += ' ';
    out += note;
  }
  return out;
}

template <class M>
boost::json::value member_schema(schema_state& state, member_spec& spec) {
  constexpr bool may_be_null = schema_member_type<M>::nullable;
  if (spec.forbidden) {
    // Absent or null; a non-optional member is always there, so nothing is allowed.
    boost::json::object out;
    if (may_be_null) {
      out["type"] = "null";
    } else {
      out["not"] = boost::json::object{};
    }
    if (!spec.notes.empty())
      out["description"] = join_notes(spec.notes);
    return out;
  }
  boost::json::object out = value_schema<M>(state, false);
  if (spec.required) {
    if constexpr (may_be_null) {
      if (auto* type = out.if_contains("type"); type != nullptr && type->is_array())
        *type = type->get_array().front();  // not null
      if (auto* any = out.if_contains("anyOf")) {
        boost::json::object ref = any->get_array().front().get_object();
        out = std::move(ref);
      }
    }
  }
  if constexpr (is_schema_text<M>) {
    if (state.options.rules)
      out["$ref"] = state.text_ref(spec.required);
    if (spec.min_length || spec.max_length)
      spec.notes.emplace_back("Length counted in UTF-16 code units, as the service counts it.");
  }
  if (!spec.notes.empty())
    out["description"] = join_notes(spec.notes);
  if constexpr (is_schema_text<M>) {
    if (spec.min_length)
      out["minLength"] = *spec.min_length;
    if (spec.max_length)
      out["maxLength"] = *spec.max_length;
    // Each constraint becomes a keyword of its own, or an allOf entry once the keyword is taken.
    std::vector<boost::json::object> constraints;
    for (const auto& pattern : spec.patterns) {
      std::string p = pattern;
      if (!spec.required) {
        p += '|';
        p += schema_patterns::blank;  // blank text is `required`'s business, not the format's
      }
      constraints.push_back({{"pattern", std::move(p)}});
    }
    for (auto& values : spec.enums) {
      if (spec.required) {
        constraints.push_back({{"enum", std::move(values)}});
      } else {
        boost::json::array either{boost::json::object{{"enum", std::move(values)}},
                                  boost::json::object{{"type", type_keyword("string", may_be_null)},
                                                      {"pattern", schema_patterns::blank}}};
        constraints.push_back({{"anyOf", std::move(either)}});
      }
    }
    boost::json::array all_of;
    for (auto& c : constraints) {
      const auto& keyword = c.begin()->key();
      if (out.contains(keyword)) {
        all_of.push_back(std::move(c));
      } else {
        out[keyword] = std::move(c.begin()->value());
      }
    }
    if (!all_of.empty())
      out["allOf"] = std::move(all_of);
  }
  for (auto& [name, value] : spec.keywords) {
    auto* existing = out.if_contains(name);
    if (existing == nullptr) {
      out[name] = std::move(value);
    } else if ((name == "minimum" || name == "maximum") && existing->is_number() &&
               value.is_number()) {
      // A rule's bound within the type's range replaces the range's end; the tighter one holds.
      const double rule = number_as_double(value);
      const double range = number_as_double(*existing);
      const bool tighter = name == "minimum" ? rule > range : rule < range;
      if (tighter)
        *existing = std::move(value);
    } else {
      spec.schemas.push_back(boost::json::object{{name, std::move(value)}});
    }
  }
  if (!spec.schemas.empty()) {
    boost::json::array all_of;
    if (auto* existing = out.if_contains("allOf"))
      all_of = std::move(existing->get_array());
    for (auto& schema : spec.schemas)
      all_of.push_back(std::move(schema));
    out["allOf"] = std::move(all_of);
  }
  return out;
}

template <class T>
boost::json::object build_struct_def(schema_state& state, std::size_t self) {
  boost::json::object properties;
  boost::json::array required;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        using member = std::remove_cvref_t<decltype(std::declval<const T&>().*d.pointer)>;
        member_spec spec;
        schema_context ctx(state, spec, self, d.name, schema_member_type<member>::nullable,
                           is_schema_text<member>);
        if (state.options.rules)
          for_each_rule<T>(d, [&](const auto& rule) { describe_rule(rule, ctx); });
        properties[d.name] = member_schema<member>(state, spec);
        if (spec.required && !spec.forbidden)
          required.emplace_back(d.name);
      });
  boost::json::object def;
  def["type"] = "object";
  def["properties"] = std::move(properties);
  if (!required.empty())
    def["required"] = std::move(required);
  if (state.options.strict)
    def["additionalProperties"] = false;
  return def;
}

// The enumerators' names as a pattern: the decoder matches them in any ASCII case, JSON
// Schema's enum only exactly.
template <class T>
boost::json::object build_enum_def(schema_state&, std::size_t) {
  std::vector<std::string_view> names;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>(
      [&](auto d) { names.emplace_back(d.name); });
  boost::json::object def;
  def["type"] = "string";
  def["description"] = "One of " + schema_patterns::listed(names) +
                       ", in any case: the decoder matches enumerators ASCII-case-insensitively.";
  def["pattern"] = schema_patterns::any_case_one_of(names);
  return def;
}

}  // namespace partner_center::detail

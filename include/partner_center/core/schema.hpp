#pragma once

// JSON Schema (draft 2020-12) from the declarations validation uses: the described members give
// the names and types, the rules tables give required members, lengths, patterns and enums. The
// two cannot drift, since there is nothing else to read.
//
//   boost::json::object schema = partner_center::json_schema<Item>({.strict = true});
//   std::cout << partner_center::schema_text(schema);
//
// Each rule type says what it means for the schema through a customization point, so rule types
// defined outside core (the model's country rules) describe themselves the same way:
//
//   struct my_rule {
//     void to_schema(partner_center::schema_context& ctx) const { ctx.add_pattern("^x+$"); }
//   };
//   // or, found by argument-dependent lookup beside the rule type:
//   void partner_center_schema(const my_rule&, partner_center::schema_context& ctx);
//
// The overloads must be declared before json_schema<T>() is instantiated. A rule with neither is
// named in its member's description: the schema then says that it checks less than the validator.
//
// One $defs entry per struct (named by the struct) and per described enum; the root refers to
// the root struct, and conditions on other members of the document (see schema_context::when)
// sit at the root as if/then, with absolute paths.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/detail/json_layout.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/core/value_kind.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center {

struct schema_options {
  // additionalProperties: false on every object, as decode's strict mode refuses unknown members.
  // Otherwise unknown members are allowed (the validator warns about them).
  bool strict = false;
  // false: names and types only, no rules table (the shape of a resource the service returns).
  bool rules = true;
  std::string_view id = {};     // "$id", when not empty
  std::string_view title = {};  // "title", when not empty
  // Starts the root description; what the schema cannot say about the decoder is appended.
  std::string_view description = {};
};

// What a member must be when a condition on the document holds (or does not).
enum class schema_requirement {
  none,
  required,  // present, not null, not blank
  absent,    // absent or null
};

// ECMA-262 patterns (the `u` flag of JSON Schema validators) for the checks of core/text.hpp.
namespace schema_patterns {

// Every White_Space code point, as text::is_blank sees it.
inline constexpr std::string_view blank =
    "^[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$";
// Required text: no control character (C0, DEL, C1) and something besides white space.
inline constexpr std::string_view required_text =
    "^[^\\u0000-\\u001f\\u007f-\\u009f]*"
    "[^\\u0000-\\u001f\\u007f-\\u009f \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
    "\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$";
// Other text: no control character, unless the text is only white space (which the validator
// leaves to `required`, so "\t" is not reported twice).
inline constexpr std::string_view optional_text =
    "^(?:[^\\u0000-\\u001f\\u007f-\\u009f]*|[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028"
    "\\u2029\\u202f\\u205f\\u3000]*)$";

}  // namespace schema_patterns

// The $defs that hold the text checks, so that each text member refers to one instead of
// repeating a pattern; struct names never take these keys.
inline constexpr std::string_view text_def_name = "text";
inline constexpr std::string_view required_text_def_name = "requiredText";

// A schema that tests one member deep in the document, e.g. for the `if` of
// schema_context::when: schema_for_member("/a/b", {{"enum", {"x"}}}) is true when /a and /a/b are
// present, /a is an object and /a/b matches the leaf.
inline boost::json::object schema_for_member(std::string_view pointer, boost::json::object leaf) {
  std::vector<std::string> tokens;
  while (pointer.starts_with('/')) {
    pointer.remove_prefix(1);
    const std::size_t end = pointer.find('/');
    std::string token;
    const std::string_view raw = pointer.substr(0, end);
    for (std::size_t i = 0; i < raw.size(); ++i) {  // RFC 6901 §4: ~1 is '/', ~0 is '~'
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[++i] == '0' ? '~' : '/';
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    pointer.remove_prefix(end == std::string_view::npos ? pointer.size() : end);
  }
  boost::json::object inner = std::move(leaf);
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    boost::json::object level;
    level["type"] = "object";
    level["properties"] = boost::json::object{{*it, std::move(inner)}};
    level["required"] = boost::json::array{boost::json::string_view(*it)};
    inner = std::move(level);
  }
  return inner;
}

class schema_context;

namespace detail {

template <class T>
inline constexpr char schema_type_tag = 0;

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

  boost::json::string text_ref(bool required) {
    (required ? uses_required_text : uses_text) = true;
    std::string ref = "#/$defs/";
    ref += required ? required_text_def_name : text_def_name;
    return boost::json::string(ref);
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

}  // namespace detail

// What a rule sees while the schema of its member is made: the member, and ways to constrain it.
// Constraints on text apply, like the validator's rules, to values that are present and not
// blank; the generator adds what that takes (`required` refuses null and blank text).
class schema_context {
 public:
  schema_context(detail::schema_state& state, detail::member_spec& spec, std::size_t owner,
                 std::string_view member, bool nullable, bool text) noexcept
      : state_(state)
      , spec_(spec)
      , owner_(owner)
      , member_(member)
      , nullable_(nullable)
      , text_(text) {}

  [[nodiscard]] std::string_view member() const noexcept { return member_; }
  // The member's C++ type is std::optional: JSON null is accepted and means absent.
  [[nodiscard]] bool nullable() const noexcept { return nullable_; }
  // The member holds text (patterns, enums and lengths apply to text only).
  [[nodiscard]] bool is_text() const noexcept { return text_; }
  [[nodiscard]] const schema_options& options() const noexcept { return state_.options; }

  // The environment json_schema() was given, when it is an Environment; nullptr otherwise.
  template <class Environment>
  [[nodiscard]] const Environment* environment() const noexcept {
    if (state_.environment_tag != &detail::schema_type_tag<Environment>)
      return nullptr;
    return static_cast<const Environment*>(state_.environment);
  }

  void require() noexcept { spec_.required = true; }
  void forbid() noexcept { spec_.forbidden = true; }
  void min_length(std::size_t n) {
    spec_.min_length = spec_.min_length ? std::max(*spec_.min_length, n) : n;
  }
  void max_length(std::size_t n) {
    spec_.max_length = spec_.max_length ? std::min(*spec_.max_length, n) : n;
  }
  // An ECMA-262 regular expression a non-blank value must match.
  void add_pattern(std::string_view pattern) { spec_.patterns.emplace_back(pattern); }
  // The values a non-blank value must be one of (compared exactly, as JSON Schema does).
  void add_enum(boost::json::array values) { spec_.enums.push_back(std::move(values)); }
  // A keyword on the member's value, such as "minimum" or "minItems" (name: static storage).
  // Validators apply numeric and count keywords only to values of their type, so null still
  // passes where the member is optional.
  void add_keyword(std::string_view name, boost::json::value value) {
    spec_.keywords.emplace_back(name, std::move(value));
  }
  // A sentence for the member's description; say there what the schema cannot.
  void add_note(std::string_view sentence) { spec_.notes.emplace_back(sentence); }

  // The schema of text that is required, or of any text: the check of control characters and
  // blanks the generator puts on text members, for rules that build schemas of their own.
  [[nodiscard]] boost::json::object text_schema(bool required) const {
    return boost::json::object{{"type", detail::type_keyword("string", !required)},
                               {"$ref", state_.text_ref(required)}};
  }

  // Another schema the member's value must match, e.g. an if/then on its own members.
  void add_schema(boost::json::object schema) { spec_.schemas.push_back(std::move(schema)); }

  // A rule that depends on another member of the document: where `if_schema` (applied to the
  // root, see schema_for_member) holds, this member is `then_requirement`, elsewhere
  // `else_requirement`, wherever the member's struct occurs. Rules giving the same `if` share
  // one if/then/else at the root.
  void when(const boost::json::object& if_schema, schema_requirement then_requirement,
            schema_requirement else_requirement = schema_requirement::none) {
    add_condition(if_schema, requirement(then_requirement), requirement(else_requirement));
  }

  // The same with schemas for the member's value (an empty one: no constraint), e.g. an enum
  // that depends on another member.
  void when(const boost::json::object& if_schema, const boost::json::object& then_value,
            const boost::json::object& else_value = {}) {
    add_condition(if_schema, value_requirement(then_value), value_requirement(else_value));
  }

 private:
  // What the struct holding this member must match; empty for no constraint.
  [[nodiscard]] boost::json::object requirement(schema_requirement r) const {
    boost::json::object inner;
    if (r == schema_requirement::required) {
      boost::json::object value;
      if (text_) {
        value = text_schema(true);
      } else {
        value["not"] = boost::json::object{{"type", "null"}};
      }
      inner["required"] = boost::json::array{member_};
      inner["properties"] = boost::json::object{{member_, std::move(value)}};
    } else if (r == schema_requirement::absent) {
      boost::json::value value = false;
      if (nullable_)
        value = boost::json::object{{"type", "null"}};
      inner["properties"] = boost::json::object{{member_, std::move(value)}};
    }
    return inner;
  }

  [[nodiscard]] boost::json::object value_requirement(const boost::json::object& value) const {
    if (value.empty())
      return {};
    return boost::json::object{{"properties", boost::json::object{{member_, value}}}};
  }

  void add_condition(const boost::json::object& if_schema, const boost::json::object& then_parent,
                     const boost::json::object& else_parent) {
    std::string key = boost::json::serialize(if_schema);
    detail::schema_condition* condition = nullptr;
    for (auto& c : state_.conditions) {
      if (c.key == key)
        condition = &c;
    }
    if (condition == nullptr) {
      state_.conditions.push_back({std::move(key), if_schema, {}, {}});
      condition = &state_.conditions.back();
    }
    for (const detail::schema_path& path : state_.defs[owner_].instances) {
      if (!then_parent.empty())
        detail::merge_schema(condition->then_schema, at(path, then_parent));
      if (!else_parent.empty())
        detail::merge_schema(condition->else_schema, at(path, else_parent));
    }
  }

  // `parent`, a schema for the struct holding this member, applied where that struct is found
  // at `path` from the root.
  boost::json::object at(const detail::schema_path& path, const boost::json::object& parent) const {
    // Each level names its type, so that validators with strict typing (ajv) take the
    // keywords as meant; null stays allowed where the member is optional.
    const auto type_at = [&](std::size_t level) {
      const bool array = level < path.size() && path[level].items;
      const bool nullable = level > 0 && path[level - 1].nullable;
      return detail::type_keyword(array ? "array" : "object", nullable);
    };
    boost::json::object inner{{"type", type_at(path.size())}};
    for (const auto& member : parent)
      inner[member.key()] = member.value();
    for (std::size_t level = path.size(); level-- > 0;) {
      boost::json::object outer{{"type", type_at(level)}};
      if (path[level].items) {
        outer["items"] = std::move(inner);
      } else {
        outer["properties"] = boost::json::object{{path[level].name, std::move(inner)}};
      }
      inner = std::move(outer);
    }
    return inner;
  }

  detail::schema_state& state_;
  detail::member_spec& spec_;
  std::size_t owner_;
  std::string_view member_;
  bool nullable_;
  bool text_;
};

// What the generic rules mean for the schema. Found by argument-dependent lookup, like any rule
// type's.
namespace rules {

inline void partner_center_schema(const required_rule&, schema_context& ctx) {
  ctx.require();
}

inline void partner_center_schema(const forbidden_rule& rule, schema_context& ctx) {
  ctx.forbid();
  std::string note = "Must not be sent: ";
  note += rule.reason;
  note += '.';
  ctx.add_note(note);
}

inline void partner_center_schema(const min_length& rule, schema_context& ctx) {
  ctx.min_length(rule.value);
}

inline void partner_center_schema(const max_length& rule, schema_context& ctx) {
  ctx.max_length(rule.value);
}

inline void partner_center_schema(const format& rule, schema_context& ctx) {
  std::string note = "Must be ";
  note += rule.description;
  if (rule.pattern.empty()) {
    note += "; the validator checks this and this schema cannot say it.";
  } else {
    note += '.';
    ctx.add_pattern(rule.pattern);
  }
  ctx.add_note(note);
}

inline void partner_center_schema(const one_of& rule, schema_context& ctx) {
  boost::json::array values;
  for (const std::string_view v : rule.values)
    values.emplace_back(v);
  ctx.add_enum(std::move(values));
  ctx.add_note(
      "The validator compares it case-insensitively; JSON Schema's enum compares exactly.");
}

template <class Environment>
void partner_center_schema(const required_if<Environment>& rule, schema_context& ctx) {
  std::string note = "Required ";
  note += rule.when.description;
  const Environment* environment = ctx.environment<Environment>();
  if (!rule.when.depends_on.empty() || environment == nullptr) {
    // Depends on the document or on options the schema was not given.
    note += "; this schema does not express that condition.";
  } else if (rule.when.holds(*environment)) {
    ctx.require();
    note += '.';
  } else {
    return;  // the condition is known not to hold: nothing to say
  }
  ctx.add_note(note);
}

// A rule that is one JSON Schema keyword says which (`schema_keyword`); its `value` is the
// keyword's value: minimum, maximum and their exclusive forms, multipleOf, the item and property
// counts, uniqueItems.
template <class Rule>
requires requires {
  Rule::schema_keyword;
}
void partner_center_schema(const Rule& rule, schema_context& ctx) {
  ctx.add_keyword(Rule::schema_keyword, rule.value);
}

}  // namespace rules

namespace detail {

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
  bool taken = name == text_def_name || name == required_text_def_name;
  for (const auto& d : defs)
    taken = taken || d.name == name;
  if (taken)  // the same name in another namespace: qualify this one
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
template <class T, std::size_t Depth = 0>
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
  [[maybe_unused]] static constexpr auto table = rules_table<T>();
  boost::json::object properties;
  boost::json::array required;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        using member = std::remove_cvref_t<decltype(std::declval<const T&>().*d.pointer)>;
        member_spec spec;
        schema_context ctx(state, spec, self, d.name, schema_member_type<member>::nullable,
                           is_schema_text<member>);
        if (state.options.rules) {
          std::apply(
              [&](const auto&... fields) {
                (
                    [&](const auto& f) {
                      if constexpr (std::is_same_v<std::remove_const_t<decltype(f.member)>,
                                                   std::remove_const_t<decltype(d.pointer)>>) {
                        if (f.member == d.pointer) {
                          std::apply([&](const auto&... rule) { (describe_rule(rule, ctx), ...); },
                                     f.rules);
                        }
                      }
                    }(fields),
                    ...);
              },
              table);
        }
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

template <class T>
boost::json::object build_enum_def(schema_state&, std::size_t) {
  boost::json::array names;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>(
      [&](auto d) { names.emplace_back(d.name); });
  boost::json::object def;
  def["type"] = "string";
  def["description"] =
      "The decoder matches enumerators case-insensitively; JSON Schema's enum compares exactly.";
  def["enum"] = std::move(names);
  return def;
}

inline std::string root_description(const schema_options& options) {
  std::string out(options.description);
  const auto add = [&](std::string_view sentence) {
    if (!out.empty())
      out += ' ';
    out += sentence;
  };
  add("Beyond this schema: the decoder matches member names case-insensitively (\"Email\" is "
      "email) and refuses a member given twice, whatever its case, where JSON Schema matches "
      "names exactly and keeps the last of two; it drops a UTF-8 byte order mark and refuses "
      "malformed UTF-8, escaped lone surrogates and documents past its size and depth limits.");
  if (options.rules) {
    add("Lengths count UTF-16 code units, as the service does, where JSON Schema counts code "
        "points: a character above U+FFFF counts 2 for the validator, 1 for JSON Schema. "
        "Required text must not be blank, and no text may hold a control character (the "
        "patterns say both).");
  }
  return out;
}

}  // namespace detail

// The JSON Schema of T, a described struct, with the rules of its table and of every struct in
// it. `environment` is what rules that depend on options see (required_if evaluates its
// condition on it when the condition does not depend on the document).
template <class T, class Environment = no_environment>
boost::json::object json_schema(const schema_options& options = {},
                                const Environment& environment = {}) {
  static_assert(detail::is_schema_struct<T>, "json_schema<T>: T must be a described struct");
  detail::schema_state state{options, &environment, &detail::schema_type_tag<Environment>, {}, {}};
  detail::schema_path path;
  detail::collect_schema_types<T>(state, path);
  std::vector<boost::json::object> built;
  for (std::size_t i = 0; i < state.defs.size(); ++i) {  // building may add defs: index loop
    const auto build = state.defs[i].build;
    built.push_back(build(state, i));
  }

  boost::json::object schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  if (!options.id.empty())
    schema["$id"] = options.id;
  if (!options.title.empty())
    schema["title"] = options.title;
  schema["description"] = detail::root_description(options);
  schema["$ref"] = state.ref<T>();
  if (!state.conditions.empty()) {
    boost::json::array all_of;
    for (auto& c : state.conditions) {
      boost::json::object entry;
      entry["if"] = std::move(c.if_schema);
      if (!c.then_schema.empty())
        entry["then"] = std::move(c.then_schema);
      if (!c.else_schema.empty())
        entry["else"] = std::move(c.else_schema);
      all_of.push_back(std::move(entry));
    }
    schema["allOf"] = std::move(all_of);
  }
  boost::json::object defs;
  for (std::size_t i = 0; i < state.defs.size(); ++i)
    defs[state.defs[i].name] = std::move(built[i]);
  if (state.uses_text) {
    defs[text_def_name] = boost::json::object{
        {"type", boost::json::array{"string", "null"}},
        {"description", "Text: no control character, unless it is only white space."},
        {"pattern", schema_patterns::optional_text}};
  }
  if (state.uses_required_text) {
    defs[required_text_def_name] = boost::json::object{
        {"type", "string"},
        {"description", "Required text: not only white space, no control character."},
        {"pattern", schema_patterns::required_text}};
  }
  schema["$defs"] = std::move(defs);
  return schema;
}

// The text of a schema: pretty (2-space indent, stable member order) or compact.
// How schema text is laid out: indented for people, or one line for machines.
enum class schema_layout {
  pretty,
  compact
};

inline std::string schema_text(const boost::json::object& schema,
                               schema_layout layout = schema_layout::pretty) {
  if (layout == schema_layout::pretty)
    return detail::pretty_json(schema);
  return boost::json::serialize(schema);
}

}  // namespace partner_center

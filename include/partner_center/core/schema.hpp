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
#include <partner_center/core/detail/schema_state.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/schema_patterns.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/core/value_kind.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
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
  void add_enum(std::span<const std::string_view> values) {
    boost::json::array array;
    for (const std::string_view v : values)
      array.emplace_back(v);
    add_enum(std::move(array));
  }
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

  // A $defs entry under `name`, for a schema several members or conditions share (a long list,
  // say), and the schema that refers to it: {"$ref": "#/$defs/<name>"}. The same name and schema
  // give the same entry. Characters other than [A-Za-z0-9_.-] in `name` become '_', so that the
  // reference needs no escaping; a name a struct, an enum or another schema has taken gets a
  // suffix (".2").
  boost::json::object define(std::string_view name, boost::json::object schema) {
    return boost::json::object{{"$ref", state_.define(name, std::move(schema))}};
  }

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

namespace detail {

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
  static_assert(value_kind_v<T> == value_kind::structure,
                "json_schema<T>: T must be a described struct");
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
    defs[detail::text_def_name] = boost::json::object{
        {"type", boost::json::array{"string", "null"}},
        {"description", "Text: no control character, unless it is only white space."},
        {"pattern", schema_patterns::optional_text}};
  }
  if (state.uses_required_text) {
    defs[detail::required_text_def_name] = boost::json::object{
        {"type", "string"},
        {"description", "Required text: not only white space, no control character."},
        {"pattern", schema_patterns::required_text}};
  }
  for (auto& [name, named] : state.named)
    defs[name] = std::move(named);
  schema["$defs"] = std::move(defs);
  return schema;
}

// How schema text is laid out: indented for people, or one line for machines.
enum class schema_layout {
  pretty,
  compact
};

// The text of a schema: pretty (2-space indent, stable member order) or compact.
inline std::string schema_text(const boost::json::object& schema,
                               schema_layout layout = schema_layout::pretty) {
  if (layout == schema_layout::pretty)
    return detail::pretty_json(schema);
  return boost::json::serialize(schema);
}

}  // namespace partner_center

// The walkers construct schema_context, so they come after it (as number_rules.hpp comes after
// rules.hpp); json_schema() above uses them through the declarations in schema_state.hpp.
#include <partner_center/core/detail/schema_builder.hpp>

#pragma once

// The rule vocabulary and the rules table that sits beside each described struct.
//
//   constexpr auto partner_center_rules(partner_center::type<Address>) {
//     using namespace partner_center::rules;
//     return table(field<&Address::addressLine1>(required, max_length{200}),
//                  field<&Address::state>(max_length{2}));
//   }
//
// The function is found by argument-dependent lookup, so the table lives in the struct's own
// namespace, next to BOOST_DESCRIBE_STRUCT. Rules are plain constexpr data (numbers, names, a
// pointer to a pure matcher) so that the same table drives validation, messages and the JSON
// Schema export. A rule is any type with a `check(value, context)` member; the vocabulary here is
// generic, and the model adds rules of its own (country-dependent ones) the same way.
//
// Each rule here also says what it means for the JSON Schema: a `to_schema(context)` member or,
// for the numeric and count rules, a `schema_keyword`. `check` is given a validation_context
// (core/validate.hpp) and `to_schema` a schema_context (core/schema.hpp) as template parameters,
// so naming a rule pulls in neither the validator nor Boost.JSON.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/schema_patterns.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/value_kind.hpp>
#include <partner_center/core/violation.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace partner_center {

// Names a type as a value: the parameter of the functions written beside a described struct,
// partner_center_rules(type<T>) and partner_center_schema_name(type<T>).
//
// The library calls them unqualified, as partner_center_rules(type<T>{}); argument-dependent
// lookup then searches the namespaces associated with type<T>, which include T's own (a template
// specialization brings in those of its template arguments:
// https://en.cppreference.com/w/cpp/language/adl). So the function sits next to
// BOOST_DESCRIBE_STRUCT, in code the library has never seen. The tag is empty, so no T is
// needed: T need not be default-constructible and the call stays a constant expression. A
// pointer tag (const T*) would be found too, but converts: a struct derived from a described one
// would get its base's table without one being written for it; type<Derived> never converts to
// type<Base>, so a struct has the table written for it or none.
//
// std::type_identity<T> would do the same, lookup included (its associated namespaces are std
// and T's, and std declares no partner_center_rules). This one is kept so that the signature
// names the library it customizes, and because the tables already written (the model's,
// users') take partner_center::type<T>.
template <class T>
struct type {};

namespace detail {

template <class MemberPointer>
struct member_pointer_traits;
template <class Class, class Value>
struct member_pointer_traits<Value Class::*> {
  using class_type = Class;
  using value_type = Value;
};

template <auto Member>
consteval bool is_described_member() {
  using owner = typename member_pointer_traits<decltype(Member)>::class_type;
  if constexpr (!boost::describe::has_describe_members<owner>::value) {
    return false;
  } else {
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_members<owner, boost::describe::mod_public>>(
        [&](auto d) {
          if constexpr (std::is_same_v<std::remove_const_t<decltype(d.pointer)>,
                                       decltype(Member)>) {
            if (d.pointer == Member)
              found = true;
          }
        });
    return found;
  }
}

}  // namespace detail

// What a member holds, as rules see it; public for the authors of rule types.

// The text behind a string member, or nullptr when it is absent or null.
inline const std::string* present_text(const std::optional<std::string>& value) noexcept {
  return value ? &*value : nullptr;
}
inline const std::string* present_text(const std::string& value) noexcept {
  return &value;
}
template <class Other>
const std::string* present_text(const Other&) noexcept {
  return nullptr;
}

// The value a rule judges: the member, or what its optional holds; nullptr when absent.
template <class Value>
const auto* present_value(const Value& value) noexcept {
  if constexpr (value_kind_v<Value> == value_kind::optional) {
    return value ? &*value : nullptr;
  } else {
    return &value;
  }
}

// Present as Partner Center counts it: not absent, not null, and text not blank
// (.NET's string.IsNullOrWhiteSpace, the service's test for a required string).
template <class Value>
bool is_present(const Value& value) noexcept {
  if constexpr (std::is_same_v<Value, std::optional<std::string>>) {
    return value.has_value() && !text::is_blank(*value);
  } else if constexpr (std::is_same_v<Value, std::string>) {
    return !text::is_blank(value);
  } else if constexpr (requires { value.has_value(); }) {
    return value.has_value();
  } else {
    return true;
  }
}

// One member's rules. Naming a member that BOOST_DESCRIBE_STRUCT does not list is a compile
// error: a rule that can never run would otherwise pass silently.
template <auto Member, class... Rules>
struct field_rules {
  static constexpr auto member = Member;
  std::tuple<Rules...> rules;
};

namespace detail {

inline constexpr value_kinds text_kinds = kinds(value_kind::string);
inline constexpr value_kinds number_kinds = kinds(value_kind::integer, value_kind::number);
inline constexpr value_kinds integer_kinds = kinds(value_kind::integer);
inline constexpr value_kinds sequence_kinds = kinds(value_kind::sequence);
inline constexpr value_kinds map_kinds = kinds(value_kind::map);

// A rule that says what it applies to (`static constexpr value_kinds applies_to`) refuses, at
// compile time, a member of another kind: max_length on an integer would never fire. The message
// is a literal and cannot name them, so the rule and the member pointer are template arguments:
// the compiler prints rule_fits_member<Rule, &T::member> beside the message (tests/compile_fail
// requires it of g++ and clang).
template <class Rule, auto Member>
struct rule_fits_member {
  using member_type = typename member_pointer_traits<decltype(Member)>::value_type;
  static constexpr value_kind kind = present_kind_v<member_type>;
  static constexpr value_kinds accepted = Rule::applies_to;
  static constexpr bool fits = accepted.contains(kind);
  static_assert(fits || accepted != text_kinds,
                "this rule (min_length, max_length, format, one_of) applies to text only: "
                "std::string or std::optional<std::string>");
  static_assert(fits || accepted != number_kinds,
                "this rule (minimum, maximum, exclusive_minimum, exclusive_maximum) applies to "
                "numbers only: an integer type, float or double, or std::optional of one");
  static_assert(fits || accepted != integer_kinds,
                "this rule (multiple_of) applies to integers only: an integer type of 8 to 64 "
                "bits, or std::optional of one");
  static_assert(fits || accepted != sequence_kinds,
                "this rule (min_items, max_items, unique_items) applies to arrays only: "
                "std::vector, or std::optional of one");
  static_assert(fits || accepted != map_kinds,
                "this rule (min_properties, max_properties) applies to maps only: a "
                "std::string-keyed map, or std::optional of one");
  static_assert(fits || accepted == text_kinds || accepted == number_kinds ||
                    accepted == integer_kinds || accepted == sequence_kinds ||
                    accepted == map_kinds,
                "this rule does not apply to a member of this kind (see the rule's applies_to)");
  static constexpr bool value = fits;
};

// A rule that does not say what it applies to applies to any member.
template <class Rule, auto Member, bool Says = requires {
  Rule::applies_to;
}
> struct rule_check {};
template <class Rule, auto Member>
struct rule_check<Rule, Member, true> : rule_fits_member<Rule, Member> {};

}  // namespace detail

template <auto Member, class... Rules>
constexpr field_rules<Member, Rules...> field(Rules... rules) {
  static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                "field<&T::member>: name a data member");
  static_assert(detail::is_described_member<Member>(),
                "field<&T::member>: this member is not listed in BOOST_DESCRIBE_STRUCT for its "
                "struct, so no rule on it could ever run");
  // Instantiating the check is what refuses a misplaced rule (see rule_fits_member).
  (static_cast<void>(sizeof(detail::rule_check<Rules, Member>)), ...);
  return {{rules...}};
}

template <class... Fields>
constexpr std::tuple<Fields...> table(Fields... fields) {
  return {fields...};
}

// True when a rules table is found for T: a function partner_center_rules(partner_center::type<T>)
// in T's own namespace, where argument-dependent lookup looks. A table written elsewhere is not
// found and T validates with no rules, so a project can pin it:
//   static_assert(partner_center::has_rules_v<shop::Order>);
template <class T>
inline constexpr bool has_rules_v = requires {
  partner_center_rules(type<T>{});
};

// The rules table of T: what partner_center_rules(type<T>) returns, or an empty table.
template <class T>
constexpr auto rules_table() {
  if constexpr (has_rules_v<T>) {
    return partner_center_rules(type<T>{});
  } else {
    return std::tuple<>{};
  }
}

namespace rules {

// `using namespace partner_center::rules;` is all a rules table needs.
using partner_center::field;
using partner_center::table;

// Present, not null, and not only white space (the service's string.IsNullOrWhiteSpace).
struct required_rule {
  static constexpr std::string_view name = "required";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    if (!is_present(value)) {
      ctx.add(violation_code::required, std::string(ctx.member()) + " is required");
    }
  }
  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.require();
  }
};
inline constexpr required_rule required{};

// Must be absent or null; white space counts as present, since the service would receive it.
struct forbidden_rule {
  static constexpr std::string_view name = "forbidden";
  std::string_view reason = "it must not be sent";
  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    bool present = true;
    if constexpr (requires { value.has_value(); })
      present = value.has_value();
    if (present) {
      // The value is never quoted: a forbidden member can be a secret (a password).
      ctx.add(violation_code::forbidden,
              std::string(ctx.member()) + " must not be present: " + std::string(reason));
    }
  }
  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.forbid();
    std::string note = "Must not be sent: ";
    note += reason;
    note += '.';
    ctx.add_note(note);
  }
};
inline constexpr forbidden_rule forbidden{};

// Lengths in UTF-16 code units, as .NET's String.Length counts them.
struct min_length {
  static constexpr std::string_view name = "min_length";
  static constexpr value_kinds applies_to = detail::text_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const std::string* s = present_text(v);
    if (s == nullptr)
      return;
    const std::size_t length = text::utf16_length(*s);
    if (length < value) {
      ctx.add(violation_code::min_length, std::string(ctx.member()) + " has " +
                                              std::to_string(length) + " characters; at least " +
                                              std::to_string(value) + " are required");
    }
  }
  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.min_length(value);
  }
};

struct max_length {
  static constexpr std::string_view name = "max_length";
  static constexpr value_kinds applies_to = detail::text_kinds;
  std::size_t value;
  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const std::string* s = present_text(v);
    if (s == nullptr)
      return;
    const std::size_t length = text::utf16_length(*s);
    if (length > value) {
      ctx.add(violation_code::max_length, std::string(ctx.member()) + " has " +
                                              std::to_string(length) + " characters; at most " +
                                              std::to_string(value) + " are allowed");
    }
  }
  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.max_length(value);
  }
};

// A shape check. `matches` is a pure function, `description` completes "is not ...", and
// `pattern` is the same shape as an ECMA-262 regular expression for the schema ("" when a regular
// expression cannot say it).
struct format {
  static constexpr std::string_view name = "format";
  static constexpr value_kinds applies_to = detail::text_kinds;
  std::string_view description;
  bool (*matches)(std::string_view) noexcept;
  std::string_view pattern = {};

  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const std::string* s = present_text(v);
    if (s == nullptr || text::is_blank(*s))
      return;  // absence is `required`'s business
    if (!matches(*s)) {
      std::string message(ctx.member());
      message += ' ';
      append_quoted(message, *s);
      message += " is not ";
      message += description;
      ctx.add(violation_code::format, std::move(message));
    }
  }

  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    std::string note = "Must be ";
    note += description;
    if (pattern.empty()) {
      note += "; the validator checks this and this schema cannot say it.";
    } else {
      note += '.';
      ctx.add_pattern(pattern);
    }
    ctx.add_note(note);
  }
};

// A closed set of values, compared ASCII-case-insensitively.
struct one_of {
  static constexpr std::string_view name = "one_of";
  static constexpr value_kinds applies_to = detail::text_kinds;
  std::span<const std::string_view> values;

  template <class Value, class Context>
  void check(const Value& v, Context& ctx) const {
    const std::string* s = present_text(v);
    if (s == nullptr || text::is_blank(*s))
      return;
    for (const std::string_view allowed : values) {
      if (text::iequals(allowed, *s))
        return;
    }
    std::string message(ctx.member());
    message += ' ';
    append_quoted(message, *s);
    message += " is not one of";
    for (const std::string_view allowed : values) {
      message += ' ';
      message += allowed;
    }
    ctx.add(violation_code::not_supported, std::move(message));
  }

  // A pattern rather than an enum, which would compare exactly.
  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    ctx.add_pattern(schema_patterns::any_case_one_of(values));
    ctx.add_note("One of " + schema_patterns::listed(values) + ", in any case.");
  }
};

// A fact about the whole document that another member's rule depends on: the environment is
// what the validation was given, `description` finishes "required when ..." and `depends_on` is
// the JSON Pointer of the member that decides, for messages and the schema's if/then.
template <class Environment>
struct condition {
  std::string_view description;
  std::string_view depends_on;
  bool (*holds)(const Environment&) noexcept;
};

template <class Environment>
struct required_if {
  static constexpr std::string_view name = "required_if";
  condition<Environment> when;

  template <class Value, class Context>
  void check(const Value& value, Context& ctx) const {
    if (when.holds(ctx.environment()) && !is_present(value)) {
      ctx.add(violation_code::required,
              std::string(ctx.member()) + " is required " + std::string(when.description));
    }
  }

  template <class SchemaContext>
  void to_schema(SchemaContext& ctx) const {
    std::string note = "Required ";
    note += when.description;
    const Environment* environment = ctx.template environment<Environment>();
    if (!when.depends_on.empty() || environment == nullptr) {
      // Depends on the document or on options the schema was not given.
      note += "; this schema does not express that condition.";
    } else if (when.holds(*environment)) {
      ctx.require();
      note += '.';
    } else {
      return;  // the condition is known not to hold: nothing to say
    }
    ctx.add_note(note);
  }
};

// A rule that is one JSON Schema keyword says which (`schema_keyword`); its `value` is the
// keyword's value: minimum, maximum and their exclusive forms, multipleOf, the item and property
// counts, uniqueItems. Found by argument-dependent lookup, like any rule type's
// partner_center_schema.
template <class Rule, class SchemaContext>
requires requires {
  Rule::schema_keyword;
}
void partner_center_schema(const Rule& rule, SchemaContext& ctx) {
  ctx.add_keyword(Rule::schema_keyword, rule.value);
}

}  // namespace rules
}  // namespace partner_center

#include <partner_center/core/count_rules.hpp>
#include <partner_center/core/number_rules.hpp>

#pragma once

// Walks a described value and applies the rules table of every struct on the way, collecting
// every violation (no fail-fast). A valid document allocates nothing: the path is a stack of
// borrowed names and messages are built only for violations.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/detail/for_each_rule.hpp>
#include <partner_center/core/json_pointer.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/value_kind.hpp>
#include <partner_center/core/violation.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center {

// What a rule sees while it runs: the environment the caller supplied (options, country data,
// facts computed from the whole document), the member being checked and the place to report.
template <class Environment>
class validation_context {
 public:
  validation_context(const Environment& environment, report& out) noexcept
      : environment_(environment)
      , out_(out) {}

  [[nodiscard]] const Environment& environment() const noexcept { return environment_; }
  [[nodiscard]] std::string_view member() const noexcept { return member_; }
  [[nodiscard]] json_path& path() noexcept { return path_; }

  void add(violation_code code, std::string message, severity level = severity::error) {
    out_.add(violation{path_.str(), code, level, std::move(message)});
  }

  // Used by the walk: the member whose rules run next.
  void enter(std::string_view member) noexcept {
    path_.push(member);
    member_ = member;
  }
  void leave(std::string_view parent_member) noexcept {
    path_.pop();
    member_ = parent_member;
  }

 private:
  const Environment& environment_;
  report& out_;
  json_path path_;
  std::string_view member_;
};

namespace detail {

template <class T, class Environment>
void validate_members(const T& object, validation_context<Environment>& ctx);

template <class Environment>
[[gnu::cold, gnu::noinline]] void report_control_character(const std::string& value,
                                                           validation_context<Environment>& ctx) {
  if (!text::is_blank(value)) {
    ctx.add(violation_code::format, std::string(ctx.member()) +
                                        " contains a control character, which no text member of "
                                        "the service accepts");
  }
}

// Text members get one check no table has to ask for: no control characters (see text.hpp).
// Blank text is left to `required`, so "\t" is one violation, not two. Building the message is
// kept out of line, so the scan stays small.
template <class Environment>
void check_text(const std::string& value, validation_context<Environment>& ctx) {
  if (text::has_control_character(value)) [[unlikely]]
    report_control_character(value, ctx);
}

template <class Value, class Environment>
void validate_value(const Value& value, validation_context<Environment>& ctx) {
  constexpr value_kind kind = value_kind_v<Value>;
  if constexpr (kind == value_kind::optional) {
    if (value)
      validate_value(*value, ctx);
  } else if constexpr (kind == value_kind::string) {
    check_text(value, ctx);
  } else if constexpr (kind == value_kind::number) {
    // JSON has no NaN or infinity (RFC 8259 §6): such a value could not be sent.
    if (!std::isfinite(value)) {
      ctx.add(violation_code::type, std::string(ctx.member()) +
                                        " must be a finite number; JSON cannot carry " +
                                        (std::isnan(value) ? "NaN" : "an infinite number"));
    }
  } else if constexpr (kind == value_kind::sequence) {
    std::size_t index = 0;
    for (const auto& element : value) {
      ctx.path().push(index++);
      validate_value(element, ctx);
      ctx.path().pop();
    }
  } else if constexpr (kind == value_kind::map) {
    for (const auto& [key, mapped] : value) {
      ctx.path().push(std::string_view(key));
      validate_value(mapped, ctx);
      ctx.path().pop();
    }
  } else if constexpr (kind == value_kind::structure) {
    validate_members(value, ctx);
  } else if constexpr (kind == value_kind::unsupported) {
    static_cast<void>(sizeof(unsupported_member_type<Value>));  // its static_assert explains
  }
}

template <class T, class Environment>
void validate_members(const T& object, validation_context<Environment>& ctx) {
  const std::string_view parent = ctx.member();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        const auto& value = object.*d.pointer;
        ctx.enter(d.name);
        for_each_rule<T>(d, [&](const auto& rule) { rule.check(value, ctx); });
        validate_value(value, ctx);
        ctx.leave(parent);
      });
}

}  // namespace detail

// Checks `value` against the rules tables of its struct and of every struct inside it, appending
// each violation to `out`. Returns true when no error was added.
template <class T, class Environment>
bool validate(const T& value, const Environment& environment, report& out) {
  const std::size_t errors_before = out.error_count();
  validation_context<Environment> ctx(environment, out);
  detail::validate_value(value, ctx);
  return out.error_count() == errors_before;
}

// For tables whose rules need no environment.
struct no_environment {};

template <class T>
report validate(const T& value) {
  report out;
  validate(value, no_environment{}, out);
  return out;
}

}  // namespace partner_center

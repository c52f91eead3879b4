#pragma once

// std::error_code for the library's described code enums, so that a code fits where the
// ecosystem expects one (a log line, an error_code out-parameter, a comparison with std::errc):
//
//   std::error_code ec = violation_code::max_length;
//   ec.message();                         // "max_length"
//   ec == violation_code::max_length;     // true
//
// The message is the enumerator's stable name, the same one reports and journals print.
//
// The error_code value is the enumerator plus one: every code enum starts at 0 with a real
// problem (violation_code::syntax), and an error_code whose value is 0 means "no error"
// (`if (ec)` is false), whatever its category ([syserr.errcode.observers]).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>

#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

namespace partner_center {

// One category per enum; `name` is its category name (e.g. "partner_center.violation"). Hold
// the object in a function-local static returned by reference: categories compare by address.
template <class E>
class described_error_category : public std::error_category {
 public:
  explicit constexpr described_error_category(const char* name) noexcept : name_(name) {}

  [[nodiscard]] const char* name() const noexcept override { return name_; }

  [[nodiscard]] std::string message(int value) const override {
    const auto code = to_enum(value);
    return code ? std::string(enum_name(*code, "")) : "unknown code " + std::to_string(value);
  }

  // The enumerator an error_code value of this category stands for; nullopt for any other value.
  [[nodiscard]] static constexpr std::optional<E> to_enum(int value) noexcept {
    using underlying = std::underlying_type_t<E>;
    if (value <= 0 || !std::in_range<underlying>(value - 1))
      return std::nullopt;
    const auto code = static_cast<E>(static_cast<underlying>(value - 1));
    if (enum_name(code, "").empty())
      return std::nullopt;
    return code;
  }

  [[nodiscard]] static constexpr int to_value(E code) noexcept {
    return static_cast<int>(code) + 1;
  }

 private:
  const char* name_;
};

}  // namespace partner_center

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/core/error_code.hpp>

#include <partner_center/core/violation.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <system_error>
#include <type_traits>

namespace core_error_code_test {

using namespace partner_center;

TEST_CASE("a violation code is a std::error_code", "[error_code]") {
  STATIC_REQUIRE(std::is_error_code_enum_v<violation_code>);
  const std::error_code ec = violation_code::max_length;
  CHECK(ec.message() == "max_length");
  CHECK(std::string(ec.category().name()) == "partner_center.violation");
  CHECK(&ec.category() == &violation_category());
  CHECK(ec == violation_code::max_length);
  CHECK(ec != violation_code::min_length);
  CHECK(ec == make_error_code(violation_code::max_length));
}

TEST_CASE("every violation code's message is its stable name", "[error_code]") {
  for (const violation_code code :
       {violation_code::syntax, violation_code::type, violation_code::required,
        violation_code::forbidden, violation_code::min_length, violation_code::max_length,
        violation_code::format, violation_code::not_supported, violation_code::unknown_field,
        violation_code::duplicate_key, violation_code::limit, violation_code::minimum,
        violation_code::maximum, violation_code::multiple_of, violation_code::min_items,
        violation_code::max_items, violation_code::unique_items, violation_code::min_properties,
        violation_code::max_properties}) {
    const std::error_code ec = code;
    CHECK(ec.message() == to_string(code));
    CHECK(ec.category() == violation_category());
  }
}

// An error_code whose value is 0 means "no error"; syntax is the first enumerator (0).
TEST_CASE("the first violation code is still an error", "[error_code]") {
  const std::error_code ec = violation_code::syntax;
  CHECK(static_cast<bool>(ec));
  CHECK(ec.message() == "syntax");
}

TEST_CASE("a value that names no violation code says so", "[error_code]") {
  CHECK(violation_category().message(0) == "unknown code 0");
  CHECK(violation_category().message(-1) == "unknown code -1");
  CHECK(violation_category().message(20) == "unknown code 20");
  CHECK(violation_category().message(1000) == "unknown code 1000");
}

TEST_CASE("violation codes match no generic condition", "[error_code]") {
  const std::error_code ec = violation_code::format;
  CHECK(ec != std::errc::invalid_argument);
  CHECK(ec.default_error_condition().category() == violation_category());
}

}  // namespace core_error_code_test

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/core/enum_name.hpp>

#include <partner_center/core/violation.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace core_enum_name_test {

using namespace partner_center;

namespace {

// Not dense and not starting at 0, so that a lookup by position would be caught.
enum class tint : std::uint8_t {
  red = 3,
  green = 7,
  light_blue = 8
};
BOOST_DESCRIBE_ENUM(tint, red, green, light_blue)

}  // namespace

TEST_CASE("enum_name spells an enumerator as its identifier", "[enum_name]") {
  STATIC_REQUIRE(enum_name(tint::red, "?") == "red");
  CHECK(enum_name(tint::green, "?") == "green");
  CHECK(enum_name(tint::light_blue, "?") == "light_blue");
}

TEST_CASE("enum_name gives the fallback for a value that names no enumerator", "[enum_name]") {
  STATIC_REQUIRE(enum_name(static_cast<tint>(4), "none") == "none");
  CHECK(enum_name(static_cast<tint>(0), "") == "");
  CHECK(to_string(static_cast<violation_code>(200)) == "unknown");
}

TEST_CASE("enum_from_name finds the enumerator of an exact identifier", "[enum_name]") {
  STATIC_REQUIRE(enum_from_name<tint>("green") == tint::green);
  CHECK(enum_from_name<tint>("light_blue") == tint::light_blue);
  CHECK(enum_from_name<tint>("Green") == std::nullopt);
  CHECK(enum_from_name<tint>("gree") == std::nullopt);
  CHECK(enum_from_name<tint>("") == std::nullopt);
  CHECK(enum_from_name<tint>(std::string_view("red\0", 4)) == std::nullopt);
}

// Every code, the last ones included: the hand-written loops this replaces stopped at a named
// last enumerator, and a code added after it was unreadable from a journal.
TEST_CASE("every violation code and severity reads back from its spelling", "[enum_name]") {
  int codes = 0;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<violation_code>>([&](auto d) {
    CHECK(to_string(d.value) == d.name);
    CHECK(enum_from_name<violation_code>(to_string(d.value)) == d.value);
    ++codes;
  });
  CHECK(codes == 19);
  CHECK(enum_from_name<violation_code>("max_properties") == violation_code::max_properties);
  CHECK(enum_from_name<severity>("warning") == severity::warning);
  CHECK(enum_from_name<severity>("fatal") == std::nullopt);
}

}  // namespace core_enum_name_test

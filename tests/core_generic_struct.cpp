// The core with a user's own struct (tests/support/generic_order.hpp): integers of each width,
// floating point, optionals, a described enum, arrays of structs, maps and nested arrays, with
// numeric and count rules. Decode, validate, encode and schema all go through value_kind.

#include "support/generic_order.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/core/schema.hpp>
#include <partner_center/core/validate.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>

namespace core_generic_struct_test {

using namespace partner_center;

namespace {

// Compact, members in declaration order, as encode writes it: the round trip must be exact.
constexpr std::string_view valid_order =
    R"({"revision":3,"reference":9007199254740993,"weight_grams":1250,"discount":0.25,"tip":1.5,)"
    R"("gift":true,"urgency":"urgent","lines":[{"sku":"A-1","quantity":2,"unit_price":9.99}],)"
    R"("tags":{"a/b~c":"z","region":"eu"},"counters":{"views":-9223372036854775808},)"
    R"("grid":[[1,-32768],[],[32767]]})";

std::string problems_of(const report& r) {
  std::string out;
  for (const auto& v : r.items()) {
    out += v.path + " " + std::string(to_string(v.code)) + ": " + v.message + "\n";
  }
  return out;
}

// Decodes `text` and, when it was read to its end, validates the result.
std::string verdict(std::string_view text) {
  auto decoded = decode<shop::order>(text);
  if (decoded.complete)
    validate(decoded.value, no_environment{}, decoded.violations);
  return problems_of(decoded.violations);
}

// valid_order with one member's value replaced.
std::string with(std::string_view member, std::string_view value) {
  std::string text(valid_order);
  const std::string key = "\"" + std::string(member) + "\":";
  const std::size_t start = text.find(key) + key.size();
  std::size_t end = start;
  int depth = 0;
  for (; end < text.size(); ++end) {
    const char c = text[end];
    if (c == '[' || c == '{')
      ++depth;
    if (c == ']' || c == '}') {
      if (depth == 0)
        break;
      --depth;
    }
    if (c == ',' && depth == 0)
      break;
  }
  text.replace(start, end - start, value);
  return text;
}

}  // namespace

TEST_CASE("a user struct decodes, validates and encodes back to the identical text", "[generic]") {
  auto decoded = decode<shop::order>(valid_order);
  REQUIRE(decoded.valid());
  const shop::order& o = decoded.value;
  CHECK(o.reference == 9'007'199'254'740'993);  // 2^53 + 1: no trip through double
  CHECK(o.weight_grams == 1250u);
  CHECK(o.discount == 0.25);
  CHECK(o.tip == 1.5);
  CHECK(o.urgency == shop::priority::urgent);
  CHECK(o.lines.at(0).unit_price == 9.99);
  CHECK(o.tags.at("a/b~c") == "z");
  CHECK(o.counters->at("views") == std::numeric_limits<std::int64_t>::min());
  CHECK(o.grid == std::vector<std::vector<std::int16_t>>{{1, -32768}, {}, {32767}});
  CHECK(validate(o).items().empty());
  report problems;
  const auto text = encode(o, problems);
  REQUIRE(text.has_value());
  CHECK(*text == valid_order);
}

TEST_CASE("integers land exactly at the limits of their type", "[generic]") {
  struct case_ {
    std::string_view member, value;
  };
  const auto c = GENERATE(case_{"reference", "9223372036854775807"},
                          case_{"reference", "-9223372036854775808"}, case_{"weight_grams", "0"},
                          case_{"revision", "2147483647"});
  auto decoded = decode<shop::order>(with(c.member, c.value));
  REQUIRE(decoded.valid());
  report problems;
  CHECK(encode(decoded.value, problems).value().find(std::string(c.value)) != std::string::npos);
}

TEST_CASE("a number that does not fit its member is a type violation naming the range",
          "[generic]") {
  CHECK(verdict(with("revision", "2147483648")) ==
        "/revision type: revision must be an integer from -2147483648 to 2147483647, not "
        "2147483648\n");
  CHECK(verdict(with("weight_grams", "-5")) ==
        "/weight_grams type: weight_grams must be an integer from 0 to 4294967295, not -5\n");
  CHECK(verdict(with("revision", "1.0")) ==
        "/revision type: revision must be an integer from -2147483648 to 2147483647, not 1.0\n");
  CHECK(verdict(with("revision", "1e2")) ==
        "/revision type: revision must be an integer from -2147483648 to 2147483647, not 1e2\n");
  CHECK(verdict(with("reference", "9223372036854775808")) ==
        "/reference type: reference must be an integer from -9223372036854775808 to "
        "9223372036854775807, not 9223372036854775808\n");
  CHECK(verdict(with("discount", "1e999")) ==
        "/discount type: discount must be a finite number, not 1e999\n");
  CHECK(verdict(with("discount", "\"0.5\"")) ==
        "/discount type: discount must be a finite number, not a string\n");
  CHECK(verdict(with("counters", R"({"views":1.5})")) ==
        "/counters/views type: each member of counters must be an integer from "
        "-9223372036854775808 to 9223372036854775807, not 1.5\n"
        "/counters min_properties: counters has 0 members; at least 1 are required\n");
  CHECK(verdict(with("grid", "[[1,70000,2]]")) ==
        "/grid/0/1 type: each element of grid must be an integer from -32768 to 32767, not "
        "70000\n");
}

TEST_CASE("a number that does not fit leaves no element or entry behind", "[generic]") {
  auto decoded = decode<shop::order>(with("grid", "[[1,70000,2],[3]]"));
  CHECK(decoded.value.grid == std::vector<std::vector<std::int16_t>>{{1, 2}, {3}});
  auto in_map = decode<shop::order>(with("counters", R"({"a":1.5,"b":2})"));
  CHECK(in_map.value.counters == std::map<std::string, std::int64_t>{{"b", 2}});
}

namespace {
// The widths shop::order leaves out: the extremes of uint64_t, float's narrower range, and the
// 8- and 16-bit integers.
struct widths {
  std::uint64_t big = 0;
  float ratio = 0;
  std::int8_t tiny = 0;
  std::uint8_t byte = 0;
  std::int16_t small = 0;
};
BOOST_DESCRIBE_STRUCT(widths, (), (big, ratio, tiny, byte, small))

std::string widths_verdict(std::string_view text) {
  return problems_of(decode<widths>(text).violations);
}
}  // namespace

TEST_CASE("uint64_t takes 0 to 18446744073709551615 exactly and refuses the rest by range",
          "[generic]") {
  auto decoded = decode<widths>(R"({"big":18446744073709551615})");
  REQUIRE(decoded.valid());
  CHECK(decoded.value.big == std::numeric_limits<std::uint64_t>::max());
  CHECK(widths_verdict(R"({"big":18446744073709551616})") ==
        "/big type: big must be an integer from 0 to 18446744073709551615, not "
        "18446744073709551616\n");
  CHECK(widths_verdict(R"({"big":-1})") ==
        "/big type: big must be an integer from 0 to 18446744073709551615, not -1\n");
}

TEST_CASE("float takes what it can hold and refuses a number beyond its range", "[generic]") {
  auto decoded = decode<widths>(R"({"ratio":1.5})");
  REQUIRE(decoded.valid());
  CHECK(decoded.value.ratio == 1.5f);
  // 1e39 is a finite double but above FLT_MAX (about 3.4e38); converting it to float is undefined
  // behaviour ([conv.double]: https://eel.is/c++draft/conv.double), infinity in practice.
  for (const std::string_view beyond : {"1e39", "-1e39", "3.5e38"}) {
    CAPTURE(beyond);
    auto refused = decode<widths>(R"({"ratio":)" + std::string(beyond) + "}");
    CHECK(problems_of(refused.violations) ==
          "/ratio type: ratio must be a finite number within "
          "float's range, not " +
              std::string(beyond) + "\n");
    CHECK(refused.value.ratio == 0);  // left as it was, not infinity
  }
  CHECK(decode<widths>(R"({"ratio":3.4e38})").valid());
}

TEST_CASE("8- and 16-bit integers land at their limits and refuse one past them", "[generic]") {
  auto decoded = decode<widths>(R"({"tiny":-128,"byte":255,"small":-32768})");
  REQUIRE(decoded.valid());
  CHECK(decoded.value.tiny == -128);
  CHECK(decoded.value.byte == 255);
  CHECK(decoded.value.small == -32768);
  decoded = decode<widths>(R"({"tiny":127,"byte":0,"small":32767})");
  REQUIRE(decoded.valid());
  CHECK(decoded.value.tiny == 127);
  CHECK(decoded.value.byte == 0);
  CHECK(decoded.value.small == 32767);
  CHECK(widths_verdict(R"({"tiny":-129,"byte":256,"small":32768})") ==
        "/tiny type: tiny must be an integer from -128 to 127, not -129\n"
        "/byte type: byte must be an integer from 0 to 255, not 256\n"
        "/small type: small must be an integer from -32768 to 32767, not 32768\n");
  CHECK(widths_verdict(R"({"tiny":128,"byte":-1,"small":-32769})") ==
        "/tiny type: tiny must be an integer from -128 to 127, not 128\n"
        "/byte type: byte must be an integer from 0 to 255, not -1\n"
        "/small type: small must be an integer from -32768 to 32767, not -32769\n");
}

TEST_CASE("every rule violation is reported at its JSON Pointer", "[generic]") {
  CHECK(verdict(with("revision", "-1")) == "/revision minimum: revision is -1; the minimum is 0\n");
  CHECK(verdict(with("weight_grams", "1251")) ==
        "/weight_grams multiple_of: weight_grams is 1251; it must be a multiple of 5\n");
  CHECK(verdict(with("weight_grams", "50005")) ==
        "/weight_grams maximum: weight_grams is 50005; the maximum is 50000\n");
  CHECK(verdict(with("discount", "1")) ==
        "/discount maximum: discount is 1; it must be less than 1\n");
  CHECK(verdict(with("tip", "-0.01")) == "/tip minimum: tip is -0.01; the minimum is 0\n");
  CHECK(verdict(with("tip", "null")).empty());
  CHECK(verdict(with("lines", "[]")) ==
        "/lines min_items: lines has 0 elements; at least 1 are required\n");
  CHECK(verdict(with("lines", R"([{"sku":"","quantity":0,"unit_price":0}])")) ==
        "/lines/0/sku required: sku is required\n"
        "/lines/0/quantity minimum: quantity is 0; the minimum is 1\n"
        "/lines/0/unit_price minimum: unit_price is 0; it must be greater than 0\n");
  CHECK(verdict(with("tags", R"({"a":"1","b":"2","c":"3","d":"4","e":"5"})")) ==
        "/tags max_properties: tags has 5 members; at most 4 are allowed\n");
  CHECK(verdict(with("tags", R"({"x/y":"a\u0001"})")) ==
        "/tags/x~1y format: tags contains a control character, which no text member of the "
        "service accepts\n");
  CHECK(verdict(with("counters", "{}")) ==
        "/counters min_properties: counters has 0 members; at least 1 are required\n");
  CHECK(verdict(with("grid", "[[],[],[],[],[]]")) ==
        "/grid max_items: grid has 5 elements; at most 4 are allowed\n");
  CHECK(verdict(with("tags", R"({"k":"a","k":"b"})")) ==
        "/tags/k duplicate_key: member \"k\" appears more than once; the first one is kept\n");
}

TEST_CASE("bounds compare exactly, without rounding through double", "[generic][rules]") {
  using detail::compare_exactly;
  CHECK(compare_exactly(std::int64_t{9'007'199'254'740'993}, 9007199254740992.0) == 1);
  CHECK(compare_exactly(9007199254740992.0, std::int64_t{9'007'199'254'740'993}) == -1);
  CHECK(compare_exactly(std::numeric_limits<std::uint64_t>::max(), 18446744073709551616.0) == -1);
  CHECK(compare_exactly(-0.5, std::int64_t{0}) == -1);
  CHECK(compare_exactly(-1.5, std::int64_t{-1}) == -1);
  CHECK(compare_exactly(0.5, std::uint64_t{0}) == 1);
  CHECK(compare_exactly(std::int64_t{-1}, std::uint64_t{0}) == -1);
  CHECK(compare_exactly(std::nan(""), 1) == 2);

  struct big {
    std::int64_t n = 0;
  };
  report out;
  validation_context<no_environment> ctx(no_environment{}, out);
  ctx.enter("n");
  rules::maximum{std::int64_t{9'007'199'254'740'992}}.check(std::int64_t{9'007'199'254'740'993},
                                                            ctx);
  REQUIRE(out.items().size() == 1);
  CHECK(out.items()[0].message == "n is 9007199254740993; the maximum is 9007199254740992");
}

TEST_CASE("unique_items finds the first repeated element, in short and long arrays",
          "[generic][rules]") {
  report out;
  validation_context<no_environment> ctx(no_environment{}, out);
  ctx.enter("ids");
  rules::unique_items.check(std::vector<int>{4, 1, 2, 1}, ctx);
  std::vector<int> long_one(1000);
  for (int i = 0; i < 1000; ++i)
    long_one[static_cast<std::size_t>(i)] = i;
  long_one[700] = 3;
  long_one[900] = 3;
  rules::unique_items.check(long_one, ctx);
  rules::unique_items.check(std::optional<std::vector<int>>{}, ctx);
  REQUIRE(out.items().size() == 2);
  CHECK(out.items()[0].message == "ids has equal elements at 1 and 3; each element must be unique");
  CHECK(out.items()[1].message ==
        "ids has equal elements at 3 and 700; each element must be unique");
}

TEST_CASE("non-finite numbers are refused by encode and by validate", "[generic]") {
  auto decoded = decode<shop::order>(valid_order);
  shop::order o = decoded.value;
  o.tip = std::numeric_limits<double>::quiet_NaN();
  o.lines.at(0).unit_price = std::numeric_limits<double>::infinity();
  report problems;
  std::string buffer = "kept";
  CHECK_FALSE(encode_to(buffer, o, problems));
  CHECK(buffer == "kept");
  CHECK(problems_of(problems) ==
        "/tip type: NaN cannot be written as JSON (RFC 8259 has no such number)\n"
        "/lines/0/unit_price type: an infinite number cannot be written as JSON (RFC 8259 has no "
        "such number)\n");
  CHECK_FALSE(encode(o, problems).has_value());
  CHECK(problems_of(validate(o)) ==
        "/tip type: tip must be a finite number; JSON cannot carry NaN\n"
        "/lines/0/unit_price type: unit_price must be a finite number; JSON cannot carry an "
        "infinite number\n");
}

TEST_CASE("floating point encodes in the shortest text that reads back the same", "[generic]") {
  shop::line_item item{"x", 1, 0.1};
  report problems;
  CHECK(encode(item, problems) == R"({"sku":"x","quantity":1,"unit_price":0.1})");
  item.unit_price = 1e300;
  CHECK(encode(item, problems) == R"({"sku":"x","quantity":1,"unit_price":1e+300})");
  item.unit_price = 5e-324;
  const auto text = encode(item, problems).value();
  CHECK(decode<shop::line_item>(text).value.unit_price == 5e-324);
}

namespace {
struct inventory {
  std::unordered_map<std::string, std::vector<std::uint8_t>> bins;
};
BOOST_DESCRIBE_STRUCT(inventory, (), (bins))
}  // namespace

TEST_CASE("unordered maps decode and encode as objects", "[generic]") {
  auto decoded = decode<inventory>(R"({"bins":{"a":[1,255],"b":[]}})");
  REQUIRE(decoded.valid());
  CHECK(decoded.value.bins.at("a") == std::vector<std::uint8_t>{1, 255});
  CHECK(decode<inventory>(R"({"bins":{"a":[256]}})").violations.items().at(0).path == "/bins/a/0");
  inventory one;
  one.bins["k"] = {7};
  CHECK(encode(one) == R"({"bins":{"k":[7]}})");
}

TEST_CASE("the schema states integer ranges, numeric bounds, maps and counts",
          "[generic][schema]") {
  const boost::json::object schema = json_schema<shop::order>();
  const auto& order = schema.at("$defs").at("order").at("properties").as_object();
  CHECK(boost::json::serialize(order.at("weight_grams")) ==
        R"({"type":"integer","minimum":0,"maximum":50000,"multipleOf":5})");
  CHECK(boost::json::serialize(order.at("reference")) ==
        R"({"type":"integer","minimum":-9223372036854775808,"maximum":9223372036854775807})");
  CHECK(boost::json::serialize(order.at("discount")) ==
        R"({"type":"number","minimum":0,"exclusiveMaximum":1})");
  CHECK(boost::json::serialize(order.at("counters")) ==
        R"({"type":["object","null"],"additionalProperties":{"type":"integer",)"
        R"("minimum":-9223372036854775808,"maximum":9223372036854775807},"minProperties":1})");
  CHECK(boost::json::serialize(order.at("grid")) ==
        R"({"type":"array","items":{"type":"array","items":{"type":"integer","minimum":-32768,)"
        R"("maximum":32767}},"maxItems":4})");
}

}  // namespace core_generic_struct_test

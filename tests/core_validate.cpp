#include <partner_center/core/validate.hpp>

#include <boost/describe/class.hpp>
#include <catch2/catch_test_macros.hpp>

#include <optional>
#include <string>
#include <vector>

namespace core_validate_test {

// The generic walk on structs of its own, so core is tested without Partner Center.
namespace shop {

struct Item {
  std::optional<std::string> sku;
};
BOOST_DESCRIBE_STRUCT(Item, (), (sku))

struct Order {
  std::optional<std::string> reference;
  std::optional<std::vector<Item>> items;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(Order, (), (reference, items, note))

struct environment {
  bool reference_needed;
};

constexpr auto partner_center_rules(partner_center::type<Item>) {
  using namespace partner_center::rules;
  return table(field<&Item::sku>(required, max_length{4}));
}

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::reference>(
      required_if<environment>{{"for this shop", "", [](const environment& e) noexcept {
                                  return e.reference_needed;
                                }}}));
}

}  // namespace shop

using namespace partner_center;

TEST_CASE("the walk applies every struct's table with array indices in paths", "[validate]") {
  shop::Order order;
  order.items = std::vector<shop::Item>(3);
  (*order.items)[0].sku = "A1";
  (*order.items)[2].sku = "TOO-LONG";
  report out;
  CHECK_FALSE(validate(order, shop::environment{true}, out));
  REQUIRE(out.size() == 3);
  CHECK(out[0].path == "/reference");
  CHECK(out[0].message == "reference is required for this shop");
  CHECK(out[1].path == "/items/1/sku");
  CHECK(out[1].code == violation_code::required);
  CHECK(out[2].path == "/items/2/sku");
  CHECK(out[2].code == violation_code::max_length);

  report relaxed;
  order.items->resize(1);
  CHECK(validate(order, shop::environment{false}, relaxed));
  CHECK(relaxed.empty());
}

TEST_CASE("text members may not hold control characters", "[validate]") {
  shop::Order order;
  order.note = std::string("line\0two", 8);
  report out;
  validate(order, shop::environment{false}, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].path == "/note");
  CHECK(out[0].code == violation_code::format);
}

TEST_CASE("validate returns true when only warnings were already there", "[validate]") {
  report out;
  out.add("/x", violation_code::unknown_field, "w", severity::warning);
  CHECK(validate(shop::Order{}, shop::environment{false}, out));
  CHECK(out.valid());
}

}  // namespace core_validate_test

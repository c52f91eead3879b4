#pragma once

// A user's own struct, not a Partner Center resource: every kind of member the core supports,
// with numeric and count rules. Shared by the generic-core tests and the ajv cross-check tool.

#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shop {

BOOST_DEFINE_ENUM_CLASS(priority, low, normal, urgent)

struct line_item {
  std::string sku;
  std::int32_t quantity = 0;
  double unit_price = 0;
};
BOOST_DESCRIBE_STRUCT(line_item, (), (sku, quantity, unit_price))

struct order {
  std::int32_t revision = 0;
  std::int64_t reference = 0;
  std::uint32_t weight_grams = 0;
  double discount = 0;
  std::optional<double> tip;
  bool gift = false;
  priority urgency = priority::normal;
  std::vector<line_item> lines;
  std::map<std::string, std::string> tags;
  std::optional<std::map<std::string, std::int64_t>> counters;
  std::vector<std::vector<std::int16_t>> grid;
};
BOOST_DESCRIBE_STRUCT(order, (),
                      (revision, reference, weight_grams, discount, tip, gift, urgency, lines, tags,
                       counters, grid))

constexpr auto partner_center_rules(partner_center::type<line_item>) {
  using namespace partner_center::rules;
  return table(field<&line_item::sku>(required, max_length{12}),
               field<&line_item::quantity>(minimum{1}, maximum{1000}),
               field<&line_item::unit_price>(exclusive_minimum{0}));
}

constexpr auto partner_center_rules(partner_center::type<order>) {
  using namespace partner_center::rules;
  return table(field<&order::revision>(minimum{0}),
               field<&order::weight_grams>(multiple_of{5u}, maximum{50'000u}),
               field<&order::discount>(minimum{0}, exclusive_maximum{1}),
               field<&order::tip>(minimum{0.0}), field<&order::lines>(min_items{1}, max_items{3}),
               field<&order::tags>(max_properties{4}), field<&order::counters>(min_properties{1}),
               field<&order::grid>(max_items{4}));
}

static_assert(partner_center::has_rules_v<order>);
static_assert(partner_center::has_rules_v<line_item>);

}  // namespace shop

// Must not compile: min_properties on an array member; arrays have items, not properties.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <vector>

struct Order {
  std::vector<int> ids;
};
BOOST_DESCRIBE_STRUCT(Order, (), (ids))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::ids>(min_properties{1}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

// Must not compile: max_length on an integer member would never fire.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

struct Order {
  int quantity = 0;
};
BOOST_DESCRIBE_STRUCT(Order, (), (quantity))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::quantity>(max_length{1}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

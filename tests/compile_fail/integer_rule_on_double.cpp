// Must not compile: multiple_of on a double member; a step on a fraction is not checked exactly.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

struct Order {
  double ratio = 0;
};
BOOST_DESCRIBE_STRUCT(Order, (), (ratio))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::ratio>(multiple_of{5}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

// Must not compile: min_items on a struct member counts nothing.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

struct Address {
  int zip = 0;
};
BOOST_DESCRIBE_STRUCT(Address, (), (zip))

struct Order {
  Address address;
};
BOOST_DESCRIBE_STRUCT(Order, (), (address))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::address>(min_items{1}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

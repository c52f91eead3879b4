// Must not compile: multiple_of on a text member divides nothing.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <string>

struct Order {
  std::string code;
};
BOOST_DESCRIBE_STRUCT(Order, (), (code))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::code>(multiple_of{5}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

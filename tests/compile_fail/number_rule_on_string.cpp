// Must not compile: minimum on a text member compares nothing.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <string>

struct Order {
  std::string code;
};
BOOST_DESCRIBE_STRUCT(Order, (), (code))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::code>(minimum{1}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

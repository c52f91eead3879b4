// Must not compile: max_properties on a text member counts nothing.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

struct Order {
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(Order, (), (note))

constexpr auto partner_center_rules(partner_center::type<Order>) {
  using namespace partner_center::rules;
  return table(field<&Order::note>(max_properties{4}));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Order>())>;
}

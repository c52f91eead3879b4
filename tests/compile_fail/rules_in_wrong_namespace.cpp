// Must not compile: the rules function is written in the global namespace, not in shop, where
// argument-dependent lookup for partner_center_rules(type<shop::Order>) looks, so it is never
// found; has_rules_v says so and the project's own static_assert stops the build (README, "Your
// own structs").
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace shop {
struct Order {
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(Order, (), (note))
}  // namespace shop

constexpr auto partner_center_rules(partner_center::type<shop::Order>) {
  using namespace partner_center::rules;
  return table(field<&shop::Order::note>(max_length{20}));
}

static_assert(partner_center::has_rules_v<shop::Order>);

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<shop::Order>())>;
}

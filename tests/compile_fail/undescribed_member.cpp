// Must not compile: a rule on a member that BOOST_DESCRIBE_STRUCT does not list could never run.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

struct Contact {
  std::optional<std::string> name;
  std::optional<std::string> phone;  // not described below
};
BOOST_DESCRIBE_STRUCT(Contact, (), (name))

constexpr auto partner_center_rules(partner_center::type<Contact>) {
  using namespace partner_center::rules;
  return table(field<&Contact::phone>(required));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Contact>())>;
}

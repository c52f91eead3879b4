// Must not compile: rules attach to data members only.
#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

struct Contact {
  std::optional<std::string> name;
  std::string display() const { return name.value_or(""); }
};
BOOST_DESCRIBE_STRUCT(Contact, (), (name))

constexpr auto partner_center_rules(partner_center::type<Contact>) {
  using namespace partner_center::rules;
  return table(field<&Contact::display>(required));
}

int main() {
  return std::tuple_size_v<decltype(partner_center::rules_table<Contact>())>;
}

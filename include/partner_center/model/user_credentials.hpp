#pragma once

// The new tenant's first administrator, as a create response returns it. The password is a
// secret: the library never prints it (see the rest layer's redaction).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/rules.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace partner_center::model {

struct UserCredentials {
  std::optional<std::string> userName;
  std::optional<std::string> password;
};
BOOST_DESCRIBE_STRUCT(UserCredentials, (), (userName, password))

// In a create request: the service generates the password, and rejects one that is sent
// (Create a customer: "If passing userCredentials password isn't accepted",
// https://learn.microsoft.com/partner-center/developer/create-a-customer).
constexpr auto partner_center_rules(type<UserCredentials>) {
  using namespace partner_center::rules;
  return table(field<&UserCredentials::password>(
      forbidden_rule{"the service generates the administrator's password and does not accept "
                     "one in a create request"}));
}

}  // namespace partner_center::model

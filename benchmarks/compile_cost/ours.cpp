// Decode, validate and encode a Customer with the umbrella header.
#include <partner_center/partner_center.hpp>

#include <iostream>
#include <iterator>
#include <string>

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
  const auto checked = partner_center::model::validate_create_request_json(text);
  for (const auto& v : checked.violations)
    std::cout << v << '\n';
  std::cout << partner_center::encode(checked.value) << '\n';
  return checked.valid() ? 0 : 1;
}

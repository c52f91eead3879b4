#pragma once

// The documented create request and response (tests/data/), and a valid customer to build on.

#include <partner_center/core/decode.hpp>
#include <partner_center/model/customer.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace partner_center::test {

inline std::string read_test_data(const std::string& name) {
  std::ifstream in(std::string(PARTNER_CENTER_SOURCE_DIR) + "/tests/data/" + name,
                   std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open tests/data/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The body of the documented request (create-a-customer-for-an-indirect-reseller.md).
inline model::Customer documented_customer() {
  auto decoded = decode<model::Customer>(read_test_data("documented-request.json"));
  if (!decoded.complete)
    throw std::runtime_error("documented-request.json does not decode");
  return decoded.value;
}

inline constexpr const char* documented_reseller_id = "484e548c-f5f3-4528-93a9-c16c6373cb59";
inline constexpr const char* documented_request_id = "d628adbe-b7ee-412e-ac55-58f22b4ba2f4";
inline constexpr const char* documented_correlation_id = "0dd197a8-992c-44ca-aeae-21cd83494dce";

}  // namespace partner_center::test

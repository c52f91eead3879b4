#pragma once

// The payloads every row of the benchmark uses: the documented request (PascalCase, with
// nulls), the documented 201 response (camelCase), and a batch of varied documents.

#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const std::string& documented_request() {
  static const std::string text =
      read_file(PARTNER_CENTER_SOURCE_DIR "/tests/data/documented-request.json");
  return text;
}

inline const std::string& documented_response() {
  static const std::string text =
      read_file(PARTNER_CENTER_SOURCE_DIR "/tests/data/documented-response.json");
  return text;
}

// Upper-cases the first letter of every key, as the .NET SDK sends them.
inline std::string pascal_case_keys(std::string json) {
  for (std::size_t i = 1; i < json.size(); ++i) {
    if (json[i - 1] == '"' && (i < 2 || json[i - 2] == '{' || json[i - 2] == ',') &&
        json[i] >= 'a' && json[i] <= 'z') {
      json[i] = static_cast<char>(json[i] - 'a' + 'A');
    }
  }
  return json;
}

// Valid create requests across countries with and without per-country rules, of varied sizes;
// every other one with PascalCase keys.
inline std::vector<std::string> varied_documents(std::size_t count) {
  using namespace partner_center::model;
  struct market {
    const char* country;
    const char* culture;
    const char* state;
    const char* postal;
    const char* phone;
    const char* registration;
  };
  const market markets[] = {
      {"US", "en-US", "WA", "98052", "425-555-0101", nullptr},
      {"PT", "pt-PT", nullptr, "1000-001", nullptr, nullptr},
      {"DE", "de-DE", nullptr, "10115", nullptr, nullptr},
      {"RU", "ru-RU", nullptr, "101000", "+7 495 000 00 00", "7707083893"},
      {"FR", "fr-FR", nullptr, "75001", nullptr, nullptr},
  };
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const market& m = markets[i % std::size(markets)];
    const std::string n = std::to_string(i);
    Customer c;
    c.companyProfile.emplace();
    c.companyProfile->domain = "contoso" + n + ".onmicrosoft.com";
    if (m.registration)
      c.companyProfile->organizationRegistrationNumber = m.registration;
    auto& b = c.billingProfile.emplace();
    b.email = "billing" + n + "@contoso.example";
    b.culture = m.culture;
    b.language = std::string(m.culture, 2);
    b.companyName = "Contoso " + std::string(i % 40, 'x') + n;
    auto& a = b.defaultAddress.emplace();
    a.country = m.country;
    a.city = "City " + n;
    if (m.state)
      a.state = m.state;
    a.postalCode = m.postal;
    if (m.phone)
      a.phoneNumber = m.phone;
    a.addressLine1 = std::to_string(i % 997) + " Main Street" + std::string(i % 60, ' ') + ".";
    if (i % 3 == 0)
      a.addressLine2 = "Floor " + std::to_string(i % 50);
    a.firstName = "Gena";
    a.lastName = "Soto";
    c.associatedPartnerId = "484e548c-f5f3-4528-93a9-c16c6373cb59";
    std::string json = partner_center::encode(c);
    out.push_back(i % 2 == 0 ? json : pascal_case_keys(json));
  }
  return out;
}

}  // namespace bench

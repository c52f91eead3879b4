// A user's program, built by every consumer project (CMake package, add_subdirectory,
// FetchContent, pkg-config): decodes, validates and encodes a create request (Boost.JSON, PCRE2
// for the country patterns) and parses a base URL (Boost.URL), so each compiled library the
// headers need must be found and linked.
#include <partner_center/partner_center.hpp>
#include <partner_center/rest/base_url.hpp>

#include <cstdio>

int main() {
  const auto checked = partner_center::model::validate_create_request_json(R"({
    "companyProfile": {"domain": "contoso.onmicrosoft.com"},
    "billingProfile": {"email": "billing@contoso.com", "culture": "de-DE", "language": "de",
      "companyName": "Contoso", "defaultAddress": {"country": "DE", "city": "Berlin",
      "postalCode": "10115", "addressLine1": "Unter den Linden 1"}},
    "associatedPartnerId": "484e548c-f5f3-4528-93a9-c16c6373cb59"})");
  const std::string body = partner_center::encode(checked.value);
  std::printf("%s\n", body.c_str());

  const auto base =
      partner_center::rest::base_url::parse("https://api.partnercenter.microsoft.com/");
  const std::string endpoint = base ? std::string(base->endpoint({"customers"}).buffer()) : "";
  std::printf("%s\n", endpoint.c_str());

  return checked.valid() && body.starts_with(R"({"companyProfile":{"domain":"contoso)") &&
                 endpoint == "https://api.partnercenter.microsoft.com/v1/customers"
             ? 0
             : 1;
}

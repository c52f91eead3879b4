// A user's program: decode, validate and encode a create request through the installed or
// embedded library, so linking Boost.JSON and Boost.URL through the target is proven too.
#include <partner_center/partner_center.hpp>

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
  return checked.valid() && body.starts_with(R"({"companyProfile":{"domain":"contoso)") ? 0 : 1;
}

#pragma once

// pc-customer demo: the library's main job on the documented example. Validates the request of
// create-a-customer-for-an-indirect-reseller.md (PascalCase, nulls and all), shows every
// violation of a broken variant at once, and prints the canonical JSON that would be sent.

#include "report_output.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>

#include <ostream>
#include <string_view>

namespace pc_customer {

// The request body exactly as the Partner Center documentation shows it.
inline constexpr std::string_view documented_request = R"json({
    "Id": null,
    "CommerceId": null,
    "CompanyProfile": {
        "TenantId": null,
        "Domain": "WingtipToys678152504.onmicrosoft.com",
        "CompanyName": null,
        "Attributes": {
            "ObjectType": "CustomerCompanyProfile"
        }
    },
    "BillingProfile": {
        "Id": null,
        "FirstName": null,
        "LastName": null,
        "Email": "Gena@wingtiptoys.com",
        "Culture": "EN-US",
        "Language": "En",
        "CompanyName": "Wingtip Toys678152504",
        "DefaultAddress": {
            "Country": "US",
            "Region": null,
            "City": "Redmond",
            "State": "WA",
            "AddressLine1": "One Microsoft Way",
            "AddressLine2": null,
            "PostalCode": "98052",
            "FirstName": "Gena",
            "LastName": "Soto",
            "PhoneNumber": "4255550101"
        },
        "Attributes": {
            "ObjectType": "CustomerBillingProfile"
        }
    },
    "RelationshipToPartner": "none",
    "AllowDelegatedAccess": null,
    "UserCredentials": null,
    "CustomDomains": null,
    "AssociatedPartnerId": "484e548c-f5f3-4528-93a9-c16c6373cb59",
    "Attributes": {
        "ObjectType": "Customer"
    }
})json";

// The same request with the mistakes people make: a 31-character domain prefix with dashes, an
// email without '@', a state written out, "UK" for GB, a password, a shortened
// reseller id, and a misspelt member.
inline constexpr std::string_view broken_request = R"json({
    "Id": null,
    "CommerceId": null,
    "CompanyProfile": {
        "TenantId": null,
        "Domain": "Wingtip-Toys-678152504-Northwind.onmicrosoft.com",
        "CompanyName": null,
        "Attributes": {
            "ObjectType": "CustomerCompanyProfile"
        }
    },
    "BillingProfile": {
        "Id": null,
        "FirstName": null,
        "LastName": null,
        "Email": "Gena at wingtiptoys.com",
        "Culture": "EN-US",
        "Language": "En",
        "CompanyName": "Wingtip Toys678152504",
        "DefaultAddress": {
            "Country": "UK",
            "Region": null,
            "City": "Redmond",
            "State": "Washington",
            "AddressLine1": "One Microsoft Way",
            "AddressLine2": null,
            "PostalCode": "98052",
            "FirstName": "Gena",
            "LastName": "Soto",
            "PhoneNumber": "4255550101"
        },
        "Attributes": {
            "ObjectType": "CustomerBillingProfile"
        }
    },
    "RelationshipToPartner": "none",
    "AllowDelegatedAccess": null,
    "UserCredentials": {"UserName": "admin", "Password": "not-sent-back"},
    "CustomDomains": null,
    "CustomDomain": "wingtiptoys.com",
    "AssociatedPartnerId": "484e548c",
    "Attributes": {
        "ObjectType": "Customer"
    }
})json";

inline int run_demo(std::ostream& out) {
  using partner_center::model::validate_create_request_json;

  out << "1. The documented request (PascalCase, with nulls), checked offline:\n";
  const auto documented = validate_create_request_json(documented_request);
  print_text(out, {"documented-request.json", documented.violations, documented.complete});

  out << "\n2. The same request with seven mistakes: every violation at once, with its path:\n";
  const auto broken = validate_create_request_json(broken_request);
  print_text(out, {"broken-request.json", broken.violations, broken.complete});

  out << "\n3. The canonical JSON of the documented request (camelCase, nulls omitted):\n";
  out << partner_center::encode(documented.value) << '\n';
  return documented.valid() && !broken.valid() ? 0 : 1;
}

}  // namespace pc_customer

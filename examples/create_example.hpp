#pragma once

// What the create_with_* examples share: read or build a customer, then, with a token, run the
// pre-flight helper and the create through the example's transport; without one, print the
// request that would be sent, token redacted.
// Exit status: 0 created (or printed), 1 invalid or refused, 2 usage, transport or auth failure.

#include <partner_center/model/create_request.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/preflight.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace create_example {

namespace rest = partner_center::rest;
namespace model = partner_center::model;

namespace detail {

model::Customer customer_from_code() {
  model::Address address;
  address.firstName = "Gena";
  address.lastName = "Soto";
  address.addressLine1 = "One Microsoft Way";
  address.city = "Redmond";
  address.state = "WA";
  address.postalCode = "98052";
  address.country = "US";
  address.phoneNumber = "4255550101";
  model::CustomerBillingProfile billing;
  billing.email = "Gena@wingtiptoys.com";
  billing.culture = "en-US";
  billing.language = "en";
  billing.companyName = "Wingtip Toys";
  billing.defaultAddress = address;
  model::CustomerCompanyProfile company;
  company.domain = "WingtipToys678152504.onmicrosoft.com";
  model::Customer customer;
  customer.billingProfile = billing;
  customer.companyProfile = company;
  customer.associatedPartnerId = "484e548c-f5f3-4528-93a9-c16c6373cb59";
  return customer;
}

int usage(std::string_view program) {
  std::cerr << "usage: " << program << " [--base-url URL] [--reseller ID] [FILE]\n";
  return 2;
}

}  // namespace detail

// The whole program, for any transport: each example's main() names its own.
template <class Transport>
int run_create_example(std::string_view program, int argc, char** argv) {
  std::string base_url(rest::public_cloud_base_url);
  std::string reseller;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--base-url" || arg == "--reseller") && i + 1 < argc) {
      (arg == "--base-url" ? base_url : reseller) = argv[++i];
    } else if (!arg.starts_with("--") && file.empty()) {
      file = arg;
    } else {
      return detail::usage(program);
    }
  }

  model::Customer customer = detail::customer_from_code();
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << file << "\n";
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto checked = model::validate_create_request_json(text.str());
    if (!checked.complete) {
      for (const auto& v : checked.violations)
        std::cerr << file << ": " << v << "\n";
      return 1;
    }
    customer = std::move(checked.value);
  }

  auto base = rest::base_url::parse(base_url);  // https, or http for a loopback host only
  if (!base) {
    std::cerr << base.error() << "\n";
    return 2;
  }
  rest::client_options options;
  options.context.base_url = std::move(*base);
  options.context.token = rest::token_from_environment("PARTNER_CENTER_TOKEN");
  rest::create_options create;
  create.reseller_id = reseller;

  if (!options.context.token()) {
    auto text = rest::redacted_create_request(customer, create, base_url);
    if (!text) {
      std::cerr << text.error() << "\n";
      return 1;
    }
    std::cout << "PARTNER_CENTER_TOKEN is not set; this is the request that would be sent:\n"
              << *text << "\n";
    return 0;
  }

  rest::client client{Transport{}, options};
  const auto created = rest::create_customer_with_preflight(client, customer, create);
  if (!created) {
    std::cerr << created.error() << "\n";
    const auto& cause = created.error().cause;
    const bool ours = cause.kind == rest::failure_kind::transport || cause.is_authentication();
    return ours ? 2 : 1;
  }
  std::cout << rest::redacted_json(*created) << "\n";
  return 0;
}

}  // namespace create_example

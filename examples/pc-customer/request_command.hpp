#pragma once

// pc-customer request FILE [--reseller ID] [--base-url URL] [--direct] [--show-auth]
//                          [App+User options: auth_arguments.hpp]
// The HTTP request that `send` would make, with the bearer token shown as <redacted>. With
// --show-auth, first the token request that App+User would send to Entra ID, its form's
// credentials (refresh token, client secret, client assertion) shown as <redacted>. Nothing is
// sent.
// Exit status: 0 printed, 1 the document is not a valid create request, 2 usage or I/O error.

#include "auth_arguments.hpp"
#include "process_secrets.hpp"
#include "request_arguments.hpp"

#include <partner_center/auth/token_request.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <chrono>

#include <ostream>
#include <span>
#include <string_view>

namespace pc_customer {

// The token request App+User would send, redacted; false when the settings are unusable (said on
// `err`).
inline bool print_token_request(const request_arguments& arguments, std::ostream& out,
                                std::ostream& err) {
  namespace auth = partner_center::auth;
  std::string environment_token =
      take_from_environment("PARTNER_CENTER_TOKEN").value_or(std::string());
  const erase_on_exit erase_token(environment_token);
  if (!environment_token.empty()) {
    out << "# the bearer token comes from PARTNER_CENTER_TOKEN: there is no token request\n\n";
    return true;
  }
  const auto base = partner_center::rest::base_url::parse(arguments.base_url);
  if (!base)
    return true;  // the create request below says why
  auto setup = make_app_user_setup(arguments.auth, *base);
  if (!setup) {
    err << "pc-customer request: " << describe(setup.error()) << '\n';
    return false;
  }
  const auto refresh_token = setup->store->load();
  if (!refresh_token) {
    err << "pc-customer request: " << describe(refresh_token.error()) << '\n';
    return false;
  }
  auto request = auth::refresh_token_request(
      setup->options.request, *refresh_token,
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!request) {
    err << "pc-customer request: " << describe(request.error()) << '\n';
    return false;
  }
  out << "# the token request (App+User), its credentials redacted\n"
      << auth::redacted_token_request(*request) << "\n\n";
  partner_center::rest::secure_erase(request->body);
  return true;
}

inline int run_request(std::span<const std::string_view> args, std::ostream& out,
                       std::ostream& err) {
  const auto arguments = parse_request_arguments("request", args, false, err);
  if (!arguments)
    return 2;
  int status = 0;
  const auto customer = read_customer(arguments->file, "request", out, err, status);
  if (!customer)
    return status;
  std::shared_ptr<const partner_center::model::country_rule_set> rules;
  if (!load_rules(*arguments, "request", rules, err, status))
    return status;
  if (arguments->show_auth && !print_token_request(*arguments, out, err))
    return 2;
  partner_center::rest::create_options options;
  options.reseller_id = arguments->reseller_id;
  options.request.countries = rules;
  if (arguments->direct)
    options.request.creation = partner_center::model::customer_creation::direct;
  const auto request =
      partner_center::rest::redacted_create_request(*customer, options, arguments->base_url);
  if (!request) {
    out << arguments->file << ": " << request.error() << '\n';
    return request.error().violations.empty() ? 2 : 1;
  }
  out << *request;
  if (!request->ends_with('\n'))
    out << '\n';
  return 0;
}

}  // namespace pc_customer

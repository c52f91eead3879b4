#pragma once

// pc-customer request FILE [--reseller ID] [--base-url URL] [--direct]: the HTTP request that
// `send` would make, with the bearer token shown as <redacted>. Nothing is sent.
// Exit status: 0 printed, 1 the document is not a valid create request, 2 usage or I/O error.

#include "request_arguments.hpp"

#include <partner_center/rest/customers.hpp>

#include <ostream>
#include <span>
#include <string_view>

namespace pc_customer {

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
  partner_center::rest::create_options options;
  options.countries = rules.get();
  if (arguments->direct)
    options.creation = partner_center::model::customer_creation::direct;
  const auto request = partner_center::rest::redacted_create_request(
      *customer, arguments->reseller_id, arguments->base_url, options);
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

#pragma once

// pc-customer send FILE [--reseller ID] [--base-url URL] [--direct]
//                       [--credentials-file PATH] [--ca-file PEM]
// Creates the customer through libcurl with the bearer token of PARTNER_CENTER_TOKEN. Prints the
// created customer as JSON, its admin password as "<redacted>"; --credentials-file writes the
// returned userCredentials to a new file of mode 0600, since the create answer is the only time
// the service returns the password. On failure prints the structured error as JSON.
// Exit status: 0 created; 1 invalid, or refused by the service; 2 usage, transport or
// authentication failure.

#include "report_output.hpp"
#include "request_arguments.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/credentials_file.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace pc_customer {

// {"error":{...}}: what failed, and the service's own words when it answered.
inline std::string failure_json(const partner_center::rest::failure& f) {
  using partner_center::detail::append_json_string;
  std::string out = "{\"error\":{\"kind\":";
  append_json_string(out, to_string(f.kind));
  out += ",\"message\":";
  append_json_string(out, f.message);
  out += ",\"attempts\":" + std::to_string(f.attempts);
  if (f.service) {
    const auto& s = *f.service;
    out += ",\"httpStatus\":" + std::to_string(s.http_status);
    out += ",\"code\":";
    append_json_string(out, s.code);
    out += ",\"description\":";
    append_json_string(out, s.description);
    out += ",\"data\":[";
    for (std::size_t i = 0; i < s.data.size(); ++i) {
      if (i > 0)
        out += ',';
      append_json_string(out, s.data[i]);
    }
    out += "],\"retryable\":";
    out += s.retryable() ? "true" : "false";
    if (s.retry_after)
      out += ",\"retryAfterSeconds\":" + std::to_string(s.retry_after->count());
    out += ",\"requestId\":";
    append_json_string(out, s.request_id);
  }
  if (!f.violations.empty()) {
    out += ",\"violations\":";
    append_violations_json(out, f.violations);
  }
  out += "}}";
  return out;
}

inline int exit_status_of(const partner_center::rest::failure& f) {
  using partner_center::rest::failure_kind;
  if (f.is_authentication())
    return 2;
  switch (f.kind) {
    case failure_kind::invalid_request:
      return f.violations.empty() ? 2 : 1;  // no violations: a header, id or URL problem
    case failure_kind::service:
    case failure_kind::precondition:
      return 1;
    case failure_kind::transport:
    case failure_kind::unexpected_response:
      return 2;
  }
  return 2;
}

inline int run_send(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  namespace rest = partner_center::rest;
  const auto arguments = parse_request_arguments("send", args, true, err);
  if (!arguments)
    return 2;
  // Refuse before sending: after the create, a file that cannot be written would leave the only
  // copy of the password in nobody's hands.
  if (!arguments->credentials_file.empty()) {
    std::error_code ec;
    if (std::filesystem::symlink_status(arguments->credentials_file, ec).type() !=
        std::filesystem::file_type::not_found) {
      err << "pc-customer send: " << arguments->credentials_file
          << " exists; the credentials file is never overwritten\n";
      return 2;
    }
  }
  auto base = rest::base_url::parse(arguments->base_url);
  if (!base) {
    err << "pc-customer send: " << base.error() << '\n';
    return 2;
  }
  int status = 0;
  const auto customer = read_customer(arguments->file, "send", out, err, status);
  if (!customer)
    return status;

  partner_center::transports::curl_options transport_options;
  transport_options.ca_file = arguments->ca_file;
  rest::client_options options;
  options.context.base_url = std::move(*base);
  options.context.token = rest::token_from_environment("PARTNER_CENTER_TOKEN");
  rest::client client(partner_center::transports::curl_transport(transport_options),
                      std::move(options));
  std::shared_ptr<const partner_center::model::country_rule_set> rules;
  if (!load_rules(*arguments, "send", rules, err, status))
    return status;
  rest::create_options create;
  create.countries = rules.get();
  create.reseller_id = arguments->reseller_id;
  if (arguments->direct)
    create.creation = partner_center::model::customer_creation::direct;

  const auto created = client.create_customer(*customer, create);
  if (!created) {
    out << failure_json(created.error()) << '\n';
    if (created.error().token_unavailable) {
      err << "pc-customer send: PARTNER_CENTER_TOKEN is not set\n";
    }
    return exit_status_of(created.error());
  }
  if (!arguments->credentials_file.empty()) {
    if (!created->userCredentials) {
      err << "pc-customer send: the answer has no userCredentials; " << arguments->credentials_file
          << " was not written\n";
    } else if (auto written = rest::write_credentials_file(arguments->credentials_file,
                                                           *created->userCredentials);
               !written) {
      err << "pc-customer send: cannot write " << arguments->credentials_file << ": "
          << written.error().message() << '\n';
      out << rest::redacted_json(*created) << '\n';
      return 2;
    }
  }
  out << rest::redacted_json(*created) << '\n';
  return 0;
}

}  // namespace pc_customer

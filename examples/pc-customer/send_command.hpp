#pragma once

// pc-customer send FILE [--reseller ID] [--base-url URL] [--direct]
//                       [--credentials-file PATH] [--ca-file PEM] [--request-id GUID]
//                       [App+User options: auth_arguments.hpp]
// Creates the customer through libcurl with the bearer token of PARTNER_CENTER_TOKEN (taken out
// of the environment at start) or, when it is not set, an App+User token got first from the
// refresh token in --refresh-token-file: a dead refresh token, a sign-in without MFA or a refused
// client credential stops it before anything is sent, and a 401 from Partner Center gets one more
// attempt with a new token. Prints the MS-RequestId on standard error before sending, the
// created customer as JSON with its admin password as "<redacted>"; --credentials-file reserves
// a new file of mode 0600 before sending and writes the returned userCredentials into it, since
// the create answer is the only time the service returns the password. On failure prints the
// structured error as JSON and, when the create may have reached the service, how to repeat it
// with --request-id without creating a second customer.
// Exit status: 0 created; 1 invalid, or refused by the service; 2 usage, transport or
// authentication failure.

#include "process_secrets.hpp"
#include "report_output.hpp"
#include "request_arguments.hpp"
#include "send_batch_command.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/core/json_string.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/credentials_file.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/secure_erase.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace pc_customer {

// {"error":{...}}: what failed, and the service's own words when it answered.
inline std::string failure_json(const partner_center::rest::failure& f) {
  using partner_center::append_json_string;
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

// After a failure that leaves the outcome unknown, the way to finish the job without a second
// customer: the same MS-RequestId. Partner Center treats a create repeated with the request id
// of an earlier one as that one ("Partner Center REST request and response headers", Microsoft
// Learn: "If there's a timeout, the retry call should include the same value"). Unknown: no
// usable answer, or a throttled or failing service (429, 5xx) when the attempts ran out. Any
// other error answer (400, 409, ...) is the service saying no: nothing was created, and the same
// request would be refused again, as the batch creator journals it (`refused`).
inline bool may_have_been_created(const partner_center::rest::failure& f) {
  using partner_center::rest::failure_kind;
  if (f.kind == failure_kind::transport || f.kind == failure_kind::unexpected_response)
    return true;
  return f.kind == failure_kind::service && !f.is_authentication() &&
         (!f.service || f.service->retryable());
}

inline int run_send(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  namespace rest = partner_center::rest;
  refuse_core_dumps();
  // Out of the environment at once, whatever happens next: no child inherits it, and
  // /proc/PID/environ no longer shows it.
  std::string token = take_from_environment("PARTNER_CENTER_TOKEN").value_or(std::string());
  const erase_on_exit erase_token(token);

  for (const std::string_view arg : args) {
    if (arg == "--ndjson")
      return run_send_batch(args, std::move(token), out, err);
  }
  const auto arguments = parse_request_arguments("send", args, true, err);
  if (!arguments)
    return 2;
  auto base = rest::base_url::parse(arguments->base_url);
  if (!base) {
    err << "pc-customer send: " << base.error() << '\n';
    return 2;
  }
  int status = 0;
  const auto customer = read_customer(arguments->file, "send", out, err, status);
  if (!customer)
    return status;
  std::shared_ptr<const partner_center::model::country_rule_set> rules;
  if (!load_rules(*arguments, "send", rules, err, status))
    return status;
  const auto source = sending_token_source(std::move(token), arguments->auth, *base, "send", err);
  if (!source)
    return 2;
  // Reserved before sending: the create answer is the only time the service returns the
  // password, so a path that cannot take it must be found while nothing has happened yet. An
  // unused reservation is removed when `credentials` goes away.
  std::optional<rest::credentials_file> credentials;
  if (!arguments->credentials_file.empty()) {
    auto reserved = rest::credentials_file::reserve(arguments->credentials_file);
    if (!reserved) {
      err << "pc-customer send: cannot create the credentials file " << arguments->credentials_file
          << ": " << reserved.error().message()
          << (reserved.error() == boost::system::errc::file_exists ? " (it is never overwritten)"
                                                                   : "")
          << "; nothing was sent\n";
      return 2;
    }
    credentials.emplace(std::move(*reserved));
  }
  rest::create_options create;
  create.request.countries = rules;
  create.reseller_id = arguments->reseller_id;
  if (arguments->direct)
    create.request.creation = partner_center::model::customer_creation::direct;
  create.ids.request_id = arguments->request_id.empty() ? rest::new_guid() : arguments->request_id;
  // The document is checked before a token is asked for: an exchange rotates the refresh token,
  // which an invalid document should not cost.
  const auto body = rest::create_request_body(*customer, create);
  if (!body) {
    out << failure_json(body.error()) << '\n';
    return exit_status_of(body.error());
  }
  // Then a token: whatever stops App+User stops it here, before the create.
  if (auto ready = source->ready(); !ready) {
    err << "pc-customer send: " << describe(ready.error()) << "; nothing was sent\n";
    return 2;
  }

  partner_center::transports::curl_options transport_options;
  transport_options.ca_file = arguments->ca_file;
  rest::client_options options;
  options.context.base_url = std::move(*base);
  source->fill(options.context);
  rest::client client(partner_center::transports::curl_transport(transport_options),
                      std::move(options));
  // Printed before anything is sent, so that even a killed run leaves the id to repeat it with.
  err << "pc-customer send: MS-RequestId " << create.ids.request_id << '\n';

  auto created = client.create_customer(*body, create.ids);
  if (!created) {
    out << failure_json(created.error()) << '\n';
    if (created.error().token_unavailable) {
      if (const auto why = source->last_failure())
        err << "pc-customer send: " << describe(*why) << '\n';
    }
    if (may_have_been_created(created.error())) {
      err << "pc-customer send: the customer may or may not have been created; run the same "
             "command again with --request-id "
          << create.ids.request_id << ": the service creates at most one customer per request id\n";
    }
    return exit_status_of(created.error());
  }
  int outcome = 0;
  if (credentials) {
    if (!created->userCredentials) {
      err << "pc-customer send: the answer has no userCredentials; " << arguments->credentials_file
          << " was not written\n";
    } else if (auto written = credentials->write(*created->userCredentials); !written) {
      err << "pc-customer send: cannot write " << arguments->credentials_file << ": "
          << written.error().message() << '\n';
      outcome = 2;
    }
  }
  out << rest::redacted_json(*created) << '\n';
  if (created->userCredentials && created->userCredentials->password)
    rest::secure_erase(*created->userCredentials->password);
  return outcome;
}

}  // namespace pc_customer

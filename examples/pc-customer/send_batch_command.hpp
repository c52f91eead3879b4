#pragma once

// pc-customer send --ndjson FILE --journal PATH --credentials-dir DIR [--concurrency N]
//                  [--rate PER_MINUTE] [--reseller ID] [--base-url URL] [--direct]
//                  [--country-rules PATH]... [--ca-file PEM]
// Creates one customer per line of FILE, exactly once each, across interruptions: the journal
// records every row's state before the next step acts on it, and running the same command again
// finishes the job (rows already settled are not sent again; rows planned or failed are sent
// again with the MS-RequestId they were planned with, which the service deduplicates). Each
// created customer's admin credentials go to DIR/<domain>.json (0600) before the row is journalled
// as created. A row's key is its line number and its domain.
// Standard output: one JSON line per row, in input order. Standard error: a progress line when it
// is a terminal, then a summary. SIGINT and SIGTERM stop taking rows; rows in flight finish.
// Exit status: 0 every row created (now or earlier), 1 some row invalid, refused or changed, 2
// usage, journal, credentials directory, transport or authentication trouble, or interrupted.

#include "auth_arguments.hpp"
#include "ndjson_reader.hpp"
#include "process_secrets.hpp"
#include "report_output.hpp"
#include "request_arguments.hpp"
#include "status_line.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/json_string.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/batch_create.hpp>
#include <partner_center/rest/batch_journal.hpp>
#include <partner_center/rest/credentials_sink.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace pc_customer {

struct batch_arguments {
  std::string ndjson;
  std::string journal;
  std::string credentials_dir;
  std::size_t concurrency = 4;
  double rate = partner_center::rest::default_create_rate_per_minute;
  std::string reseller_id;
  std::string base_url{partner_center::rest::public_cloud_base_url};
  bool direct = false;
  std::string ca_file;
  std::vector<std::string> country_rules;
  auth_arguments auth;  // App+User, when PARTNER_CENTER_TOKEN is not set
};

inline constexpr std::string_view batch_usage =
    "usage: pc-customer send --ndjson FILE --journal PATH --credentials-dir DIR\n"
    "                        [--concurrency N] [--rate PER_MINUTE] [--reseller ID]\n"
    "                        [--base-url URL] [--direct] [--country-rules PATH]...\n"
    "                        [--ca-file PEM]\n"
    "                        [--tenant TENANT --client-id ID [--client-secret-file PATH |\n"
    "                         --client-certificate PEM [--client-key PEM]]\n"
    "                         --refresh-token-file PATH [--authority URL]]\n";

inline std::optional<batch_arguments> parse_batch_arguments(std::span<const std::string_view> args,
                                                            std::ostream& err) {
  batch_arguments parsed;
  auto quoted = [](std::string_view value) {
    return "\"" + std::string(value) + "\"";
  };
  auto fail = [&](const std::string& why) -> std::optional<batch_arguments> {
    err << "pc-customer send: " << why << '\n' << batch_usage;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--direct") {
      parsed.direct = true;
      continue;
    }
    switch (take_auth_option(args, i, parsed.auth)) {
      case auth_option::taken:
        continue;
      case auth_option::missing_value:
        return fail(std::string(arg) + " needs a value");
      case auth_option::none:
        break;
    }
    const bool known = arg == "--ndjson" || arg == "--journal" || arg == "--credentials-dir" ||
                       arg == "--concurrency" || arg == "--rate" || arg == "--reseller" ||
                       arg == "--base-url" || arg == "--country-rules" || arg == "--ca-file";
    if (!known)
      return fail(arg.starts_with('-')
                      ? "unknown option " + std::string(arg)
                      : "--ndjson takes its file as the option's value, not " + quoted(arg));
    if (i + 1 == args.size())
      return fail(std::string(arg) + " needs a value");
    const std::string value(args[++i]);
    if (arg == "--ndjson")
      parsed.ndjson = value;
    else if (arg == "--journal")
      parsed.journal = value;
    else if (arg == "--credentials-dir")
      parsed.credentials_dir = value;
    else if (arg == "--reseller")
      parsed.reseller_id = value;
    else if (arg == "--base-url")
      parsed.base_url = value;
    else if (arg == "--country-rules")
      parsed.country_rules.push_back(value);
    else if (arg == "--ca-file")
      parsed.ca_file = value;
    else if (arg == "--concurrency") {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || end != value.data() + value.size() || n < 1 || n > 64)
        return fail("--concurrency takes a whole number from 1 to 64, not " + quoted(value));
      parsed.concurrency = n;
    } else if (arg == "--rate") {
      double r = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), r);
      if (ec != std::errc{} || end != value.data() + value.size() || !(r > 0) || r > 100'000)
        return fail("--rate takes creates per minute, more than 0, not " + quoted(value));
      parsed.rate = r;
    }
  }
  if (parsed.ndjson.empty())
    return fail("--ndjson needs a file");
  if (parsed.journal.empty())
    return fail("--journal is required: it is what makes a re-run safe");
  // The create answer is the only time the service returns a password: a batch without a place
  // for them would lose every one.
  if (parsed.credentials_dir.empty())
    return fail("--credentials-dir is required: the created customers' passwords are kept there");
  return parsed;
}

// Reads every non-blank line as a row keyed "LINE:domain". A line that does not decode stays a
// row with its problems, so that it is reported (and journalled invalid), never silently dropped.
inline bool read_batch_rows(const std::string& file,
                            std::vector<partner_center::rest::batch_row>& rows, std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "pc-customer send: cannot open " << file << '\n';
    return false;
  }
  partner_center::decode_options options;
  ndjson_reader reader(in, options.max_document_size);
  std::vector<ndjson_line> batch;
  while (reader.next_batch(batch)) {
    for (const ndjson_line& line : batch) {
      partner_center::rest::batch_row row;
      if (line.too_long) {
        row.problems = line.limit_report();
      } else {
        auto decoded = partner_center::decode<partner_center::model::Customer>(line.text, options);
        row.customer = std::move(decoded.value);
        row.problems = std::move(decoded.violations);
      }
      std::string domain;
      if (row.customer.companyProfile && row.customer.companyProfile->domain)
        domain = *row.customer.companyProfile->domain;
      row.key = std::to_string(line.number) + ":" + domain;
      rows.push_back(std::move(row));
    }
  }
  if (in.bad()) {
    err << "pc-customer send: cannot read " << file << '\n';
    return false;
  }
  return true;
}

inline std::atomic<bool> batch_stop_requested{false};

extern "C" inline void request_batch_stop(int) {
  batch_stop_requested.store(true);
}

// "LINE:domain" back into its two parts for the output line.
inline std::pair<std::string_view, std::string_view> split_row_key(std::string_view key) {
  const auto colon = key.find(':');
  if (colon == std::string_view::npos)
    return {key, {}};
  return {key.substr(0, colon), key.substr(colon + 1)};
}

inline std::string row_json(const partner_center::rest::row_outcome& row) {
  using partner_center::append_json_string;
  const auto [line, domain] = split_row_key(row.key);
  std::string out = "{\"line\":";
  out += line;
  out += ",\"domain\":";
  append_json_string(out, domain);
  out += ",\"outcome\":";
  append_json_string(out, to_string(row.status));
  if (row.earlier)
    out += ",\"earlier\":true";
  if (!row.request_id.empty()) {
    out += ",\"requestId\":";
    append_json_string(out, row.request_id);
  }
  if (!row.customer_id.empty()) {
    out += ",\"customerId\":";
    append_json_string(out, row.customer_id);
  }
  if (!row.tenant_id.empty()) {
    out += ",\"tenantId\":";
    append_json_string(out, row.tenant_id);
  }
  if (!row.credentials.empty()) {
    out += ",\"credentialsFile\":";
    append_json_string(out, row.credentials);
  }
  if (row.http_status != 0)
    out += ",\"httpStatus\":" + std::to_string(row.http_status);
  if (!row.service_code.empty()) {
    out += ",\"code\":";
    append_json_string(out, row.service_code);
  }
  if (!row.message.empty()) {
    out += ",\"message\":";
    append_json_string(out, row.message);
  }
  if (!row.violations.empty()) {
    partner_center::report violations;
    for (const auto& v : row.violations)
      violations.add(v);
    out += ",\"violations\":";
    append_violations_json(out, violations);
  }
  out += '}';
  return out;
}

// done/total, counts, rate and time left, on a terminal only (status_line).
class batch_progress_line {
 public:
  void update(const partner_center::rest::batch_counts& c) {
    if (!line_.due(c.done == c.total))
      return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::size_t now_done = c.done - c.earlier;
    const double per_minute = seconds > 0 ? 60.0 * static_cast<double>(now_done) / seconds : 0;
    const double left =
        per_minute > 0 ? 60.0 * static_cast<double>(c.total - c.done) / per_minute : 0;
    char text[256];
    const int n =
        std::snprintf(text, sizeof text,
                      "%zu/%zu done: %zu created, %zu invalid, %zu refused, %zu failed; "
                      "%.0f/min, about %.0f s left",
                      c.done, c.total, c.created, c.invalid, c.refused, c.failed, per_minute, left);
    line_.show(std::string_view(text, n > 0 ? std::min<std::size_t>(n, sizeof text - 1) : 0));
  }

 private:
  status_line line_{std::chrono::milliseconds(0), std::chrono::milliseconds(200)};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

inline int run_send_batch(std::span<const std::string_view> args, std::string token,
                          std::ostream& out, std::ostream& err) {
  namespace rest = partner_center::rest;
  const erase_on_exit erase_token(token);
  const auto arguments = parse_batch_arguments(args, err);
  if (!arguments)
    return 2;
  auto base = rest::base_url::parse(arguments->base_url);
  if (!base) {
    err << "pc-customer send: " << base.error() << '\n';
    return 2;
  }
  request_arguments for_rules;
  for_rules.country_rules = arguments->country_rules;
  std::shared_ptr<const partner_center::model::country_rule_set> rules;
  int status = 0;
  if (!load_rules(for_rules, "send", rules, err, status))
    return status;
  const auto source = sending_token_source(std::move(token), arguments->auth, *base, "send", err);
  if (!source)
    return 2;
  std::vector<rest::batch_row> rows;
  if (!read_batch_rows(arguments->ndjson, rows, err))
    return 2;
  auto journal = rest::file_journal::open(arguments->journal);
  if (!journal) {
    // The message names the file, and the line when the trouble is in one.
    err << "pc-customer send: journal " << journal.error().message << '\n';
    return 2;
  }
  if (journal->torn_bytes() > 0)
    err << "pc-customer send: the journal's last " << journal->torn_bytes()
        << " bytes were a record cut short by an interruption; they are ignored\n";
  auto credentials = rest::credentials_directory::open(arguments->credentials_dir);
  if (!credentials) {
    err << "pc-customer send: credentials directory " << arguments->credentials_dir << ": "
        << credentials.error().message() << '\n';
    return 2;
  }

  // A token before the first row: whatever stops App+User (a dead refresh token, no MFA, a
  // refused secret) stops the batch here, before anything is planned or sent.
  if (auto ready = source->ready(); !ready) {
    err << "pc-customer send: " << describe(ready.error()) << "; nothing was sent\n";
    return 2;
  }

  rest::batch_options options;
  options.client.context.base_url = std::move(*base);
  source->fill(options.client.context);  // one provider for every worker: one refresh at a time
  options.create.reseller_id = arguments->reseller_id;
  options.create.request.countries = rules;
  if (arguments->direct)
    options.create.request.creation = partner_center::model::customer_creation::direct;
  options.concurrency = arguments->concurrency;
  options.limiter.per_minute = arguments->rate;
  batch_progress_line progress;
  options.on_progress = [&progress](const rest::batch_progress& p) {
    progress.update(p.counts);
  };
  batch_stop_requested.store(false);
  options.stop = &batch_stop_requested;
  std::signal(SIGINT, &request_batch_stop);
  std::signal(SIGTERM, &request_batch_stop);

  partner_center::transports::curl_options transport_options;
  transport_options.ca_file = arguments->ca_file;
  const auto ran = rest::create_customers(
      rows, *journal, *credentials,
      [&transport_options] {
        return partner_center::transports::curl_transport(transport_options);
      },
      options);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!ran) {
    err << "pc-customer send: " << ran.error().summary() << '\n';
    return 2;
  }
  const rest::batch_summary& summary = *ran;
  for (const auto& row : summary.rows)
    out << row_json(row) << '\n';
  out.flush();

  const auto& c = summary.counts;
  err << "pc-customer send: " << c.total << " rows: " << c.created << " created (" << c.earlier
      << " by an earlier run), " << c.invalid << " invalid, " << c.refused << " refused, "
      << c.failed << " failed, " << c.changed << " changed since planned\n";
  for (const auto& unknown : summary.unknown_rows)
    err << "pc-customer send: the journal has a row this input does not: " << unknown.row << " ("
        << to_string(unknown.state) << ")\n";
  if (summary.error) {
    err << "pc-customer send: stopped: " << summary.error->summary() << '\n';
    if (const auto why = source->last_failure())
      err << "pc-customer send: " << describe(*why) << '\n';
  }
  if (summary.stopped)
    err << "pc-customer send: interrupted; run the same command again to finish\n";
  if (c.failed > 0)
    err << "pc-customer send: rows that failed are sent again, with the same MS-RequestId, by "
           "running the same command again\n";

  if (summary.error || summary.stopped || c.failed > 0 || c.done < c.total)
    return 2;
  if (c.invalid > 0 || c.refused > 0 || c.changed > 0)
    return 1;
  return 0;
}

}  // namespace pc_customer

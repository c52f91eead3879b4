#pragma once

// Arguments shared by `pc-customer request` and `pc-customer send`, and reading the document.

#include "auth_arguments.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_rules_files.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/base_url.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pc_customer {

struct request_arguments {
  std::string file;
  std::string reseller_id;  // --reseller: sets associatedPartnerId
  std::string base_url{partner_center::rest::public_cloud_base_url};
  bool direct = false;
  std::string credentials_file;            // send only
  std::string ca_file;                     // send only: PEM trust anchors instead of the system's
  std::string request_id;                  // send only: --request-id, to repeat a logical create
  std::vector<std::string> country_rules;  // --country-rules, as for validate
  auth_arguments auth;                     // App+User, when PARTNER_CENTER_TOKEN is not set
  bool show_auth = false;                  // request only: --show-auth, the token request too
};

// Parses `args`; prints why and returns nothing on a usage error. `for_send` allows the options
// only `send` has.
inline std::optional<request_arguments> parse_request_arguments(
    std::string_view command, std::span<const std::string_view> args, bool for_send,
    std::ostream& err) {
  request_arguments parsed;
  const std::string usage =
      "usage: pc-customer " + std::string(command) +
      " FILE|- [--reseller ID] [--base-url URL] [--direct] [--country-rules PATH]..." +
      (for_send ? " [--credentials-file PATH] [--ca-file PEM] [--request-id GUID]"
                : " [--show-auth]") +
      std::string(auth_usage) + "\n";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (const auth_option taken = take_auth_option(args, i, parsed.auth);
        taken != auth_option::none) {
      if (taken == auth_option::missing_value) {
        err << "pc-customer " << command << ": " << arg << " needs a value\n" << usage;
        return std::nullopt;
      }
      continue;
    }
    const bool takes_value =
        arg == "--reseller" || arg == "--base-url" || arg == "--country-rules" ||
        (for_send && (arg == "--credentials-file" || arg == "--ca-file" || arg == "--request-id"));
    if (takes_value) {
      if (i + 1 == args.size()) {
        err << "pc-customer " << command << ": " << arg << " needs a value\n" << usage;
        return std::nullopt;
      }
      const std::string value(args[++i]);
      if (arg == "--reseller")
        parsed.reseller_id = value;
      if (arg == "--base-url")
        parsed.base_url = value;
      if (arg == "--credentials-file")
        parsed.credentials_file = value;
      if (arg == "--ca-file")
        parsed.ca_file = value;
      if (arg == "--request-id") {
        if (!partner_center::model::formats::is_guid(value)) {
          err << "pc-customer " << command << ": --request-id \"" << value
              << "\" is not a GUID (8-4-4-4-12 hexadecimal digits)\n"
              << usage;
          return std::nullopt;
        }
        parsed.request_id = value;
      }
      if (arg == "--country-rules")
        parsed.country_rules.push_back(value);
    } else if (arg == "--direct") {
      parsed.direct = true;
    } else if (arg == "--show-auth" && !for_send) {
      parsed.show_auth = true;
    } else if (arg.size() > 1 && arg.starts_with('-')) {
      err << "pc-customer " << command << ": unknown option " << arg << '\n' << usage;
      return std::nullopt;
    } else if (parsed.file.empty()) {
      parsed.file = std::string(arg);
    } else {
      err << "pc-customer " << command << ": one FILE only\n" << usage;
      return std::nullopt;
    }
  }
  if (parsed.file.empty()) {
    err << usage;
    return std::nullopt;
  }
  return parsed;
}

// Reads and decodes the document. Decoding problems are printed; a document that is not read
// completely, or has errors of its own (wrong types, duplicates), gives nothing. The rules of a
// create request are left to the request builder, which knows --reseller.
inline std::optional<partner_center::model::Customer> read_customer(const std::string& file,
                                                                    std::string_view command,
                                                                    std::ostream& out,
                                                                    std::ostream& err,
                                                                    int& status) {
  std::ifstream stream;
  std::istream* in = &std::cin;
  if (file != "-") {
    stream.open(file, std::ios::binary);
    if (!stream) {
      err << "pc-customer " << command << ": cannot open " << file << '\n';
      status = 2;
      return std::nullopt;
    }
    in = &stream;
  }
  const std::string text{std::istreambuf_iterator<char>(*in), {}};
  auto decoded = partner_center::decode<partner_center::model::Customer>(text);
  for (const partner_center::violation& v : decoded.violations)
    out << file << ": " << v << '\n';
  if (!decoded.valid()) {
    status = 1;
    return std::nullopt;
  }
  return std::move(decoded.value);
}

// The country rules named by --country-rules, or null (the built-in ones); prints why and sets
// `status` to 2 when they cannot be loaded.
inline bool load_rules(const request_arguments& arguments, std::string_view command,
                       std::shared_ptr<const partner_center::model::country_rule_set>& rules,
                       std::ostream& err, int& status) {
  if (arguments.country_rules.empty())
    return true;
  auto loaded = partner_center::model::load_country_rules(arguments.country_rules);
  if (!loaded) {
    err << "pc-customer " << command << ": cannot load country rules:\n" << loaded.error().message;
    if (!loaded.error().message.ends_with('\n'))
      err << '\n';
    status = 2;
    return false;
  }
  rules = *loaded;
  return true;
}

}  // namespace pc_customer

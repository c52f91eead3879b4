#pragma once

// pc-customer schema [--strict] [--direct] [--country-rules PATH]... [--response]: the JSON
// Schema (draft 2020-12) of the create request that validate checks, made from the same rules
// tables, or of the Customer the service returns. --strict, --direct and --country-rules mean
// what they mean to validate.

#include <partner_center/model/country_rules_files.hpp>
#include <partner_center/model/create_request_schema.hpp>

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pc_customer {

inline constexpr std::string_view schema_usage =
    "usage: pc-customer schema [--strict] [--direct] [--country-rules PATH]... [--response]\n"
    "  --strict               unknown members are not allowed (additionalProperties: false)\n"
    "  --direct               associatedPartnerId is optional (a direct customer)\n"
    "  --country-rules PATH   country validation rules (file or directory) over the built-in\n"
    "  --response             the Customer the service returns instead of the create request\n";

inline int run_schema(std::span<const std::string_view> args, std::ostream& out,
                      std::ostream& err) {
  namespace model = partner_center::model;
  model::create_request_options options;
  bool response = false;
  std::vector<std::string> country_rules;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--country-rules") {
      if (i + 1 == args.size()) {
        err << "pc-customer schema: --country-rules needs a value\n" << schema_usage;
        return 2;
      }
      country_rules.emplace_back(args[++i]);
    } else if (arg == "--strict") {
      options.decoding.strict = true;
    } else if (arg == "--direct") {
      options.creation = model::customer_creation::direct;
    } else if (arg == "--response") {
      response = true;
    } else if (arg == "--help" || arg == "-h") {
      out << schema_usage;
      return 0;
    } else {
      err << "pc-customer schema: unknown argument " << arg << '\n' << schema_usage;
      return 2;
    }
  }
  if (response &&
      (options.creation == model::customer_creation::direct || !country_rules.empty())) {
    err << "pc-customer schema: --direct and --country-rules apply to the create request, not "
           "to --response\n"
        << schema_usage;
    return 2;
  }
  const auto loaded = model::load_country_rules(country_rules);
  if (!loaded) {
    err << "pc-customer schema: " << loaded.error().message << '\n';
    return 2;
  }
  options.countries = *loaded;
  out << (response ? model::customer_schema({.strict = options.decoding.strict})
                   : model::create_request_schema(options))
      << '\n';
  return 0;
}

}  // namespace pc_customer

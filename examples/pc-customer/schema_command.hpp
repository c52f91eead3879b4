#pragma once

// pc-customer schema [--strict] [--direct] [--response]: the JSON Schema (draft 2020-12) of the
// create request that validate checks, made from the same rules tables, or of the Customer the
// service returns. --strict and --direct mean what they mean to validate.

#include <partner_center/model/create_request_schema.hpp>

#include <ostream>
#include <span>
#include <string_view>

namespace pc_customer {

inline constexpr std::string_view schema_usage =
    "usage: pc-customer schema [--strict] [--direct] [--response]\n"
    "  --strict    unknown members are not allowed (additionalProperties: false)\n"
    "  --direct    associatedPartnerId is optional (a direct customer of the provider)\n"
    "  --response  the Customer the service returns instead of the create request\n";

inline int run_schema(std::span<const std::string_view> args, std::ostream& out,
                      std::ostream& err) {
  namespace model = partner_center::model;
  model::create_request_schema_options options;
  bool response = false;
  for (const std::string_view arg : args) {
    if (arg == "--strict") {
      options.strict = true;
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
  if (response && options.creation == model::customer_creation::direct) {
    err << "pc-customer schema: --direct applies to the create request, not to --response\n"
        << schema_usage;
    return 2;
  }
  out << (response ? model::customer_schema(options.strict) : model::create_request_schema(options))
      << '\n';
  return 0;
}

}  // namespace pc_customer

// The two commands check.mjs drives, for a user's struct instead of the create request:
//   generic_order_tool schema [--strict]
//   generic_order_tool validate [--strict] --format json FILE...
// One JSON line per file: {"source", "valid", "violations": [{path, code, severity, message}]}.
// Exit status 1 when a document is invalid, as pc-customer validate.

#include "../support/generic_order.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/schema.hpp>
#include <partner_center/core/validate.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

int usage() {
  std::cerr << "usage: generic_order_tool schema [--strict]\n"
               "       generic_order_tool validate [--strict] --format json FILE...\n";
  return 2;
}

boost::json::object verdict(const std::string& file, bool strict) {
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  partner_center::decode_options options;
  options.strict = strict;
  auto decoded = partner_center::decode<shop::order>(text, options);
  if (decoded.complete)
    partner_center::validate(decoded.value, partner_center::no_environment{}, decoded.violations);
  boost::json::array violations;
  for (const auto& v : decoded.violations.items()) {
    violations.push_back(boost::json::object{{"path", v.path},
                                             {"code", to_string(v.code)},
                                             {"severity", to_string(v.severity)},
                                             {"message", v.message}});
  }
  return boost::json::object{{"source", file},
                             {"valid", decoded.complete && decoded.violations.valid()},
                             {"violations", std::move(violations)}};
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty())
    return usage();
  bool strict = false;
  std::vector<std::string> files;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--strict") {
      strict = true;
    } else if (args[i] == "--format" && i + 1 < args.size() && args[i + 1] == "json") {
      ++i;
    } else {
      files.emplace_back(args[i]);
    }
  }
  if (args[0] == "schema" && files.empty()) {
    partner_center::schema_options options;
    options.strict = strict;
    options.title = "shop order";
    std::cout << partner_center::schema_text(partner_center::json_schema<shop::order>(options))
              << '\n';
    return 0;
  }
  if (args[0] != "validate" || files.empty())
    return usage();
  bool all_valid = true;
  for (const auto& file : files) {
    const boost::json::object result = verdict(file, strict);
    all_valid = all_valid && result.at("valid").as_bool();
    std::cout << boost::json::serialize(result) << '\n';
  }
  return all_valid ? 0 : 1;
}

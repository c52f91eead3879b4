#pragma once

// pc-customer encode FILE: the canonical JSON of a document (camelCase, absent members omitted).
// A document that cannot be read completely is refused with its violations, never half-encoded.

#include "report_output.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

namespace pc_customer {

inline int run_encode(std::span<const std::string_view> args, std::ostream& out,
                      std::ostream& err) {
  if (args.size() != 1) {
    err << "usage: pc-customer encode FILE|-\n";
    return 2;
  }
  const std::string source(args[0]);
  std::ifstream file;
  std::istream* in = &std::cin;
  if (source != "-") {
    file.open(source, std::ios::binary);
    if (!file) {
      err << "pc-customer encode: cannot open " << source << '\n';
      return 2;
    }
    in = &file;
  }
  const std::string text{std::istreambuf_iterator<char>(*in), {}};
  const auto result = partner_center::decode<partner_center::model::Customer>(text);
  // Unknown members are dropped from the canonical form, so they are worth a warning; errors
  // (wrong types, duplicates, malformed JSON) stop the command.
  print_text_violations_only(err, source, result.violations);
  if (!result.complete || !result.violations.valid())
    return 1;
  out << partner_center::encode(result.value) << '\n';
  return 0;
}

}  // namespace pc_customer

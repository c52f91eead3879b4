#pragma once

// pc-customer validate [--direct] [--strict] [--ndjson] [--format text|json]
//                      [--country-rules PATH]... [FILE|-]...
// Exit status: 0 every document valid, 1 some document invalid, 2 usage or I/O error.

#include "report_output.hpp"

#include <partner_center/model/create_request.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace pc_customer {

inline constexpr std::string_view validate_usage =
    "usage: pc-customer validate [--direct] [--strict] [--ndjson] [--format text|json]\n"
    "                            [--country-rules PATH]... [FILE|-]...\n";

struct validate_settings {
  partner_center::model::check_options check;
  bool ndjson = false;
  output_format format = output_format::text;
  std::vector<std::string> country_rules;
  std::vector<std::string> sources;
};

enum exit_status : int {
  all_valid = 0,
  some_invalid = 1,
  usage_or_io_error = 2
};

// Parses the arguments after "validate"; returns false (after printing why) on a usage error.
inline bool parse_validate_arguments(std::span<const std::string_view> args,
                                     validate_settings& settings, std::ostream& err) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--direct") {
      settings.check.creation = partner_center::model::customer_creation::direct;
    } else if (arg == "--strict") {
      settings.check.strict = true;
    } else if (arg == "--ndjson") {
      settings.ndjson = true;
    } else if (arg == "--format" || arg == "--country-rules") {
      if (i + 1 == args.size()) {
        err << "pc-customer validate: " << arg << " needs a value\n" << validate_usage;
        return false;
      }
      const std::string_view value = args[++i];
      if (arg == "--country-rules") {
        settings.country_rules.emplace_back(value);
      } else if (value == "text") {
        settings.format = output_format::text;
      } else if (value == "json") {
        settings.format = output_format::json;
      } else {
        err << "pc-customer validate: --format takes text or json, not \"" << value << "\"\n"
            << validate_usage;
        return false;
      }
    } else if (arg.size() > 1 && arg.starts_with('-')) {
      err << "pc-customer validate: unknown option " << arg << '\n' << validate_usage;
      return false;
    } else {
      settings.sources.emplace_back(arg);
    }
  }
  if (settings.sources.empty())
    settings.sources.emplace_back("-");
  return true;
}

class document_checker {
 public:
  document_checker(const validate_settings& settings, std::ostream& out)
      : settings_(settings)
      , out_(out) {}

  void check(std::string source, std::string_view text) {
    const auto result = partner_center::model::check_create_request(text, settings_.check);
    const document_verdict verdict{std::move(source), result.violations, result.complete};
    if (!verdict.valid())
      any_invalid_ = true;
    print(out_, settings_.format, verdict);
  }

  [[nodiscard]] bool any_invalid() const noexcept { return any_invalid_; }

 private:
  const validate_settings& settings_;
  std::ostream& out_;
  bool any_invalid_ = false;
};

// One document per non-blank line, read as it streams: memory stays flat whatever the size.
inline void check_ndjson(std::istream& in, const std::string& name, document_checker& checker) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      continue;
    checker.check(name + ':' + std::to_string(number), line);
  }
}

inline int run_validate(std::span<const std::string_view> args, std::ostream& out,
                        std::ostream& err) {
  validate_settings settings;
  if (!parse_validate_arguments(args, settings, err))
    return usage_or_io_error;
  if (!settings.country_rules.empty()) {
    err << "pc-customer validate: --country-rules is not available in this build\n";
    return usage_or_io_error;
  }
  document_checker checker(settings, out);
  bool io_error = false;
  for (const std::string& source : settings.sources) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (source != "-") {
      file.open(source, std::ios::binary);
      if (!file) {
        err << "pc-customer validate: cannot open " << source << '\n';
        io_error = true;
        continue;
      }
      in = &file;
    }
    if (settings.ndjson) {
      check_ndjson(*in, source, checker);
    } else {
      const std::string text{std::istreambuf_iterator<char>(*in), {}};
      checker.check(source, text);
    }
    if (in->bad()) {
      err << "pc-customer validate: error while reading " << source << '\n';
      io_error = true;
    }
  }
  out.flush();
  if (io_error)
    return usage_or_io_error;
  return checker.any_invalid() ? some_invalid : all_valid;
}

}  // namespace pc_customer

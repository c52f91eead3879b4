#pragma once

// pc-customer validate [--direct] [--strict] [--ndjson] [--format text|json]
//                      [--country-rules PATH]... [FILE|-]...
// Exit status: 0 every document valid, 1 some document invalid, 2 usage or I/O error.

#include "ndjson_reader.hpp"
#include "report_output.hpp"
#include "status_line.hpp"

#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_rules_files.hpp>
#include <partner_center/model/create_request.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace pc_customer {

inline constexpr std::string_view validate_usage =
    "usage: pc-customer validate [--direct] [--strict] [--ndjson] [--format text|json]\n"
    "                            [--country-rules PATH]... [FILE|-]...\n";

struct validate_settings {
  partner_center::model::create_request_options check;
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
      settings.check.decoding.strict = true;
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

// Checks one document and appends what is printed for it; returns whether it is valid.
inline bool check_document(const validate_settings& settings, std::string source,
                           std::string_view text, std::string& printed) {
  const auto result = partner_center::model::validate_create_request_json(text, settings.check);
  const document_verdict verdict{std::move(source), result.violations, result.complete};
  append(printed, settings.format, verdict);
  return verdict.valid();
}

// A progress line on standard error, only when it is a terminal and the input is long
// (status_line).
class progress_line {
 public:
  void update(std::size_t documents, std::size_t bytes, std::size_t invalid) {
    if (!line_.due())
      return;
    char text[128];
    const int n = std::snprintf(text, sizeof text, "%zu documents, %.1f MB, %zu invalid", documents,
                                static_cast<double>(bytes) / 1e6, invalid);
    line_.show(std::string_view(text, n > 0 ? std::min<std::size_t>(n, sizeof text - 1) : 0));
  }

 private:
  status_line line_{std::chrono::seconds(1), std::chrono::milliseconds(250)};
};

// One document per non-blank line, read in batches: memory stays flat whatever the file size,
// and each batch is checked by two threads (this machine class has two cores), its output
// written in input order.
inline bool check_ndjson(const validate_settings& settings, std::istream& in,
                         const std::string& name, std::ostream& out, progress_line& progress,
                         std::size_t& invalid_count) {
  ndjson_reader reader(in, settings.check.decoding.max_document_size);
  std::vector<ndjson_line> batch;
  std::string first_half_output;
  std::string second_half_output;
  std::size_t documents = 0;
  bool any_invalid = false;
  const auto check_range = [&](std::size_t begin, std::size_t end, std::string& printed,
                               std::size_t& invalid) {
    printed.clear();
    for (std::size_t i = begin; i < end; ++i) {
      std::string source = name + ':' + std::to_string(batch[i].number);
      if (batch[i].too_long) {
        const partner_center::report too_long = batch[i].limit_report();
        append(printed, settings.format, {std::move(source), too_long, false});
        ++invalid;
      } else if (!check_document(settings, std::move(source), batch[i].text, printed)) {
        ++invalid;
      }
    }
  };
  while (reader.next_batch(batch)) {
    const std::size_t middle = batch.size() / 2;
    std::size_t invalid_first = 0;
    std::size_t invalid_second = 0;
    if (batch.size() >= 64) {
      std::thread helper(
          [&] { check_range(middle, batch.size(), second_half_output, invalid_second); });
      check_range(0, middle, first_half_output, invalid_first);
      helper.join();
    } else {
      check_range(0, batch.size(), first_half_output, invalid_first);
      second_half_output.clear();
    }
    out << first_half_output << second_half_output;
    documents += batch.size();
    invalid_count += invalid_first + invalid_second;
    any_invalid = any_invalid || invalid_first + invalid_second > 0;
    progress.update(documents, reader.bytes_read(), invalid_count);
  }
  return !any_invalid;
}

inline int run_validate(std::span<const std::string_view> args, std::ostream& out,
                        std::ostream& err) {
  validate_settings settings;
  if (!parse_validate_arguments(args, settings, err))
    return usage_or_io_error;
  std::shared_ptr<const partner_center::model::country_rule_set> countries;
  if (!settings.country_rules.empty()) {
    auto loaded = partner_center::model::load_country_rules(settings.country_rules);
    if (!loaded) {
      err << "pc-customer validate: cannot load country rules:\n" << loaded.error().message;
      if (!loaded.error().message.ends_with('\n'))
        err << '\n';
      return usage_or_io_error;
    }
    countries = *loaded;
    settings.check.countries = countries;
  }
  bool any_invalid = false;
  bool io_error = false;
  progress_line progress;
  std::size_t invalid_count = 0;
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
      if (!check_ndjson(settings, *in, source, out, progress, invalid_count))
        any_invalid = true;
    } else {
      const std::string text{std::istreambuf_iterator<char>(*in), {}};
      std::string printed;
      if (!check_document(settings, source, text, printed))
        any_invalid = true;
      out << printed;
    }
    if (in->bad()) {
      err << "pc-customer validate: error while reading " << source << '\n';
      io_error = true;
    }
  }
  out.flush();
  if (io_error)
    return usage_or_io_error;
  return any_invalid ? some_invalid : all_valid;
}

}  // namespace pc_customer

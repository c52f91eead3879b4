#pragma once

// Country validation rules from files: one file (an object or an array, as the service answers
// GET /v1/countryvalidationrules/{country}), a directory of *.json files, or a list of either.
//
//   auto rules = partner_center::model::load_country_rules(paths);  // over the built-in US, PT
//   if (!rules)
//     std::cerr << rules.error().message << '\n';  // "rules/GB.json: /postalCodeRegex: ..."
//
//   partner_center::model::country_rule_set_builder builder;
//   auto loaded = partner_center::model::add_country_rules_directory(builder, "rules");

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/model/country_rule_set.hpp>

#include <boost/system/result.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace partner_center::model {

namespace detail {

// Reads `file` (at most country_rule_set_builder::max_file_size bytes) and stages its rules.
inline void stage_country_rules_file(const std::filesystem::path& file,
                                     country_rule_set_builder::staged_load& load) {
  const std::string source = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    load.problem(source, "", "cannot read the file: " + ec.message());
    return;
  }
  constexpr std::size_t max_file_size = country_rule_set_builder::max_file_size;
  if (size > max_file_size) {
    load.problem(source, "",
                 "the file has " + std::to_string(size) + " bytes; at most " +
                     std::to_string(max_file_size) + " are read");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::string json;
  json.resize(static_cast<std::size_t>(size));
  if (!in || !in.read(json.data(), static_cast<std::streamsize>(json.size()))) {
    load.problem(source, "", "cannot read the file");
    return;
  }
  country_rule_set_builder::stage(json, source, load);
}

}  // namespace detail

inline country_rules_result add_country_rules_file(country_rule_set_builder& builder,
                                                   const std::filesystem::path& file) {
  country_rule_set_builder::staged_load load;
  detail::stage_country_rules_file(file, load);
  return builder.commit(std::move(load));
}

// Every *.json file of `directory` (not its subdirectories), in the order of their names; a
// directory without one is an error, since it is most likely the wrong directory.
inline country_rules_result add_country_rules_directory(country_rule_set_builder& builder,
                                                        const std::filesystem::path& directory) {
  country_rule_set_builder::staged_load load;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(directory, ec);
  if (ec) {
    load.problem(directory.string(), "", "cannot list the directory: " + ec.message());
    return builder.commit(std::move(load));
  }
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const auto& path = it->path();
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && text::iequals(path.extension().string(), ".json"))
      files.push_back(path);
  }
  if (ec) {
    load.problem(directory.string(), "", "cannot list the directory: " + ec.message());
    return builder.commit(std::move(load));
  }
  if (files.empty()) {
    load.problem(directory.string(), "", "the directory holds no *.json file");
    return builder.commit(std::move(load));
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  for (const auto& file : files)
    detail::stage_country_rules_file(file, load);
  return builder.commit(std::move(load));
}

// A directory (see add_country_rules_directory) or a file, whichever `path` is.
inline country_rules_result add_country_rules_path(country_rule_set_builder& builder,
                                                   const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return add_country_rules_directory(builder, path);
  return add_country_rules_file(builder, path);
}

// Loads the country rules files and directories in `paths` (a directory: every *.json file in
// it, by name) over the built-in rules, later paths replacing earlier countries. All or nothing:
// the error lists every problem of every path.
inline boost::system::result<std::shared_ptr<const country_rule_set>, country_rules_error>
load_country_rules(std::span<const std::string> paths) {
  country_rule_set_builder builder;
  std::string problems;
  for (const std::string& path : paths) {
    auto loaded = add_country_rules_path(builder, std::filesystem::path(path));
    if (!loaded) {
      if (!problems.empty())
        problems += '\n';
      problems += loaded.error().message;
    }
  }
  if (!problems.empty())
    return country_rules_error{std::move(problems)};
  return builder.build();
}

}  // namespace partner_center::model

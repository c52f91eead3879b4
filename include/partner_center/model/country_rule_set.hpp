#pragma once

// Country validation rules ready to check addresses with: each country's CountryValidationRules
// plus its regular expressions, compiled once. A set is immutable once built, so one
// std::shared_ptr<const country_rule_set> can be shared by any number of threads.
//
//   country_rule_set_builder builder;                  // starts from the built-in US and PT
//   if (auto loaded = builder.add_json(answer, "GB"); !loaded)
//     std::cerr << loaded.error().message << '\n';     // "GB: /postalCodeRegex: ..."
//   std::shared_ptr<const country_rule_set> rules = builder.build();
//
// Files and directories are read by country_rules_files.hpp (load_country_rules), so that only
// code that reads them compiles <filesystem> and <fstream>. The patterns are compiled and matched
// by country_pattern (country_pattern.hpp, PCRE2), each match within a fixed budget, so a pattern
// from a file cannot make validation hang.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/message.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/country_pattern.hpp>
#include <partner_center/model/country_rules.hpp>
#include <partner_center/model/country_validation_rules.hpp>
#include <partner_center/model/detail/country_data.hpp>  // tools/generate_country_data.py

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace partner_center::model {

class country_rule_set;

// Why a load failed: every problem found, one per line, each as `source: place: why`.
struct country_rules_error {
  std::string message;
};

// Lets boost::system::result<..., country_rules_error>::value() throw std::runtime_error; under
// -fno-exceptions (BOOST_NO_EXCEPTIONS) boost::throw_exception calls the program's handler.
[[noreturn]] inline void throw_exception_from_error(const country_rules_error& e,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(e.message), where);
}

// What a successful load added.
struct country_rules_loaded {
  std::vector<std::string> countries;  // ISO alpha-2, in the order met; a repeat counts once
  std::vector<std::string> warnings;   // `source: place: why`, e.g. an unknown member
};

using country_rules_result = boost::system::result<country_rules_loaded, country_rules_error>;

// For printing a result (and test frameworks that do).
inline std::ostream& operator<<(std::ostream& out, const country_rules_error& e) {
  return out << e.message;
}
inline std::ostream& operator<<(std::ostream& out, const country_rules_loaded& loaded) {
  out << "countries:";
  for (const auto& iso2 : loaded.countries)
    out << ' ' << iso2;
  return out;
}

// Country validation rules keyed by ISO alpha-2, found case-insensitively. Immutable.
class country_rule_set {
 public:
  using entry = std::shared_ptr<const country_rules>;

  // The rules of `iso2`, or nullptr when none are known.
  [[nodiscard]] const country_rules* find(std::string_view iso2) const noexcept {
    const auto at = std::lower_bound(
        entries_.begin(), entries_.end(), iso2,
        [](const entry& e, std::string_view key) { return text::icompare(e->iso2(), key) < 0; });
    if (at == entries_.end() || !text::iequals((*at)->iso2(), iso2))
      return nullptr;
    return at->get();
  }

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  // Sorted by alpha-2.
  [[nodiscard]] std::span<const entry> countries() const noexcept { return entries_; }

  // The captured real responses (US, PT; country_data.hpp), compiled on first use.
  static const std::shared_ptr<const country_rule_set>& builtin();

 private:
  friend class country_rule_set_builder;
  std::vector<entry> entries_;  // sorted by iso2, which is upper case
};

// Collects country rules and builds a country_rule_set. Each add_* call loads all of its input
// or nothing; a country added later replaces the earlier rules of that country wholesale.
// A builder is not meant to be shared between threads; the sets it builds are.
class country_rule_set_builder {
 public:
  // The largest rules document read; all 248 markets' rules are about 500 KB.
  static constexpr std::size_t max_file_size = std::size_t{16} << 20;

  // Starts from the built-in rules (US, PT).
  country_rule_set_builder() : country_rule_set_builder(*country_rule_set::builtin()) {}
  explicit country_rule_set_builder(const country_rule_set& start) {
    for (const auto& e : start.entries_)
      entries_.insert_or_assign(e->iso2(), e);
  }
  // Starts from nothing: only the rules added are known.
  static country_rule_set_builder empty() { return country_rule_set_builder(empty_tag{}); }

  // Rules JSON as the service returns them: one object, or an array of them. `source_name`
  // starts every message (a file name, "stdin", ...).
  country_rules_result add_json(std::string_view json, std::string_view source_name) {
    staged_load load;
    stage(json, source_name, load);
    return commit(std::move(load));
  }

  // The set as it stands; the builder can go on and build others.
  [[nodiscard]] std::shared_ptr<const country_rule_set> build() const {
    auto set = std::make_shared<country_rule_set>();
    set->entries_.reserve(entries_.size());
    for (const auto& [iso2, e] : entries_)
      set->entries_.push_back(e);  // std::map keeps them sorted
    return set;
  }

  // Problems past this many are counted, not listed: a message stays readable.
  static constexpr std::size_t max_listed_problems = 20;

  // One all-or-nothing load made of several inputs (e.g. the files of a directory): what they
  // held and what was wrong with them. Filled by stage() and problem(), applied by commit().
  struct staged_load {
    std::vector<std::shared_ptr<const country_rules>> countries;
    std::vector<std::string> problems;
    std::size_t unlisted_problems = 0;
    std::vector<std::string> warnings;

    void problem(std::string_view source, std::string_view place, std::string_view why) {
      if (problems.size() == max_listed_problems) {
        ++unlisted_problems;
        return;
      }
      problems.push_back(located(source, place, why));
    }
    static std::string located(std::string_view source, std::string_view place,
                               std::string_view why) {
      std::string out(source);
      out += ": ";
      if (!place.empty()) {
        out += place;
        out += ": ";
      }
      out += why;
      return out;
    }
  };

  // Adds what `load` staged, or nothing when it found a problem (the error lists them all).
  country_rules_result commit(staged_load load) {
    if (!load.problems.empty()) {
      std::string message;
      for (const auto& p : load.problems) {
        if (!message.empty())
          message += '\n';
        message += p;
      }
      if (load.unlisted_problems > 0)
        message += "\n(and " + std::to_string(load.unlisted_problems) + " more problems)";
      return country_rules_result(boost::system::in_place_error,
                                  country_rules_error{std::move(message)});
    }
    country_rules_loaded loaded;
    loaded.warnings = std::move(load.warnings);
    for (auto& e : load.countries) {
      if (std::find(loaded.countries.begin(), loaded.countries.end(), e->iso2()) ==
          loaded.countries.end()) {
        loaded.countries.push_back(e->iso2());
      }
      entries_.insert_or_assign(e->iso2(), std::move(e));
    }
    return loaded;
  }

  // Stages rules JSON (one object or an array) read from `source`.
  static void stage(std::string_view json, std::string_view source, staged_load& load) {
    decode_options options;
    options.max_document_size = max_file_size;
    report found;
    std::vector<CountryValidationRules> all;
    std::string_view rest = json;
    if (rest.starts_with("\xEF\xBB\xBF"))
      rest.remove_prefix(3);
    const std::size_t first = rest.find_first_not_of(" \t\r\n");
    const bool is_array = first != rest.npos && rest[first] == '[';
    if (is_array) {
      decode(json, all, found, options);
    } else {
      decode(json, all.emplace_back(), found, options);
    }
    for (const violation& v : found) {
      if (v.severity == severity::error) {
        load.problem(source, v.path, v.message);
      } else {
        load.warnings.push_back(staged_load::located(source, v.path, v.message));
      }
    }
    if (!found.valid())
      return;  // no error above: every element was decoded, so indices below are the input's

    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string place = is_array ? "/" + std::to_string(i) : std::string();
      if (auto compiled = compile(std::move(all[i]), source, place, load))
        load.countries.push_back(std::move(compiled));
    }
  }

 private:
  struct empty_tag {};
  explicit country_rule_set_builder(empty_tag) {}

  static std::shared_ptr<const country_rules> compile(CountryValidationRules data,
                                                      std::string_view source,
                                                      const std::string& place, staged_load& load) {
    auto rules = std::make_shared<country_rules>();
    bool ok = true;
    const std::string* iso2 = data.iso2Code ? &*data.iso2Code : nullptr;
    if (iso2 == nullptr || text::is_blank(*iso2)) {
      load.problem(source, place + "/iso2Code",
                   "iso2Code is required: it names the country the rules are for");
      ok = false;
    } else if (iso2->size() != 2 || !text::is_ascii_alpha((*iso2)[0]) ||
               !text::is_ascii_alpha((*iso2)[1])) {
      std::string why = "iso2Code ";
      append_quoted(why, *iso2);
      why += " is not an ISO 3166-1 alpha-2 code (two letters)";
      load.problem(source, place + "/iso2Code", why);
      ok = false;
    } else {
      for (const char c : *iso2)
        rules->iso2_ += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }

    const auto compile_one = [&](const std::optional<std::string>& pattern, std::string_view member,
                                 std::optional<country_pattern>& out) {
      // An empty pattern constrains nothing; treating it as absent invents nothing.
      if (!pattern || pattern->empty())
        return;
      auto compiled = country_pattern::compile(*pattern);
      if (compiled) {
        out.emplace(std::move(*compiled));
      } else {
        load.problem(source, place + "/" + std::string(member), compiled.error());
        ok = false;
      }
    };
    compile_one(data.postalCodeRegex, "postalCodeRegex", rules->postal_code_);
    compile_one(data.phoneNumberRegex, "phoneNumberRegex", rules->phone_number_);
    compile_one(data.customerOrganizationRegistrationNumberRegex,
                "customerOrganizationRegistrationNumberRegex", rules->registration_number_);
    compile_one(data.vatIdRegex, "vatIdRegex", rules->vat_id_);
    if (!ok)
      return nullptr;
    rules->data_ = std::move(data);
    rules->index_states();
    rules->source_ = std::string(source);
    return rules;
  }

  std::map<std::string, std::shared_ptr<const country_rules>, std::less<>> entries_;
};

inline const std::shared_ptr<const country_rule_set>& country_rule_set::builtin() {
  static const std::shared_ptr<const country_rule_set> set = [] {
    auto builder = country_rule_set_builder::empty();
    for (const auto& captured : detail::builtin_country_rules) {
      // The generator checks these responses and the tests load them: a failure here is a
      // broken build of the library, not something a caller could handle.
      if (!builder.add_json(captured.json, "built-in"))
        boost::throw_exception(std::logic_error("the built-in country rules do not load"));
    }
    return builder.build();
  }();
  return set;
}

}  // namespace partner_center::model

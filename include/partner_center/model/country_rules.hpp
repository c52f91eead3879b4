#pragma once

// One country's validation rules: the service's answer (GET /v1/countryvalidationrules/{country},
// https://learn.microsoft.com/partner-center/developer/get-market-specific-validation-data) as
// loaded, with its patterns compiled. country_rule_set.hpp loads and holds them.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/model/country_pattern.hpp>
#include <partner_center/model/country_validation_rules.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partner_center::model {

class country_rule_set_builder;

// One country's rules: the service's answer as loaded, and its patterns compiled.
class country_rules {
 public:
  [[nodiscard]] const CountryValidationRules& data() const noexcept { return data_; }
  // Upper case, e.g. "US".
  [[nodiscard]] const std::string& iso2() const noexcept { return iso2_; }
  // Where the rules came from: "built-in" or the name given to the loader (a file name).
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

  // nullptr when the country has no such pattern (absent, null or empty in the rules).
  [[nodiscard]] const country_pattern* postal_code() const noexcept { return get(postal_code_); }
  [[nodiscard]] const country_pattern* phone_number() const noexcept { return get(phone_number_); }
  [[nodiscard]] const country_pattern* registration_number() const noexcept {
    return get(registration_number_);
  }
  [[nodiscard]] const country_pattern* vat_id() const noexcept { return get(vat_id_); }

  // The lists below are "known" only when present and not empty: an empty list cannot mean
  // "nothing is accepted" (PT answers "supportedStatesList":[] and needs no state).
  [[nodiscard]] const std::vector<std::string>* states() const noexcept {
    return known(data_.supportedStatesList);
  }
  [[nodiscard]] const std::vector<std::string>* cultures() const noexcept {
    return known(data_.supportedCulturesList);
  }
  [[nodiscard]] const std::vector<std::string>* languages() const noexcept {
    return known(data_.supportedLanguagesList);
  }

  // ASCII-case-insensitive, as the service treats cultures: the documented request sends
  // "EN-US" (create-a-customer-for-an-indirect-reseller).
  [[nodiscard]] bool lists_culture(std::string_view culture) const noexcept {
    return contains(cultures(), culture);
  }
  // Case-insensitive here; the PowerShell module's AddressValidator compares exactly
  // (List.Contains in microsoft/Partner-Center-PowerShell,
  // src/PowerShell/Validations/AddressValidator.cs), so "wa" may pass here and fail there.
  [[nodiscard]] bool lists_state(std::string_view state) const noexcept {
    // Searched in the lower-cased, sorted copy the loader made: US lists 62 states.
    if (states() == nullptr)
      return false;
    std::array<char, folded_key_limit> folded{};
    if (state.size() > folded.size())
      return contains(states(), state);
    for (std::size_t i = 0; i < state.size(); ++i)
      folded[i] = text::ascii_lower(state[i]);
    return std::binary_search(states_folded_.begin(), states_folded_.end(),
                              std::string_view(folded.data(), state.size()));
  }
  // A two-letter language is supported when the list holds it, or holds a culture-style entry
  // of that language: PT lists "pt-PT" and means "pt" (the PT response quoted in
  // https://github.com/microsoft/Partner-Center-PowerShell/issues/383).
  [[nodiscard]] bool lists_language(std::string_view language) const noexcept {
    const auto* list = languages();
    if (list == nullptr)
      return false;
    return std::any_of(list->begin(), list->end(), [&](const std::string& entry) {
      return text::iequals(language_of(entry), language);
    });
  }

  // "pt" for "pt-PT", the entry itself when it has no subtag.
  static std::string_view language_of(std::string_view entry) noexcept {
    return entry.substr(0, entry.find('-'));
  }

 private:
  friend class country_rule_set_builder;

  static const country_pattern* get(const std::optional<country_pattern>& p) noexcept {
    return p ? &*p : nullptr;
  }
  static const std::vector<std::string>* known(
      const std::optional<std::vector<std::string>>& list) noexcept {
    return list && !list->empty() ? &*list : nullptr;
  }
  static constexpr std::size_t folded_key_limit = 64;  // longer names are compared one by one

  // Made by the loader once data_ is set.
  void index_states() {
    states_folded_.clear();
    if (const auto* list = states()) {
      for (const std::string& state : *list) {
        std::string folded(state);
        for (char& c : folded)
          c = text::ascii_lower(c);
        states_folded_.push_back(std::move(folded));
      }
      std::sort(states_folded_.begin(), states_folded_.end());
    }
  }

  static bool contains(const std::vector<std::string>* list, std::string_view wanted) noexcept {
    return list != nullptr && std::any_of(list->begin(), list->end(), [&](const std::string& s) {
             return text::iequals(s, wanted);
           });
  }

  CountryValidationRules data_;
  std::string iso2_;
  std::string source_;
  std::optional<country_pattern> postal_code_;
  std::optional<country_pattern> phone_number_;
  std::optional<country_pattern> registration_number_;
  std::optional<country_pattern> vat_id_;
  std::vector<std::string> states_folded_;  // states(), lower case, sorted
};

}  // namespace partner_center::model

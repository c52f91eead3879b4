#pragma once

// Country, market, culture and language lookups over the generated tables. Codes and cultures
// compare ASCII-case-insensitively: the service accepts "EN-US" and "En" (the request example of
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller).
// No allocation.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/text.hpp>
#include <partner_center/model/detail/country_data.hpp>  // tools/generate_country_data.py

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace partner_center::model {

// A Partner Center market: a row of the supported languages and locales table.
struct market_view {
  std::string_view alpha2;
  std::string_view name;
  std::span<const std::string_view> cultures;  // the preferred culture first
};

namespace detail {

// Binary search of a table sorted by text::icompare on key(element): the index of the match,
// or table.size(). An index rather than a pointer: GCC's -fsanitize=undefined makes pointer
// comparisons non-constant. <algorithm> is not worth its include cost for this.
template <class Table, class Key>
constexpr std::size_t ifind(const Table& table, std::string_view wanted, Key key) noexcept {
  std::size_t low = 0;
  std::size_t high = table.size();
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    const int order = text::icompare(key(table[mid]), wanted);
    if (order == 0) {
      return mid;
    }
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return table.size();
}

template <class Table>
constexpr bool icontains(const Table& table, std::string_view wanted) noexcept {
  return ifind(table, wanted, [](std::string_view s) { return s; }) != table.size();
}

// Two-letter codes (countries, languages) index a 26 x 26 table directly: one load instead of a
// binary search of up to eight case-insensitive comparisons. Any other text has no slot.
inline constexpr std::size_t two_letter_slots = 26 * 26;
inline constexpr std::size_t no_slot = two_letter_slots;

constexpr std::size_t two_letter_slot(std::string_view code) noexcept {
  if (code.size() != 2)
    return no_slot;
  const char first = text::ascii_lower(code[0]);
  const char second = text::ascii_lower(code[1]);
  if (first < 'a' || first > 'z' || second < 'a' || second > 'z')
    return no_slot;
  return static_cast<std::size_t>(first - 'a') * 26 + static_cast<std::size_t>(second - 'a');
}

// Slot -> index + 1 in `table` (0: not there), made at compile time from the generated table.
template <const auto& Table, class Key>
constexpr auto index_two_letter_codes(Key key) {
  static_assert(Table.size() < 0xFFFF);
  std::array<std::uint16_t, two_letter_slots> slots{};
  for (std::size_t i = 0; i < Table.size(); ++i)
    slots[two_letter_slot(key(Table[i]))] = static_cast<std::uint16_t>(i + 1);
  return slots;
}

inline constexpr auto market_slots =
    index_two_letter_codes<supported_markets>([](const market& m) { return m.alpha2; });
inline constexpr auto language_slots =
    index_two_letter_codes<supported_languages>([](std::string_view l) { return l; });
inline constexpr auto registration_number_slots =
    index_two_letter_codes<registration_number_countries>([](std::string_view c) { return c; });

// Whether `code` is in the table `slots` indexes.
constexpr bool in_slots(const std::array<std::uint16_t, two_letter_slots>& slots,
                        std::string_view code) noexcept {
  const std::size_t slot = two_letter_slot(code);
  return slot != no_slot && slots[slot] != 0;
}

}  // namespace detail

// The ISO 3166-1 short name (iso-codes "name"), e.g. "GB" -> "United Kingdom".
constexpr std::optional<std::string_view> iso_country_name(std::string_view alpha2) noexcept {
  const auto& table = detail::iso_3166_countries;
  const std::size_t i =
      detail::ifind(table, alpha2, [](const detail::iso_country& c) { return c.alpha2; });
  if (i == table.size()) {
    return std::nullopt;
  }
  return table[i].name;
}

// The market for a country code. Not every ISO country is a market, and the table keeps a few
// codes ISO does not assign (AN, XE, XJ, XK, XS), as the supported languages and locales list
// them:
// https://learn.microsoft.com/partner-center/developer/partner-center-supported-languages-and-locales
constexpr std::optional<market_view> find_market(std::string_view alpha2) noexcept {
  const std::size_t slot = detail::two_letter_slot(alpha2);
  if (slot == detail::no_slot || detail::market_slots[slot] == 0) {
    return std::nullopt;
  }
  const detail::market& found = detail::supported_markets[detail::market_slots[slot] - 1U];
  const std::span<const std::string_view> all{detail::market_cultures};
  return market_view{found.alpha2, found.name,
                     all.subspan(found.first_culture, found.culture_count)};
}

// billingProfile.culture must be one of the address country's cultures (README.md, "The create
// request's rules"). The cultures of each country are those of
// https://learn.microsoft.com/partner-center/developer/partner-center-supported-languages-and-locales
constexpr bool is_supported_culture(std::string_view alpha2, std::string_view culture) noexcept {
  const auto market = find_market(alpha2);
  if (!market) {
    return false;
  }
  for (const std::string_view candidate : market->cultures) {
    if (text::iequals(candidate, culture)) {
      return true;
    }
  }
  return false;
}

// Any market's culture; for when the country is unknown or checked elsewhere.
constexpr bool is_supported_culture(std::string_view culture) noexcept {
  return detail::icontains(detail::supported_cultures, culture);
}

// billingProfile.language: the language subtag of some supported culture ("az" from
// "az-Latn-AZ"). Country rules from the service may list more (PT answers "pt-PT":
// https://github.com/microsoft/Partner-Center-PowerShell/issues/383).
constexpr bool is_supported_language(std::string_view two_letter) noexcept {
  return detail::in_slots(detail::language_slots, two_letter);
}

// Whether companyProfile.organizationRegistrationNumber is required for this country; the
// address phone number is then required too. The 24 countries the docs list since 2021-03-30
// (https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile).
constexpr bool needs_registration_number(std::string_view alpha2) noexcept {
  return detail::in_slots(detail::registration_number_slots, alpha2);
}

// The code to use instead of a common mistake: "UK" is not ISO 3166-1 and the service answers
// "No validation rules were found for the country/region UK"
// (https://github.com/MicrosoftDocs/partner-center-docs-powershell/issues/147).
constexpr std::optional<std::string_view> suggested_country(std::string_view alpha2) noexcept {
  if (text::iequals(alpha2, "UK")) {
    return std::string_view{"GB"};
  }
  return std::nullopt;
}

}  // namespace partner_center::model

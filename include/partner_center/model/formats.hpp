#pragma once

// Shape checks of Partner Center values, as pure functions the rules tables point to. Each says
// where its shape comes from, since the service documents few of them.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/detail/swar.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/detail/unicode_letters_numbers.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace partner_center::model::detail {

// Whether cp lies in one of the sorted, disjoint ranges: a binary search, at most
// ceil(log2(N + 1)) comparisons of two bounds (9 for the 420 ranges below U+10000).
template <class CodePoint, std::size_t N>
constexpr bool in_ranges(const std::array<code_point_range<CodePoint>, N>& ranges,
                         std::uint32_t cp) noexcept {
  std::size_t low = 0;
  std::size_t high = N;  // the range that can hold cp is in [low, high)
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (cp < ranges[middle].first)
      high = middle;
    else if (cp > ranges[middle].last)
      low = middle + 1;
    else
      return true;
  }
  return false;
}

constexpr bool is_guid_bytewise(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? s[i] != '-' : !text::is_hex_digit(s[i]))
      return false;
  }
  return true;
}

inline bool all_hex_digits(std::uint64_t w) noexcept {
  using partner_center::detail::swar::highs;
  using partner_center::detail::swar::ones;
  if ((w & highs) != 0)
    return false;
  using partner_center::detail::swar::bytes_in_range;
  const std::uint64_t digits = bytes_in_range(w, '0', '9');
  const std::uint64_t letters = bytes_in_range(w | (ones * 0x20u), 'a', 'f');
  return (digits | letters) == highs;
}

}  // namespace partner_center::model::detail

namespace partner_center::model::formats {

// 8-4-4-4-12 hexadecimal digits, the form .NET's Guid.ToString() gives and the service's
// examples use (associatedPartnerId, tenant ids).
constexpr bool is_guid(std::string_view s) noexcept {
  if (s.size() != 36)
    return false;
  if (std::is_constant_evaluated())
    return detail::is_guid_bytewise(s);
  // The 32 digits as four words: 0-7, 9-12 with 14-17, 19-22 with 24-27, 28-35.
  using partner_center::detail::swar::load;
  using partner_center::detail::swar::load4;
  const char* p = s.data();
  return s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
         detail::all_hex_digits(load(p)) &&
         detail::all_hex_digits(load4(p + 9) | (load4(p + 14) << 32)) &&
         detail::all_hex_digits(load4(p + 19) | (load4(p + 24) << 32)) &&
         detail::all_hex_digits(load(p + 28));
}

inline constexpr std::string_view guid_pattern =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

// The prefix of an initial domain: 1 to 27 letters or digits. Says who: PowerShell's
// New-PartnerCustomer allows 17..43 characters = at most 27 + ".onmicrosoft.com"
// (microsoft/Partner-Center-PowerShell, src/PowerShell/Commands/NewPartnerCustomer.cs);
// Storefront (microsoft/Partner-Center-Storefront, src/Storefront/Models/CustomerViewModel.cs)
// and the Azure portal (https://github.com/MicrosoftDocs/azure-docs/issues/96332) allow letters
// and digits only.
inline constexpr std::size_t max_domain_prefix = 27;

constexpr bool is_domain_prefix(std::string_view prefix) noexcept {
  if (prefix.empty() || prefix.size() > max_domain_prefix)
    return false;
  for (const char c : prefix) {
    if (!text::is_ascii_alnum(c))
      return false;
  }
  return true;
}

// `<prefix><suffix>` where suffix starts with '.', compared case-insensitively.
constexpr bool is_domain_with_suffix(std::string_view domain, std::string_view suffix) noexcept {
  if (domain.size() <= suffix.size())
    return false;
  const std::string_view tail = domain.substr(domain.size() - suffix.size());
  return text::iequals(tail, suffix) &&
         is_domain_prefix(domain.substr(0, domain.size() - suffix.size()));
}

inline constexpr std::string_view onmicrosoft_suffix = ".onmicrosoft.com";

// One mailbox address: a local part of 1..64 characters, '@', a domain of dot-separated
// non-empty labels with at least one dot, 254 characters at most in all (RFC 5321 §4.5.3.1), no
// white space, no second '@'. Deliberately not the whole RFC 5322 grammar: the service documents
// no format, and quoted local parts are not what billing contacts use.
constexpr bool is_email_address(std::string_view s) noexcept {
  if (s.size() > 254)
    return false;
  // One pass: where the '@' is, that there is one, and what the domain's dots look like.
  std::size_t at = std::string_view::npos;
  bool dot_in_domain = false;
  char previous = '\0';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F || c == ',' || c == ';' || c == '<' || c == '>')
      return false;
    if (c == '@') {
      if (at != std::string_view::npos)
        return false;
      at = i;
    } else if (c == '.' && at != std::string_view::npos) {
      if (previous == '.' || previous == '@')
        return false;  // an empty label: "..", or a domain starting with '.'
      dot_in_domain = true;
    }
    previous = c;
  }
  return at != std::string_view::npos && at != 0 && at <= 64 && at + 1 < s.size() &&
         dot_in_domain && s.back() != '.';
}

inline constexpr std::string_view email_pattern =
    R"(^(?=.{1,254}$)[^@\x00-\x20\x7F,;<>]{1,64}@[^@\x00-\x20\x7F,;<>.]+(\.[^@\x00-\x20\x7F,;<>.]+)+$)";

// ISO 639-1: two letters, any case (the documented request sends "En").
constexpr bool is_two_letter_language(std::string_view s) noexcept {
  return s.size() == 2 && text::is_ascii_alpha(s[0]) && text::is_ascii_alpha(s[1]);
}

inline constexpr std::string_view two_letter_language_pattern = "^[A-Za-z]{2}$";

// A letter or digit of any script: a code point whose Unicode General_Category is a letter (Lu
// Ll Lt Lm Lo) or a number (Nd Nl No), from the Unicode Character Database
// (detail/unicode_letters_numbers.hpp, generated by tools/generate_unicode_classes.py). Marks,
// symbols (emoji), punctuation, spaces, private-use, format and unassigned code points are not.
constexpr bool is_letter_or_digit(std::uint32_t cp) noexcept {
  if (cp < 0x100)
    return ((detail::latin1_letters_numbers[cp / 64] >> (cp % 64)) & 1U) != 0;
  if (cp < 0x10000)
    return detail::in_ranges(detail::bmp_letters_numbers, cp);
  return detail::in_ranges(detail::astral_letters_numbers, cp);
}

// Partner Center refuses a company name of one character or of only special characters or
// white space (Validate company names, "Company name rules", since September 22, 2021:
// https://learn.microsoft.com/partner-center/customers/validate-names-addresses).
constexpr bool is_company_name(std::string_view s) noexcept {
  if (text::utf16_length(s) < 2)
    return false;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_letter_or_digit(text::next_code_point(s, i)))
      return true;
  }
  return false;
}

}  // namespace partner_center::model::formats

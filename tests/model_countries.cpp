// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/model/countries.hpp>

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace model_countries_test {

namespace pcm = partner_center::model;
using namespace std::string_view_literals;

namespace {

template <class Table, class Key>
bool strictly_sorted(const Table& table, Key key) {
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (partner_center::text::icompare(key(table[i - 1]), key(table[i])) >= 0) {
      return false;
    }
  }
  return true;
}

std::string_view same(std::string_view s) {
  return s;
}

std::vector<std::string_view> cultures_of(std::string_view alpha2) {
  const auto market = pcm::find_market(alpha2);
  if (!market) {
    return {};
  }
  return {market->cultures.begin(), market->cultures.end()};
}

}  // namespace

TEST_CASE("find_market returns the market and its cultures in the table's order") {
  const auto belgium = pcm::find_market("BE");
  REQUIRE(belgium);
  CHECK(belgium->alpha2 == "BE");
  CHECK(belgium->name == "Belgium");
  CHECK(cultures_of("BE") == std::vector{"fr-BE"sv, "nl-BE"sv, "en-US"sv});

  // The two markets without the en-US fallback (the table of
  // https://learn.microsoft.com/partner-center/developer/partner-center-supported-languages-and-locales).
  CHECK(cultures_of("MZ") == std::vector{"pt-PT"sv});
  CHECK(cultures_of("SR") == std::vector{"nl-NL"sv});
  CHECK(cultures_of("ES") == std::vector{"es-ES"sv, "ca-ES"sv, "eu-ES"sv, "gl-ES"sv, "en-US"sv});
  CHECK(pcm::find_market("TR")->name == "Türkiye");
}

TEST_CASE("every market but MZ and SR offers en-US") {
  for (const auto& m : pcm::detail::supported_markets) {
    const bool has_en_us = pcm::is_supported_culture(m.alpha2, "en-US");
    INFO(m.alpha2);
    CHECK(has_en_us == (m.alpha2 != "MZ" && m.alpha2 != "SR"));
  }
}

TEST_CASE("codes and cultures compare case-insensitively") {
  REQUIRE(pcm::find_market("us"));
  CHECK(pcm::find_market("us")->alpha2 == "US");
  CHECK(pcm::find_market("Be")->name == "Belgium");
  CHECK(pcm::is_supported_culture("us", "en-us"));
  CHECK(pcm::is_supported_culture("US", "EN-US"));
  CHECK(pcm::is_supported_culture("az", "AZ-latn-az"));
  CHECK(pcm::is_supported_culture("sr-cyrl-rs"));
  CHECK(pcm::is_supported_language("EN"));
  CHECK(pcm::needs_registration_number("ru"));
  CHECK(pcm::iso_country_name("gb") == "United Kingdom");
}

TEST_CASE("a culture belongs to its market only") {
  CHECK(pcm::is_supported_culture("US", "es-US"));
  CHECK_FALSE(pcm::is_supported_culture("US", "pt-PT"));
  CHECK(pcm::is_supported_culture("pt-PT"));
  CHECK_FALSE(pcm::is_supported_culture("MZ", "en-US"));
  CHECK_FALSE(pcm::is_supported_culture("BE", "fr-FR"));
  CHECK_FALSE(pcm::is_supported_culture("QQ", "en-US"));
  CHECK_FALSE(pcm::is_supported_culture("en-XX"));
  CHECK_FALSE(pcm::is_supported_culture("en"));
  CHECK_FALSE(pcm::is_supported_culture("en-US "));
  CHECK_FALSE(pcm::is_supported_culture(""));
}

TEST_CASE("unknown and malformed codes are not found") {
  for (const std::string_view code : {"QQ"sv, ""sv, "U"sv, "USA"sv, "U "sv, "ZZ"sv}) {
    INFO(code);
    CHECK_FALSE(pcm::find_market(code));
    CHECK_FALSE(pcm::iso_country_name(code));
    CHECK_FALSE(pcm::needs_registration_number(code));
    CHECK_FALSE(pcm::suggested_country(code));
  }
}

TEST_CASE("UK is not a country code; GB is suggested") {
  CHECK_FALSE(pcm::find_market("UK"));
  CHECK_FALSE(pcm::iso_country_name("UK"));
  CHECK(pcm::suggested_country("UK") == "GB");
  CHECK(pcm::suggested_country("uk") == "GB");
  CHECK(pcm::find_market(*pcm::suggested_country("UK")));
  CHECK_FALSE(pcm::suggested_country("GB"));
  CHECK_FALSE(pcm::suggested_country("US"));
}

TEST_CASE("the 24 registration-number countries, and no other") {
  // The 2020 list, then the 2021-03-30 additions, of
  // https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile.
  constexpr std::array<std::string_view, 24> expected{
      "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN",
      "BR", "ZA", "PL", "AE", "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE"};
  for (const std::string_view code : expected) {
    INFO(code);
    CHECK(pcm::needs_registration_number(code));
    CHECK(pcm::find_market(code));
  }
  CHECK(pcm::detail::registration_number_countries.size() == expected.size());
  CHECK_FALSE(pcm::needs_registration_number("US"));
  CHECK_FALSE(pcm::needs_registration_number("GB"));
  CHECK_FALSE(pcm::needs_registration_number("PT"));
}

TEST_CASE("the 26 x 26 tables find what a search of the sorted tables finds, for every code") {
  namespace detail = partner_center::model::detail;
  const auto searched = [](const auto& table, std::string_view code, auto key) {
    return detail::ifind(table, code, key) != table.size();
  };
  const auto itself = [](std::string_view s) {
    return s;
  };
  std::size_t markets = 0;
  std::size_t languages = 0;
  std::size_t registration = 0;
  for (char first = 'A'; first <= 'Z'; ++first) {
    for (char second = 'A'; second <= 'Z'; ++second) {
      for (const bool lower : {false, true}) {
        const char code[2] = {lower ? static_cast<char>(first + 32) : first, second};
        const std::string_view c(code, 2);
        CAPTURE(c);
        const bool market = searched(detail::supported_markets, c,
                                     [](const detail::market& m) { return m.alpha2; });
        CHECK(pcm::find_market(c).has_value() == market);
        if (market)
          CHECK(partner_center::text::iequals(pcm::find_market(c)->alpha2, c));
        const bool language = searched(detail::supported_languages, c, itself);
        CHECK(pcm::is_supported_language(c) == language);
        const bool needed = searched(detail::registration_number_countries, c, itself);
        CHECK(pcm::needs_registration_number(c) == needed);
        markets += market && !lower ? 1 : 0;
        languages += language && !lower ? 1 : 0;
        registration += needed && !lower ? 1 : 0;
      }
    }
  }
  CHECK(markets == detail::supported_markets.size());
  CHECK(languages == detail::supported_languages.size());
  CHECK(registration == detail::registration_number_countries.size());
  for (const std::string_view other :
       {"", "U", "USA", "U1", "1U", "@A", "[A", "`a", "{a", "\xC3\xBC"}) {
    CAPTURE(other);
    CHECK_FALSE(pcm::find_market(other));
    CHECK_FALSE(pcm::is_supported_language(other));
    CHECK_FALSE(pcm::needs_registration_number(other));
  }
}

TEST_CASE("ISO 3166-1 names") {
  CHECK(pcm::iso_country_name("DE") == "Germany");
  CHECK(pcm::iso_country_name("AD") == "Andorra");
  CHECK(pcm::iso_country_name("ZW") == "Zimbabwe");
  // Markets the table lists under codes ISO does not assign.
  for (const std::string_view code : {"AN"sv, "XE"sv, "XJ"sv, "XK"sv, "XS"sv}) {
    INFO(code);
    CHECK(pcm::find_market(code));
    CHECK_FALSE(pcm::iso_country_name(code));
  }
  CHECK(pcm::find_market("XK")->name == "Kosovo");
}

TEST_CASE("every other market is an ISO country") {
  for (const auto& m : pcm::detail::supported_markets) {
    if (m.alpha2 == "AN" || m.alpha2 == "XE" || m.alpha2 == "XJ" || m.alpha2 == "XK" ||
        m.alpha2 == "XS") {
      continue;
    }
    INFO(m.alpha2);
    CHECK(pcm::iso_country_name(m.alpha2));
  }
}

TEST_CASE("supported languages are the language subtags of the cultures") {
  CHECK(pcm::is_supported_language("en"));
  CHECK(pcm::is_supported_language("pt"));
  CHECK(pcm::is_supported_language("az"));  // from az-Latn-AZ only
  CHECK(pcm::is_supported_language("Pt"));
  CHECK_FALSE(pcm::is_supported_language("xx"));
  CHECK_FALSE(pcm::is_supported_language("pt-PT"));
  CHECK_FALSE(pcm::is_supported_language(""));
  for (const std::string_view language : pcm::detail::supported_languages) {
    INFO(language);
    CHECK(language.size() == 2);
  }
}

TEST_CASE("the generated tables are sorted the way the lookups search them") {
  using namespace pcm::detail;
  CHECK(strictly_sorted(iso_3166_countries, [](const iso_country& c) { return c.alpha2; }));
  CHECK(strictly_sorted(supported_markets, [](const market& m) { return m.alpha2; }));
  CHECK(strictly_sorted(supported_cultures, same));
  CHECK(strictly_sorted(supported_languages, same));
  CHECK(strictly_sorted(registration_number_countries, same));
  CHECK(strictly_sorted(builtin_country_rules, [](const builtin_rules& r) { return r.alpha2; }));
}

TEST_CASE("market culture ranges tile market_cultures and name only known cultures") {
  using namespace pcm::detail;
  std::vector<int> uses(market_cultures.size(), 0);
  for (const auto& m : supported_markets) {
    INFO(m.alpha2);
    REQUIRE(m.culture_count > 0);
    REQUIRE(m.first_culture + m.culture_count <= market_cultures.size());
    for (std::size_t i = m.first_culture; i < m.first_culture + m.culture_count; ++i) {
      ++uses[i];
    }
  }
  for (std::size_t i = 0; i < uses.size(); ++i) {
    INFO(i);
    CHECK(uses[i] == 1);
    CHECK(pcm::is_supported_culture(market_cultures[i]));
  }
}

TEST_CASE("built-in country rules are the captured responses") {
  using pcm::detail::builtin_country_rules;
  REQUIRE(builtin_country_rules.size() == 2);
  const auto& pt = builtin_country_rules[0];
  const auto& us = builtin_country_rules[1];
  CHECK(pt.alpha2 == "PT");
  CHECK(us.alpha2 == "US");
  CHECK(us.json.starts_with(R"({"iso2Code":"US","defaultCulture":"en-US",)"));
  CHECK(us.json.ends_with(R"("attributes":{"objectType":"CountryValidationRules"}})"));
  // Re-serialization keeps the regexes' JSON escapes.
  constexpr std::string_view phone =
      R"("phoneNumberRegex":"^(1[ \\-\\/\\.]?)?(\\((\\d{3})\\)|(\\d{3}))[ \\-\\/\\.]?(\\d{3})[ \\-\\/\\.]?(\\d{4})$")";
  CHECK(us.json.find(phone) != std::string_view::npos);
  CHECK(pt.json.find(R"("vatIdRegex":"^PT[\\d]{9,9}$")") != std::string_view::npos);
  // No phoneNumberRegex key at all in PT's answer
  // (https://github.com/microsoft/Partner-Center-PowerShell/issues/383).
  CHECK(pt.json.find("phoneNumberRegex") == std::string_view::npos);
  CHECK(pt.json.find(' ') == std::string_view::npos);
}

TEST_CASE("lookups are usable in constant expressions") {
  STATIC_REQUIRE(pcm::needs_registration_number("KZ"));
  STATIC_REQUIRE(pcm::is_supported_culture("BE", "nl-be"));
  STATIC_REQUIRE(pcm::is_supported_language("az"));
  STATIC_REQUIRE(pcm::find_market("MZ")->cultures.size() == 1);
  STATIC_REQUIRE(*pcm::suggested_country("UK") == "GB");
  STATIC_REQUIRE(*pcm::iso_country_name("PT") == "Portugal");
}

}  // namespace model_countries_test

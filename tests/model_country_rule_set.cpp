// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_rules_files.hpp>

#include "support/files.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace model_country_rule_set_test {

namespace pcm = partner_center::model;
namespace fs = std::filesystem;
using Catch::Matchers::ContainsSubstring;
using partner_center::test::temp_directory;

namespace {

pcm::pattern_match test(std::string_view pattern, std::string_view value) {
  auto compiled = pcm::country_pattern::compile(pattern);
  REQUIRE(compiled);
  return compiled->test(value);
}

std::string compile_error(std::string_view pattern) {
  auto compiled = pcm::country_pattern::compile(pattern);
  REQUIRE_FALSE(compiled);
  return compiled.error();
}

const std::string* postal_code_pattern(const pcm::country_rule_set& set, std::string_view iso2) {
  const pcm::country_rules* rules = set.find(iso2);
  REQUIRE(rules != nullptr);
  return rules->postal_code() != nullptr ? &rules->postal_code()->text() : nullptr;
}

}  // namespace

TEST_CASE("the built-in rule set holds the captured US and PT rules, compiled") {
  const auto& set = pcm::country_rule_set::builtin();
  REQUIRE(set);
  CHECK(set.get() == pcm::country_rule_set::builtin().get());  // built once
  REQUIRE(set->size() == 2);
  CHECK(set->countries()[0]->iso2() == "PT");
  CHECK(set->countries()[1]->iso2() == "US");

  const pcm::country_rules* us = set->find("us");  // case-insensitive
  REQUIRE(us != nullptr);
  CHECK(us->iso2() == "US");
  CHECK(us->source() == "built-in");
  CHECK(us->data().defaultCulture == "en-US");
  REQUIRE(us->postal_code() != nullptr);
  CHECK(us->postal_code()->text() == R"(^\d{5}(-\d{4})?$)");
  CHECK(us->phone_number() != nullptr);
  CHECK(us->registration_number() == nullptr);
  CHECK(us->vat_id() == nullptr);
  CHECK(us->lists_state("WA"));
  CHECK(us->lists_state("wa"));
  CHECK_FALSE(us->lists_state("XX"));

  const pcm::country_rules* pt = set->find("Pt");
  REQUIRE(pt != nullptr);
  CHECK(pt->phone_number() == nullptr);  // PT's response has no phoneNumberRegex
  CHECK(pt->vat_id() != nullptr);
  CHECK(pt->states() == nullptr);  // an empty list is no list
  CHECK(pt->lists_culture("PT-pt"));
  CHECK(pt->lists_language("pt"));  // from "pt-PT"
  CHECK(pt->lists_language("EN"));
  CHECK_FALSE(pt->lists_language("es"));

  CHECK(set->find("DE") == nullptr);
  CHECK(set->find("") == nullptr);
  CHECK(set->find("USA") == nullptr);
}

TEST_CASE("country_pattern matches as .NET's Regex.IsMatch does") {
  using enum pcm::pattern_match;
  CHECK(test(R"(^\d{5}(-\d{4})?$)", "98052") == matched);
  CHECK(test(R"(^\d{5}(-\d{4})?$)", "98052-6399") == matched);
  CHECK(test(R"(^\d{5}(-\d{4})?$)", "9805") == not_matched);
  CHECK(test(R"(^\d{5}(-\d{4})?$)", "") == not_matched);
  // A search: a pattern without anchors is found anywhere, as Regex.IsMatch finds it.
  CHECK(test(R"(\d{3})", "ab123cd") == matched);
  // A pattern whose every branch starts with ^ is matched at the start only (and faster); one
  // with a branch that does not is still searched for along the value.
  CHECK(test("^a|^b", "xb") == not_matched);
  CHECK(test("^a|^b", "b") == matched);
  CHECK(test("^a|b", "xb") == matched);
  CHECK(test("^a|b", "xa") == not_matched);
  CHECK(test("(?:^a|^b)c", "xbc") == not_matched);
  CHECK(test("(?:^a|^b)c", "bc") == matched);
  // ^ and $ anchor the whole value, not a line of it; `.` does not match a newline.
  CHECK(test(R"(^\d{5}$)", "98052\nabc") == not_matched);
  CHECK(test(R"(^\d{5}$)", "abc\n98052") == not_matched);
  CHECK(test(R"(^a.b$)", "a\nb") == not_matched);
  CHECK(test(R"(^a.b$)", "a-b") == matched);
  // `$` also matches before a final line feed, and `.` matches a carriage return, as .NET's do:
  // https://learn.microsoft.com/dotnet/standard/base-types/anchors-in-regular-expressions and
  // https://learn.microsoft.com/dotnet/standard/base-types/character-classes-in-regular-expressions
  CHECK(test(R"(^\d{5}$)", "98052\n") == matched);
  CHECK(test(R"(^\d{5}$)", "98052\n\n") == not_matched);
  CHECK(test(R"(^\d{5}\z)", "98052\n") == not_matched);
  CHECK(test(R"(^a.b$)", "a\rb") == matched);
  // A character is a code point, as it is one UTF-16 unit for .NET in the Basic Multilingual
  // Plane; `\d` stays ASCII digits where .NET's is any Unicode digit.
  CHECK(test("^Z.rich$", "Zürich") == matched);
  CHECK(test(R"(^[À-ÿ]+$)", "ÿ") == matched);
  CHECK(test(R"(^\d+$)", "١٢٣") == not_matched);
  // .NET syntax beyond ECMAScript's: \uXXXX, named groups and their backreferences, lookahead.
  CHECK(test(R"(^\u00FC$)", "ü") == matched);
  CHECK(test(R"(^(?<d>\d)\k<d>$)", "11") == matched);
  CHECK(test(R"(^(?<d>\d)\k<d>$)", "12") == not_matched);
  CHECK(test(R"(^(?!0{5})\d{5}$)", "00000") == not_matched);
  CHECK(test(R"(^(?!0{5})\d{5}$)", "00501") == matched);
}

TEST_CASE("country_pattern turns a pathological pattern into a limit, promptly") {
  using enum pcm::pattern_match;
  auto compiled = pcm::country_pattern::compile("^(a+)+$");
  REQUIRE(compiled);
  // 100 KB: over the length bound, not even tried.
  const std::string huge = std::string(100 * 1024, 'a') + "!";
  CHECK(compiled->test(huge) == too_long);
  // Short enough to try: catastrophic backtracking uses up the match budget.
  const std::string short_enough = std::string(200, 'a') + "!";
  CHECK(compiled->test(short_enough) == too_complex);
  CHECK(compiled->test("aaaa") == matched);

  // The bound counts UTF-16 units, as the service does: 256 is tried, 257 is not.
  CHECK(test("^a*$", std::string(256, 'a')) == matched);
  CHECK(test("^a*$", std::string(257, 'a')) == too_long);
  std::string pairs;  // U+1F600: four UTF-8 bytes, two UTF-16 units
  for (int i = 0; i < 128; ++i)
    pairs += "\xF0\x9F\x98\x80";
  CHECK(test("^.*$", pairs) == matched);
  CHECK(test("^.*$", pairs + "a") == too_long);
}

TEST_CASE("country_pattern gives a whole search one budget, not one per start position") {
  using enum pcm::pattern_match;
  // About 2.5 steps per remaining character at each start position: some 700 from the first,
  // some 80,000 over all 256. PCRE2 restarts its match limit at each start position, so searched
  // plainly this would be decided; as one anchored match it runs out of the budget.
  const std::string value(pcm::country_pattern::max_value_length, 'a');
  CHECK(test("(?:a|b)+[xy]", value) == too_complex);
  // Anchored by the pattern itself, it is tried at the start only and is decided.
  CHECK(test("^(?:a|b)+[xy]", value) == not_matched);
}

TEST_CASE("country_pattern bounds the effort of one match, whatever the pattern and the value") {
  // The pattern fuzzing found (it starts ^(a+)+$, then literals) loads like any other.
  auto builder = pcm::country_rule_set_builder::empty();
  const auto loaded = add_country_rules_file(
      builder, fs::path(PARTNER_CENTER_SOURCE_DIR) / "tests/data/country-rules-backtracking.json");
  REQUIRE(loaded);
  const pcm::country_pattern* found = builder.build()->find("ZZ")->postal_code();
  REQUIRE(found != nullptr);
  REQUIRE(found->text().starts_with("^(a+)+$PPPP"));

  // Classic shapes of catastrophic backtracking, nested and in lookaround, against values of the
  // longest length tried, built to make each backtrack as much as it can.
  std::vector<pcm::country_pattern> patterns{*found};
  for (const char* pattern : {"^(a+)+$", "(a|aa)+b", R"(^(\d|\d\d)*x$)", "(?:(?=.*.*Z)a|a)+b",
                              "(?:(?=[^Z]*Z)(?=[^Y]*Y)a|a)+b", "(.*a){12}", R"(^(\w+\s?)*$)"}) {
    auto compiled = pcm::country_pattern::compile(pattern);
    REQUIRE(compiled);
    patterns.push_back(std::move(*compiled));
  }
  const std::size_t n = pcm::country_pattern::max_value_length;
  std::vector<std::string> values{std::string(n, 'a'),
                                  std::string(n - 1, 'a') + "!",
                                  std::string(n - 2, 'a') + "!b",
                                  std::string(n - 2, '1') + "x!",
                                  std::string(n - 6, 'a') + "PPPPP3",
                                  found->text().substr(0, n)};
  std::string words;
  while (words.size() + 4 < n)
    words += "ab c";
  values.push_back(words + "!");

  // About a millisecond at most per value in a release build (max_match_steps); the check allows
  // fifty times that, for sanitizers and a busy machine. Boost.Regex took 0.36 s on the first one.
  using clock = std::chrono::steady_clock;
  for (const auto& pattern : patterns) {
    for (const auto& value : values) {
      const auto start = clock::now();
      const pcm::pattern_match m = pattern.test(value);
      const auto took = clock::now() - start;
      CAPTURE(pattern.text(), value, static_cast<int>(m));
      CHECK(m != pcm::pattern_match::too_long);
      CHECK(took < std::chrono::milliseconds(50));
    }
  }
  // The fuzzed pattern is decided, not given up on: no 256-character value can match it.
  for (const auto& value : values)
    CHECK(found->test(value) == pcm::pattern_match::not_matched);
}

TEST_CASE("country_pattern gives the JIT only patterns whose groups are plain ones") {
  using pcm::detail::opens_only_plain_groups;
  // The service's patterns: capturing and non-capturing groups, classes, escapes.
  CHECK(opens_only_plain_groups(R"(^\d{5}(-\d{4})?$)"));
  CHECK(opens_only_plain_groups(
      R"(^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?(\d{4})$)"));
  CHECK(opens_only_plain_groups(R"(^(?:a|b)(?<d>\d)(?'e'x)(?P<f>y)\k<d>$)"));
  // What looks like a group but is a literal: escaped, quoted or inside a class.
  CHECK(opens_only_plain_groups(R"(^\(?=\d$)"));
  CHECK(opens_only_plain_groups(R"(^\Q(?=\E\d$)"));
  CHECK(opens_only_plain_groups(R"(^[(?=]\d$)"));
  CHECK(opens_only_plain_groups(R"(^[](?=]\d$)"));
  CHECK(opens_only_plain_groups(R"(^[\](?=]\d$)"));
  // Everything else keeps the interpreter: lookaround in every spelling, atomic groups,
  // conditionals, inline options, comments, backreferences by (?P=), verbs.
  for (const char* pattern :
       {"(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(*pla:a)", "(*positive_lookahead:a)", "(*ACCEPT)",
        "(?>a+)b", "(?(1)a|b)", "(?i)a", "(?i:a)", "(?#note)a", "(?P<n>a)(?P=n)", "(?|(a)|(b))",
        "a(?R)?", R"(\Q(\E(?=a))", "[[:alpha:](?=a)]", R"([a\]]|(?=a))"}) {
    CAPTURE(pattern);
    CHECK_FALSE(opens_only_plain_groups(pattern));
  }
  std::uint32_t has_jit = 0;
  pcre2_config_8(PCRE2_CONFIG_JIT, &has_jit);
  if (has_jit != 0) {
    CHECK(pcm::country_pattern::compile(R"(^\d{5}(-\d{4})?$)")->uses_jit());
    CHECK(pcm::country_pattern::compile(R"(\d{3})")->uses_jit());  // searched, and still JIT
    CHECK_FALSE(pcm::country_pattern::compile(R"(^(?!0{5})\d{5}$)")->uses_jit());
    CHECK_FALSE(pcm::country_pattern::compile("(?:(?=.*.*Z)a|a)+b")->uses_jit());
  }
}

TEST_CASE("country_pattern's JIT and PCRE2's interpreter give the same verdicts") {
  // The interpreter with the options and budget country_pattern.hpp documents; what the JIT
  // decides must be what it decides, the budget running out included.
  const auto interpreted = [](std::string_view pattern, std::string_view value) {
    const std::uint32_t options =
        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX | PCRE2_NEVER_BACKSLASH_C;
    pcre2_compile_context_8* compile_context = pcre2_compile_context_create_8(nullptr);
    pcre2_set_newline_8(compile_context, PCRE2_NEWLINE_LF);
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code_8* code = pcre2_compile_8(reinterpret_cast<PCRE2_SPTR8>(pattern.data()),
                                         pattern.size(), options, &error, &offset, compile_context);
    REQUIRE(code != nullptr);
    pcre2_match_context_8* match_context = pcre2_match_context_create_8(nullptr);
    pcre2_set_match_limit_8(match_context, pcm::country_pattern::max_match_steps);
    pcre2_set_heap_limit_8(match_context, pcm::country_pattern::max_match_memory_kib);
    pcre2_match_data_8* data = pcre2_match_data_create_8(1, nullptr);
    const int found = pcre2_match_8(code, reinterpret_cast<PCRE2_SPTR8>(value.data()), value.size(),
                                    0, 0, data, match_context);
    pcre2_match_data_free_8(data);
    pcre2_match_context_free_8(match_context);
    pcre2_code_free_8(code);
    pcre2_compile_context_free_8(compile_context);
    using enum pcm::pattern_match;
    return found >= 0 ? matched : found == PCRE2_ERROR_NOMATCH ? not_matched : too_complex;
  };
  const std::size_t n = pcm::country_pattern::max_value_length;
  std::vector<std::string> values{"98052",
                                  "98052-6399",
                                  "9805",
                                  "",
                                  "98052\n",
                                  "(425) 555-0101",
                                  "1-425-555-0101",
                                  "425.555.0101",
                                  "1234-567",
                                  "Zürich",
                                  "\xFF\xFE",
                                  std::string(n, 'a'),
                                  std::string(n - 1, 'a') + "!",
                                  std::string(n - 2, '1') + "x!",
                                  std::string(n - 6, 'a') + "PPPPP3"};
  std::string words;
  while (words.size() + 4 < n)
    words += "ab c";
  values.push_back(words + "!");
  std::size_t compared = 0;
  for (const char* pattern :
       {R"(^\d{5}(-\d{4})?$)",
        R"(^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?(\d{4})$)",
        R"(^\d{4}(-\d{3})?$)", R"(^PT[\d]{9,9}$)", "^(a+)+$", R"(^(\d|\d\d)*x$)", R"(^(\w+\s?)*$)",
        "^Z.rich$", R"(^(?<d>\p{L}+)\k<d>$)",
        // Deep enough that both run out of memory on 256 characters: the interpreter's heap
        // limit, the JIT's 32 KiB stack.
        "^((((((((((((((((a))))))))))))))))*$"}) {
    const auto compiled = pcm::country_pattern::compile(pattern);
    REQUIRE(compiled);
    for (const std::string& value : values) {
      CAPTURE(pattern, value);
      CHECK(compiled->test(value) == interpreted(pattern, value));
      ++compared;
    }
  }
  CHECK(compared == 10 * values.size());
}

TEST_CASE("country_pattern says why a pattern does not compile") {
  CHECK(compile_error(R"(^(\d{5}$)") ==
        R"(the regular expression "^(\d{5}$" does not compile: missing closing parenthesis )"
        R"((at offset 8))");
  CHECK(compile_error("[a-") ==
        R"(the regular expression "[a-" does not compile: missing terminating ] for character )"
        R"(class (at offset 3))");
  // PCRE2's start-of-pattern items would change what `.` and `$` mean, or the cost of a match;
  // .NET has none of them.
  CHECK(compile_error("(*CR)^a.b$") == R"(the regular expression "(*CR)^a.b$" does not compile: )"
                                       R"((*VERB) not recognized or malformed (at offset 4))");
  CHECK_THAT(compile_error("(*NO_JIT)^(a+)+$"), ContainsSubstring("(*VERB) not recognized"));
  // \C (one code unit) could split a character; .NET has no such escape either.
  CHECK(compile_error(R"(^\C$)") == R"(the regular expression "^\C$" does not compile: using \C )"
                                    R"(is disabled by the application (at offset 3))");
  CHECK(compile_error(std::string(1001, 'a')) ==
        "the regular expression has 1001 characters; at most 1000 are accepted");
}

TEST_CASE("country rules load from one object, replacing a country wholesale") {
  pcm::country_rule_set_builder builder;
  const auto loaded = builder.add_json(
      R"({"iso2Code":"pt","isStateRequired":true,"supportedStatesList":["LX"]})", "pt.json");
  REQUIRE(loaded);
  CHECK(loaded->countries == std::vector<std::string>{"PT"});
  CHECK(loaded->warnings.empty());

  const auto set = builder.build();
  CHECK(set->size() == 2);
  const pcm::country_rules* pt = set->find("PT");
  REQUIRE(pt != nullptr);
  CHECK(pt->source() == "pt.json");
  CHECK(pt->postal_code() == nullptr);  // not merged with the built-in PT rules
  CHECK(pt->data().isStateRequired == true);
  CHECK(pt->lists_state("LX"));
  // The built-in set is untouched.
  CHECK(*postal_code_pattern(*pcm::country_rule_set::builtin(), "PT") == R"(^\d{4}(-\d{3})?$)");
}

TEST_CASE("country rules load from an array, the later entry of a country winning") {
  auto builder = pcm::country_rule_set_builder::empty();
  const auto loaded = builder.add_json(R"([
      {"iso2Code":"GB","postalCodeRegex":"^[A-Z]{1,2}\\d"},
      {"iso2Code":"DE","postalCodeRegex":"^\\d{5}$","unexpected":true},
      {"iso2Code":"gb","postalCodeRegex":"^[A-Z]"}
    ])",
                                       "three.json");
  REQUIRE(loaded);
  CHECK(loaded->countries == std::vector<std::string>{"GB", "DE"});
  CHECK(loaded->warnings ==
        std::vector<std::string>{
            R"(three.json: /1/unexpected: unknown member "unexpected" is ignored)"});
  const auto set = builder.build();
  CHECK(set->size() == 2);  // empty(): no built-in rules
  CHECK(*postal_code_pattern(*set, "GB") == "^[A-Z]");
  CHECK(*postal_code_pattern(*set, "de") == R"(^\d{5}$)");
  CHECK(set->find("US") == nullptr);

  CHECK(builder.add_json("[]", "none.json"));
  CHECK(builder.build()->size() == 2);
}

TEST_CASE("malformed country rules are clear errors naming the source and the place") {
  pcm::country_rule_set_builder builder;
  SECTION("bad JSON") {
    const auto loaded =
        builder.add_json("{\"iso2Code\": \"US\",\n \"isCityRequired\": tru }", "bad.json");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message == "bad.json: line 2, column 20: not valid JSON");
  }
  SECTION("wrong types") {
    const auto loaded = builder.add_json(
        R"([{"iso2Code":"US","isStateRequired":"yes"},{"iso2Code":"PT","supportedStatesList":{}}])",
        "types.json");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message ==
          "types.json: /0/isStateRequired: isStateRequired must be true or false, not a string\n"
          "types.json: /1/supportedStatesList: supportedStatesList must be an array, not an "
          "object");
  }
  SECTION("a regex that does not compile") {
    const auto loaded =
        builder.add_json(R"({"iso2Code":"US","postalCodeRegex":"^(\\d{5}$"})", "regex.json");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message ==
          R"(regex.json: /postalCodeRegex: the regular expression "^(\d{5}$" does not compile: )"
          R"(missing closing parenthesis (at offset 8))");
  }
  SECTION("no country, or not a country code") {
    const auto loaded = builder.add_json(
        R"([{"postalCodeRegex":"^\\d$"},{"iso2Code":" "},{"iso2Code":"USA"}])", "codes.json");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message ==
          "codes.json: /0/iso2Code: iso2Code is required: it names the country the rules are "
          "for\n"
          "codes.json: /1/iso2Code: iso2Code is required: it names the country the rules are "
          "for\n"
          "codes.json: /2/iso2Code: iso2Code \"USA\" is not an ISO 3166-1 alpha-2 code (two "
          "letters)");
  }
  SECTION("not an object") {
    const auto loaded = builder.add_json(R"("US")", "string.json");
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message == "string.json: document must be an object, not a string");
  }
  SECTION("the same key twice") {
    const auto loaded = builder.add_json(R"({"iso2Code":"US","ISO2CODE":"PT"})", "twice.json");
    REQUIRE_FALSE(loaded);
    CHECK_THAT(loaded.error().message, ContainsSubstring("twice.json: /iso2Code: member iso2Code "
                                                         "appears more than once"));
  }
  // Whatever failed, nothing was loaded.
  const auto set = builder.build();
  CHECK(set->size() == 2);
  CHECK(set->find("US")->source() == "built-in");
  CHECK(set->find("PT")->source() == "built-in");
}

TEST_CASE("a failing load never half-loads") {
  pcm::country_rule_set_builder builder;
  const auto loaded = builder.add_json(
      R"([{"iso2Code":"DE","postalCodeRegex":"^\\d{5}$"},
          {"iso2Code":"US","postalCodeRegex":"^\\d{3}$"},
          {"iso2Code":"FR","phoneNumberRegex":"(("}])",
      "mixed.json");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, ContainsSubstring("mixed.json: /2/phoneNumberRegex: "));
  const auto set = builder.build();
  CHECK(set->find("DE") == nullptr);
  CHECK(set->find("FR") == nullptr);
  CHECK(*postal_code_pattern(*set, "US") == R"(^\d{5}(-\d{4})?$)");
}

TEST_CASE("a failed load's error converts to an exception on value()") {
  pcm::country_rule_set_builder builder;
  const auto loaded = builder.add_json("nope", "nope.json");
  REQUIRE_FALSE(loaded);
  CHECK_THROWS_AS(loaded.value(), std::runtime_error);
}

TEST_CASE("country rules load from a file, and a file's problems name it") {
  temp_directory dir;
  const fs::path good =
      dir.write("GB.json", "\xEF\xBB\xBF{\"iso2Code\":\"GB\",\"isCityRequired\":true}");
  const fs::path bad = dir.write("broken.json", R"({"iso2Code":"FR","postalCodeRegex":"[abc"})");

  pcm::country_rule_set_builder builder;
  const auto loaded = add_country_rules_file(builder, good);
  REQUIRE(loaded);
  CHECK(loaded->countries == std::vector<std::string>{"GB"});
  const auto set = builder.build();
  REQUIRE(set->find("GB") != nullptr);
  CHECK(set->find("GB")->source() == good.string());

  const auto failed = add_country_rules_file(builder, bad);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message ==
        bad.string() +
            R"(: /postalCodeRegex: the regular expression "[abc" does not compile: missing )"
            R"(terminating ] for character class (at offset 4))");

  const auto missing = add_country_rules_file(builder, dir.path() / "missing.json");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message,
             ContainsSubstring((dir.path() / "missing.json").string() + ": cannot read the file"));
  CHECK(builder.build()->find("FR") == nullptr);
}

// The README's table of limits: a country rules file of 16 MiB at most. A file of exactly that
// size is read; one byte more is refused by its size, before it is read (the NUL byte that makes
// it longer would otherwise be a JSON error).
TEST_CASE("a country rules file over 16 MiB is refused unread", "[limits]") {
  constexpr std::size_t limit = pcm::country_rule_set_builder::max_file_size;
  STATIC_REQUIRE(limit == std::size_t{16} * 1024 * 1024);
  const std::string rules = R"({"iso2Code":"GB","isCityRequired":true})";
  temp_directory dir;
  const fs::path file = dir.write("GB.json", rules + std::string(limit - rules.size(), ' '));
  REQUIRE(fs::file_size(file) == limit);
  pcm::country_rule_set_builder builder;
  const auto loaded = add_country_rules_file(builder, file);
  REQUIRE(loaded);
  CHECK(loaded->countries == std::vector<std::string>{"GB"});

  fs::resize_file(file, limit + 1);
  const auto refused = add_country_rules_file(builder, file);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message ==
        file.string() + ": the file has 16777217 bytes; at most 16777216 are read");
}

TEST_CASE("country rules load from a directory, file by file in name order") {
  temp_directory dir;
  dir.write("10-de.json", R"({"iso2Code":"DE","postalCodeRegex":"^\\d{4}$"})");
  dir.write("20-de.json", R"({"iso2Code":"DE","postalCodeRegex":"^\\d{5}$"})");
  dir.write("all.JSON", R"([{"iso2Code":"AT"},{"iso2Code":"CH"}])");
  dir.write("notes.txt", "not rules");
  dir.write("nested/FR.json", R"({"iso2Code":"FR"})");  // subdirectories are not read

  pcm::country_rule_set_builder builder;
  const auto loaded = add_country_rules_directory(builder, dir.path());
  REQUIRE(loaded);
  CHECK(loaded->countries == std::vector<std::string>{"DE", "AT", "CH"});
  const auto set = builder.build();
  CHECK(set->size() == 5);  // US, PT + DE, AT, CH
  CHECK(*postal_code_pattern(*set, "DE") == R"(^\d{5}$)");
  CHECK(set->find("DE")->source() == (dir.path() / "20-de.json").string());
  CHECK(set->find("FR") == nullptr);

  SECTION("one bad file loads nothing of the directory") {
    dir.write("30-bad.json", R"({"iso2Code":"NL","isCityRequired":"yes"})");
    dir.write("40-worse.json", "{");
    auto fresh = pcm::country_rule_set_builder();
    const auto failed = add_country_rules_directory(fresh, dir.path());
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message ==
          (dir.path() / "30-bad.json").string() +
              ": /isCityRequired: isCityRequired must be true or false, not a string\n" +
              (dir.path() / "40-worse.json").string() +
              ": line 1, column 2: the document ends too early");
    CHECK(fresh.build()->size() == 2);
  }
  SECTION("a directory without rules files is an error") {
    const auto absent = add_country_rules_directory(builder, dir.path() / "absent");
    REQUIRE_FALSE(absent);
    CHECK_THAT(absent.error().message,
               ContainsSubstring((dir.path() / "absent").string() + ": cannot list the directory"));
    temp_directory empty;
    empty.write("readme.txt", "");
    const auto none = add_country_rules_directory(builder, empty.path());
    REQUIRE_FALSE(none);
    CHECK(none.error().message == empty.path().string() + ": the directory holds no *.json file");
  }
}

TEST_CASE("load_country_rules takes files and directories over the built-in rules") {
  temp_directory dir;
  const fs::path file =
      dir.write("one/US.json", R"({"iso2Code":"US","postalCodeRegex":"^\\d{3}$"})");
  dir.write("many/GB.json", R"({"iso2Code":"GB"})");
  dir.write("many/IE.json", R"({"iso2Code":"IE"})");

  const std::vector<std::string> paths{file.string(), (dir.path() / "many").string()};
  const auto loaded = pcm::load_country_rules(paths);
  REQUIRE(loaded);
  const std::shared_ptr<const pcm::country_rule_set>& set = *loaded;
  CHECK(set->size() == 4);  // PT built in; US replaced; GB, IE added
  CHECK(*postal_code_pattern(*set, "US") == R"(^\d{3}$)");
  CHECK(set->find("PT")->source() == "built-in");
  CHECK(set->find("IE") != nullptr);

  CHECK(pcm::load_country_rules({})->get()->size() == 2);

  const std::vector<std::string> with_bad{file.string(), (dir.path() / "nope.json").string(),
                                          (dir.path() / "many").string()};
  const auto failed = pcm::load_country_rules(with_bad);
  REQUIRE_FALSE(failed);
  CHECK_THAT(failed.error().message,
             ContainsSubstring((dir.path() / "nope.json").string() + ": cannot read the file"));
}

}  // namespace model_country_rule_set_test

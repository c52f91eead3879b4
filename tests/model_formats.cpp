#include <partner_center/model/formats.hpp>

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace model_formats_test {

using namespace partner_center::model::formats;

TEST_CASE("GUIDs are 8-4-4-4-12 hex digits", "[formats]") {
  STATIC_REQUIRE(is_guid("484e548c-f5f3-4528-93a9-c16c6373cb59"));
  CHECK(is_guid("484E548C-F5F3-4528-93A9-C16C6373CB59"));
  CHECK_FALSE(is_guid("{484e548c-f5f3-4528-93a9-c16c6373cb59}"));
  CHECK_FALSE(is_guid("484e548cf5f3452893a9c16c6373cb59"));
  CHECK_FALSE(is_guid("484e548c-f5f3-4528-93a9-c16c6373cb5g"));
}

TEST_CASE("the word-at-a-time GUID check agrees with the byte loop on every byte at every place",
          "[formats]") {
  // The byte loop is what a constant expression runs (the STATIC_REQUIRE above).
  const std::string guid = "484e548c-f5f3-4528-93a9-c16c6373cb59";
  std::size_t accepted = 0;
  for (std::size_t at = 0; at < guid.size(); ++at) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string s = guid;
      s[at] = static_cast<char>(byte);
      CAPTURE(at, byte);
      const bool expected = partner_center::model::detail::is_guid_bytewise(s);
      CHECK(is_guid(s) == expected);
      accepted += expected ? 1 : 0;
    }
  }
  CHECK(accepted == 4 * 1 + 32 * 22);  // a dash where one goes; 0-9, a-f, A-F elsewhere
}

TEST_CASE("initial domains: 1..27 letters or digits and the suffix", "[formats]") {
  CHECK(is_domain_with_suffix("a.onmicrosoft.com", onmicrosoft_suffix));
  CHECK(is_domain_with_suffix(std::string(27, 'z') + ".OnMicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix(std::string(28, 'z') + ".onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("a_b.onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("a.b.onmicrosoft.com", onmicrosoft_suffix));
  CHECK_FALSE(is_domain_with_suffix("onmicrosoft.com", onmicrosoft_suffix));
}

TEST_CASE("email addresses", "[formats]") {
  CHECK(is_email_address("gena@wingtiptoys.com"));
  CHECK(is_email_address("first.last+tag@sub.example.co.uk"));
  CHECK_FALSE(is_email_address("gena@wingtiptoys"));
  CHECK_FALSE(is_email_address("gena@wingtiptoys..com"));
  CHECK_FALSE(is_email_address("a@b.com, c@d.com"));
  CHECK_FALSE(is_email_address("a@b.com;c@d.com"));
  // The edges of each part.
  CHECK(is_email_address(std::string(64, 'a') + "@b.co"));
  CHECK_FALSE(is_email_address(std::string(65, 'a') + "@b.co"));
  CHECK(is_email_address("a@" + std::string(249, 'b') + ".co"));  // 254 in all
  CHECK_FALSE(is_email_address("a@" + std::string(250, 'b') + ".co"));
  CHECK(is_email_address("a..b@c.d"));  // only the domain's labels must not be empty
  for (const char* refused : {"@b.co", "a@", "a@b", "a@.b.co", "a@b.co.", "a@b..co", "a@@b.co",
                              "a@b@c.co", "a b@c.co", "a@b.c\x7Fo", "a<b@c.co", ""}) {
    CAPTURE(refused);
    CHECK_FALSE(is_email_address(refused));
  }
}

TEST_CASE("company names and languages", "[formats]") {
  CHECK(is_company_name("Wingtip Toys"));
  CHECK(is_company_name("\xE6\x97\xA5\xE6\x9C\xAC"));        // 日本
  CHECK_FALSE(is_company_name("\xE2\x80\x94\xE2\x80\x94"));  // ——
  CHECK_FALSE(is_company_name("!"));
  CHECK(is_two_letter_language("En"));
  CHECK_FALSE(is_two_letter_language("e1"));
  CHECK_FALSE(is_two_letter_language("pt-PT"));
}

// A letter or digit is a code point of General_Category L (Lu Ll Lt Lm Lo) or N (Nd Nl No). The
// names below have no other letter or digit, so the one they test decides.
TEST_CASE("company names: symbols, marks, private use and format characters are not letters",
          "[formats]") {
  CHECK_FALSE(is_company_name("\xF0\x9F\x98\x80\xF0\x9F\x98\x80"));  // 😀😀 (So, astral)
  CHECK_FALSE(is_company_name("\xF0\x9F\x98\x80"));          // one 😀: 2 UTF-16 units, no letter
  CHECK_FALSE(is_company_name("\xCC\x81\xCC\x81"));          // U+0301 U+0301 combining acute (Mn)
  CHECK_FALSE(is_company_name("\xEE\x80\x80\xEE\x80\x81"));  // U+E000 U+E001 (Co)
  // U+E0041 U+E0042, the tag characters for A and B (Cf)
  CHECK_FALSE(is_company_name("\xF3\xA0\x81\x81\xF3\xA0\x81\x82"));
  CHECK_FALSE(is_company_name("\xEF\xBB\xBF\xEF\xBB\xBF"));  // U+FEFF U+FEFF (Cf)
  CHECK_FALSE(is_company_name("\xF0\x9D\x9B\x81-"));         // U+1D6C1 𝛁 (Sm, astral)
  CHECK_FALSE(is_company_name("\xE2\x80\x94\xE2\x80\x94"));  // —— (Pd)
}

TEST_CASE("company names: letters and digits of any script", "[formats]") {
  // U+4E2D 中, inside <CJK Ideograph, First>..<CJK Ideograph, Last>; decided at compile time too.
  STATIC_REQUIRE(is_company_name("-\xE4\xB8\xAD"));
  CHECK(is_company_name("-\xF0\xA0\xAE\xB7"));  // U+20BB7 𠮷, CJK Extension B (a range)
  CHECK(is_company_name("-\xF0\xB1\x8D\x90"));  // U+31350, first of Extension H (Unicode 15)
  CHECK(is_company_name("-\xED\x95\x9C"));      // U+D55C 한, <Hangul Syllable> range
  CHECK(is_company_name("-\xE0\xA5\xA7"));      // U+0967 १ Devanagari digit one (Nd)
  CHECK(is_company_name("-\xD8\xA8"));          // U+0628 ب Arabic letter beh (Lo)
  CHECK(is_company_name("-\xE2\x85\xA0"));      // U+2160 Ⅰ Roman numeral one (Nl)
  CHECK(is_company_name("-\xC2\xB2"));          // U+00B2 ² superscript two (No)
  CHECK(is_company_name("-\xF0\x9D\x90\x80"));  // U+1D400 𝐀 mathematical bold A (Lu)
  CHECK(is_company_name("-\xC7\x85"));          // U+01C5 ǅ (Lt)
  CHECK(is_company_name("-\xCA\xB0"));          // U+02B0 ʰ modifier letter (Lm)
  CHECK(is_company_name("e\xCC\x81!"));         // a mark after its letter: the letter counts
}

// What else the rule says
// (https://learn.microsoft.com/partner-center/customers/validate-names-addresses): not one
// character, not only white space or special characters.
TEST_CASE("company names: at least 2 characters, not only white space or punctuation",
          "[formats]") {
  CHECK_FALSE(is_company_name("A"));
  CHECK_FALSE(is_company_name("\xE4\xB8\xAD"));  // 中 alone
  CHECK_FALSE(is_company_name(""));
  CHECK(is_company_name("A "));
  CHECK(is_company_name(" 7"));
  CHECK_FALSE(is_company_name("  "));
  CHECK_FALSE(is_company_name("\t\n"));
  CHECK_FALSE(is_company_name("\xE3\x80\x80\xE3\x80\x80"));  // U+3000 ideographic spaces
  CHECK_FALSE(is_company_name("!?"));
  CHECK_FALSE(is_company_name("\xC2\xA9\xC2\xAE"));  // © ®
  CHECK_FALSE(is_company_name("\xFF\xFE"));          // not UTF-8: no code point at all
  CHECK_FALSE(is_company_name("\xE4\xB8"));          // 中 cut short
}

// Every code point against data/unicode/UnicodeData-extract.txt, the file the table is generated
// from, read here by a parser of its own: a range the generator failed to expand, a category it
// missed or a bound the lookup gets wrong shows as the first code points that disagree.
TEST_CASE("is_letter_or_digit agrees with UnicodeData.txt on every code point", "[formats]") {
  constexpr std::uint32_t code_points = 0x110000;
  std::ifstream in(std::string(PARTNER_CENTER_SOURCE_DIR) +
                   "/data/unicode/UnicodeData-extract.txt");
  REQUIRE(in);
  std::vector<bool> expected(code_points, false);
  std::string line;
  std::uint32_t range_first = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#')
      continue;
    const std::size_t name_at = line.find(';') + 1;
    const std::size_t category_at = line.find(';', name_at) + 1;
    if (category_at == 0 || category_at >= line.size())
      FAIL("not code;name;category: " << line);
    const auto cp =
        static_cast<std::uint32_t>(std::stoul(line.substr(0, name_at - 1), nullptr, 16));
    if (cp >= code_points)
      FAIL("past U+10FFFF: " << line);
    const std::string name = line.substr(name_at, category_at - 1 - name_at);
    if (name.ends_with(", First>")) {
      range_first = cp;
      continue;
    }
    const bool letter_or_number = line[category_at] == 'L' || line[category_at] == 'N';
    for (std::uint32_t c = name.ends_with(", Last>") ? range_first : cp; c <= cp; ++c)
      expected[c] = letter_or_number;
  }
  REQUIRE(expected[0x4E2D]);   // in a First/Last range
  REQUIRE(expected[0x20BB7]);  // in an astral one
  REQUIRE_FALSE(expected[0xE000]);

  int mismatches = 0;
  for (std::uint32_t cp = 0; cp < code_points && mismatches < 10; ++cp) {
    if (is_letter_or_digit(cp) != expected[cp]) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
      FAIL_CHECK(hex << (expected[cp] ? " is L or N but is refused"
                                      : " is neither L nor N but is accepted"));
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
  CHECK_FALSE(is_letter_or_digit(code_points));
  CHECK_FALSE(is_letter_or_digit(0xFFFFFFFFu));  // next_code_point's malformed sequence
}

}  // namespace model_formats_test

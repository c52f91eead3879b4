#include <partner_center/core/text.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace core_text_test {

using namespace partner_center::text;

TEST_CASE("utf16_length counts as .NET's String.Length", "[text]") {
  STATIC_REQUIRE(utf16_length("abc") == 3);
  CHECK(utf16_length("\xC3\xA9") == 1);          // é: 2 bytes, 1 unit
  CHECK(utf16_length("\xE2\x82\xAC") == 1);      // €: 3 bytes, 1 unit
  CHECK(utf16_length("\xF0\x9F\x98\x80") == 2);  // 😀: 4 bytes, a surrogate pair
  CHECK(utf16_length("") == 0);
}

TEST_CASE("utf16_length counts the same whether text is all ASCII or not", "[text]") {
  // Every length around the 8-byte words and every position of one non-ASCII character, so
  // that each way the words are loaded sees it.
  for (std::size_t length = 0; length < 40; ++length) {
    CHECK(utf16_length(std::string(length, 'a')) == length);
    for (std::size_t at = 0; at < length; ++at) {
      for (const std::string_view wide : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
        std::string s(length, 'a');
        s.replace(at, 1, wide);
        const std::size_t expected = length - 1 + (wide.size() == 4 ? 2 : 1);
        CAPTURE(length, at, wide.size());
        CHECK(utf16_length(s) == expected);
      }
    }
  }
}

TEST_CASE("is_blank follows string.IsNullOrWhiteSpace", "[text]") {
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\r\n"));
  CHECK(is_blank("\xC2\xA0"));      // no-break space
  CHECK(is_blank("\xE3\x80\x80"));  // ideographic space
  CHECK_FALSE(is_blank(" a "));
  CHECK_FALSE(is_blank("\xC3\xA9"));
}

TEST_CASE("control characters are found, C1 included", "[text]") {
  CHECK(has_control_character(std::string("a\0b", 3)));
  CHECK(has_control_character("a\x7f"));
  CHECK(has_control_character("a\xC2\x85"));
  CHECK_FALSE(has_control_character("caf\xC3\xA9"));
}

TEST_CASE("the word-at-a-time control scan agrees with the byte loop", "[text]") {
  for (std::size_t length = 0; length < 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char bad : {'\0', '\x1f', '\x7f'}) {
        std::string s(length, 'a');
        s[at] = bad;
        CAPTURE(length, at, int(bad));
        CHECK(has_control_character(s));
      }
      std::string c1(length + 1, 'a');
      c1[at] = '\xC2';
      c1[at + 1] = '\x9F';
      CHECK(has_control_character(c1));
      c1[at + 1] = '\xA0';  // U+00A0 is not a control
      CHECK_FALSE(has_control_character(c1));
    }
    CHECK_FALSE(has_control_character(std::string(length, ' ')));
    CHECK_FALSE(has_control_character(std::string(length, '\xFF')));
  }
}

TEST_CASE("UTF-8 validity refuses overlongs, surrogates and truncation", "[text]") {
  CHECK(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("the word-at-a-time iequals agrees with the byte loop on every pair of bytes", "[text]") {
  // Each pair of byte values at the start, middle and end of texts around the word size.
  std::size_t compared = 0;
  std::size_t disagreements = 0;
  std::size_t equal = 0;
  for (const std::size_t length : {1, 3, 4, 7, 8, 9, 15, 16, 17}) {
    for (const std::size_t at : {std::size_t{0}, length / 2, length - 1}) {
      std::string a(length, 'k');
      std::string b(length, 'K');
      for (int x = 0; x < 256; ++x) {
        for (int y = 0; y < 256; ++y) {
          a[at] = static_cast<char>(x);
          b[at] = static_cast<char>(y);
          const bool expected = partner_center::text::detail::iequals_bytewise(a, b);
          disagreements += iequals(a, b) != expected ? 1 : 0;
          equal += expected ? 1 : 0;
          ++compared;
        }
      }
    }
  }
  CHECK(compared == 9 * 3 * 65536);
  CHECK(disagreements == 0);
  // Per place: 256 bytes equal to themselves, and 52 letters equal to their other case.
  CHECK(equal == 9 * 3 * (256 + 52));
}

TEST_CASE("case-insensitive comparisons are ASCII only", "[text]") {
  STATIC_REQUIRE(iequals("EN-us", "en-US"));
  CHECK_FALSE(iequals("en", "en-US"));
  CHECK(icompare("AB", "ab") == 0);
  CHECK(icompare("a", "B") < 0);
}

TEST_CASE("values quoted in messages are clipped on a character boundary", "[text]") {
  std::string long_text(63, 'a');
  long_text += "\xC3\xA9xyz";  // the 64th byte would split é
  CHECK(clip_for_message(long_text) == std::string(63, 'a'));
  CHECK(clip_for_message("short") == "short");
}

}  // namespace core_text_test

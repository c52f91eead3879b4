#pragma once

// Which regular expressions PCRE2's JIT may match under country_pattern's budget. The JIT counts
// match steps as the interpreter does for ordinary backtracking (the verdicts and the limit agree
// on the catalogue of catastrophic patterns in tests/model_country_rule_set.cpp), but not the
// backtracking of a repeat inside a lookaround: under the same budget, a lookahead of
// `.*X|.*Y|...` alternatives took 11 ms per value. So a pattern is given to the JIT only when it
// opens no group but plain ones: capturing, (?:...) and named. Anything else that starts with
// "(?" or "(*" (lookaround, atomic groups, conditionals, inline options, callouts, verbs) keeps
// the interpreter, which counts every backtrack.
//
// The reading is conservative: it skips escapes, \Q...\E and character classes, and where it
// could misread a pattern it errs towards the interpreter (a class it ends too early exposes its
// contents as if they were groups), never towards the JIT.

#include <partner_center/core/cxx20.hpp>

#include <cstddef>
#include <string_view>

namespace partner_center::model::detail {

// The index just past the character class that opens at pattern[open] ('['), or pattern.size().
constexpr std::size_t skip_character_class(std::string_view pattern, std::size_t open) noexcept {
  std::size_t i = open + 1;
  if (i < pattern.size() && pattern[i] == '^')
    ++i;
  if (i < pattern.size() && pattern[i] == ']')
    ++i;  // a ']' first is a literal in PCRE2, not the end of an empty class
  while (i < pattern.size()) {
    if (pattern[i] == '\\') {
      i += 2;
    } else if (pattern[i] == ']') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return pattern.size();
}

// True when every group `pattern` opens is a capturing, non-capturing or named group.
constexpr bool opens_only_plain_groups(std::string_view pattern) noexcept {
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') {
        const std::size_t end = pattern.find("\\E", i + 2);
        i = end == std::string_view::npos ? pattern.size() : end + 2;  // quoted text is literal
      } else {
        i += 2;
      }
      continue;
    }
    if (c == '[') {
      i = skip_character_class(pattern, i);
      continue;
    }
    if (c == '(' && i + 1 < pattern.size()) {
      const std::string_view rest = pattern.substr(i + 1);
      if (rest.starts_with('*'))
        return false;  // a verb, or (*pla:...) and the other spelled-out lookarounds
      if (rest.starts_with('?')) {
        const bool named =
            (rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")) ||
            rest.starts_with("?'") || rest.starts_with("?P<");
        if (!rest.starts_with("?:") && !named)
          return false;
      }
    }
    ++i;
  }
  return true;
}

}  // namespace partner_center::model::detail

#pragma once

// What testing a value against a country's pattern found: named apart from the pattern itself,
// so that the rules that report it need not include the regular expression engine.

#include <partner_center/core/cxx20.hpp>

namespace partner_center::model {

// What testing a value against a country's pattern found. Both limits mean "not checked", not
// "wrong": they are reported as `limit`, never as `format`.
enum class pattern_match : unsigned char {
  matched,
  not_matched,
  too_long,    // longer than country_pattern::max_value_length: not tried
  too_complex  // the match budget ran out before the engine could tell
};

}  // namespace partner_center::model

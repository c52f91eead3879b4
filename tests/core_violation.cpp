#include <partner_center/core/violation.hpp>

#include <catch2/catch_test_macros.hpp>

#include <sstream>

namespace core_violation_test {

using namespace partner_center;

TEST_CASE("codes and severities have stable spellings", "[violation]") {
  CHECK(to_string(violation_code::syntax) == "syntax");
  CHECK(to_string(violation_code::not_supported) == "not_supported");
  CHECK(to_string(violation_code::duplicate_key) == "duplicate_key");
  CHECK(to_string(violation_code::limit) == "limit");
  CHECK(to_string(severity::warning) == "warning");
}

TEST_CASE("a report is valid while it holds only warnings", "[violation]") {
  report r;
  CHECK(r.valid());
  r.add("/x", violation_code::unknown_field, "unknown", severity::warning);
  CHECK(r.valid());
  CHECK(r.error_count() == 0);
  r.add("/y", violation_code::required, "y is required");
  CHECK_FALSE(r.valid());
  CHECK(r.error_count() == 1);
  CHECK(r.contains("/y", violation_code::required));
  CHECK_FALSE(r.contains("/y", violation_code::format));
}

TEST_CASE("a violation prints as one line", "[violation]") {
  std::ostringstream out;
  out << violation{"/a", violation_code::format, severity::error, "bad"} << '|'
      << violation{"", violation_code::syntax, severity::error, "line 1"};
  CHECK(out.str() == "error /a format: bad|error (document) syntax: line 1");
}

}  // namespace core_violation_test

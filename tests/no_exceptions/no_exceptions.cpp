// The core and model headers in a program built without exceptions (-fno-exceptions): every
// header compiles, and decoding, validation, encoding and loading country rules report through
// their results. No Catch2 here, since Catch2 needs exceptions: each check prints what differs
// and the exit status says whether all held.

#include <partner_center/partner_center.hpp>

// Public core and model headers the umbrella does not include.
#include <partner_center/core/decode_options.hpp>
#include <partner_center/core/schema.hpp>
#include <partner_center/model/country_pattern.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_request_schema.hpp>
#include <partner_center/model/create_rules.hpp>

#include <boost/assert/source_location.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be compiled without exceptions (-fno-exceptions)"
#endif

// Boost.Config defines BOOST_NO_EXCEPTIONS under -fno-exceptions; Boost then calls these
// instead of throwing, and the program must define them, never returning
// (https://www.boost.org/libs/throw_exception). Nothing in this program should get here.
namespace boost {
void throw_exception(const std::exception& e) {
  std::fprintf(stderr, "boost::throw_exception: %s\n", e.what());
  std::abort();
}
void throw_exception(const std::exception& e, const boost::source_location& where) {
  std::fprintf(stderr, "boost::throw_exception at %s:%u: %s\n", where.file_name(),
               static_cast<unsigned>(where.line()), e.what());
  std::abort();
}
}  // namespace boost

namespace {

namespace pc = partner_center;

int failures = 0;

void check(bool holds, std::string_view what) {
  if (!holds) {
    ++failures;
    std::fprintf(stderr, "FAILED: %.*s\n", static_cast<int>(what.size()), what.data());
  }
}

std::string summary(const pc::report& violations) {
  std::ostringstream out;
  for (const pc::violation& v : violations)
    out << v << '\n';
  return out.str();
}

void check_summary(const pc::report& violations, std::string_view expected, std::string_view what) {
  const std::string actual = summary(violations);
  if (actual != expected) {
    ++failures;
    std::fprintf(stderr, "FAILED: %.*s\n  expected: %.*s\n  actual:   %s\n",
                 static_cast<int>(what.size()), what.data(), static_cast<int>(expected.size()),
                 expected.data(), actual.c_str());
  }
}

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main() {
  std::string json;
  if (!read_file(PARTNER_CENTER_SOURCE_DIR "/tests/data/documented-request.json", json)) {
    std::fprintf(stderr, "cannot read tests/data/documented-request.json\n");
    return 2;
  }

  // Decode and validate the request of create-a-customer-for-an-indirect-reseller.
  auto decoded = pc::decode<pc::model::Customer>(json);
  check(decoded.complete, "the documented request decodes to its end");
  check_summary(decoded.violations, "", "the documented request decodes without violation");
  check_summary(pc::model::validate_create_request(decoded.value), "",
                "the documented request validates without violation");

  // Round trip: the canonical text decodes to a value that encodes to the same text.
  const std::string encoded = pc::encode(decoded.value);
  check(encoded.find(R"("associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59")") !=
            std::string::npos,
        "the encoded request has the camelCase associatedPartnerId");
  auto again = pc::decode<pc::model::Customer>(encoded);
  check(again.valid(), "the encoded request decodes without violation");
  check(pc::encode(again.value) == encoded, "decoding the encoded request gives it back");

  // A broken copy: a known violation, reported, not thrown.
  pc::model::Customer broken = decoded.value;
  broken.associatedPartnerId = "484e548c-f5f3-4528-93a9-c16c6373cb5";  // one digit short
  check_summary(pc::model::validate_create_request(broken),
                "error /associatedPartnerId format: associatedPartnerId "
                "\"484e548c-f5f3-4528-93a9-c16c6373cb5\" is not a GUID such as "
                "\"484e548c-f5f3-4528-93a9-c16c6373cb59\" (the indirect reseller's tenant id)\n",
                "a short associatedPartnerId is a format violation");

  // Malformed JSON: the syntax violation, not an exception.
  auto malformed = pc::decode<pc::model::Customer>(std::string_view(json).substr(0, 40));
  check(!malformed.complete, "a truncated document does not decode to its end");
  check(malformed.violations.size() == 1 &&
            malformed.violations[0].code == pc::violation_code::syntax,
        "a truncated document is one syntax violation");

  // The country rules loader reports a bad pattern through its result.
  auto builder = pc::model::country_rule_set_builder::empty();
  const auto loaded = builder.add_json(R"({"iso2Code":"GB","postalCodeRegex":"(["})", "GB.json");
  check(!loaded, "a country rule with a bad pattern does not load");
  if (!loaded) {
    check(loaded.error().message.starts_with("GB.json: /postalCodeRegex: "),
          "the loader's message names the file and the member");
  }
  check(pc::model::country_rule_set::builtin()->size() == 2, "the built-in rules hold US and PT");

  // The JSON Schema export builds Boost.JSON values.
  check(pc::model::create_request_schema().find(R"("associatedPartnerId")") != std::string::npos,
        "the schema describes associatedPartnerId");

  if (failures == 0)
    std::puts("no_exceptions: all checks passed");
  return failures == 0 ? 0 : 1;
}

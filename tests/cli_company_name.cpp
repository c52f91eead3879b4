// pc-customer validate judges a company name by Unicode's general categories: a name whose only
// characters are symbols, marks, private-use or format characters has no letter or digit and is
// refused with exactly one violation; a letter or digit of any script makes it valid.

#include "support/command_line.hpp"
#include "support/documents.hpp"

#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>
#include <vector>

namespace cli_company_name_test {

namespace {

namespace pc = partner_center;
namespace test = partner_center::test;

struct named_case {
  const char* family;
  std::string name;
};

// The documented request with another billingProfile.companyName, validated from a file.
test::run_result validate_with_company_name(const test::temp_directory& dir,
                                            const std::string& name, const std::string& file) {
  pc::model::Customer customer = test::documented_customer();
  customer.billingProfile->companyName = name;
  const std::string path = dir.write(file, pc::encode(customer));
  const std::string tool = test::pc_customer_path();
  REQUIRE_FALSE(tool.empty());
  return test::run(tool, {"validate", "--format", "json", path});
}

}  // namespace

TEST_CASE("validate: a company name without a letter or digit is refused", "[cli][validate]") {
  const std::vector<named_case> refused{
      {"two astral emoji", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80"},   // 😀😀
      {"one astral emoji", "\xF0\x9F\x98\x80"},                   // 😀: 2 UTF-16 units
      {"combining accents alone", "\xCC\x81\xCC\x81"},            // U+0301 U+0301
      {"private use", "\xEE\x80\x80\xEE\x80\x81"},                // U+E000 U+E001
      {"format characters", "\xF3\xA0\x81\x81\xF3\xA0\x81\x82"},  // tag letters U+E0041 U+E0042
  };
  const test::temp_directory dir;
  for (const named_case& c : refused) {
    INFO(c.family);
    const std::string file = "refused.json";
    const test::run_result r = validate_with_company_name(dir, c.name, file);
    CHECK(r.status == 1);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "{\"source\":\"" + (dir / file).string() +
              "\",\"valid\":false,\"violations\":[{\"path\":\"/billingProfile/companyName\","
              "\"code\":\"format\",\"severity\":\"error\",\"message\":\"companyName \\\"" +
              c.name +
              "\\\" is not a company name (at least 2 characters, at least one letter or "
              "digit)\"}]}\n");
  }
}

TEST_CASE("validate: a letter or digit of any script makes a company name valid",
          "[cli][validate]") {
  const std::vector<named_case> accepted{
      {"CJK ideograph of an expanded range", "-\xE4\xB8\xAD"},  // U+4E2D
      {"Devanagari digit", "-\xE0\xA5\xA7"},                    // U+0967
      {"Arabic letter", "-\xD8\xA8"},                           // U+0628
      {"letter number", "-\xE2\x85\xA0"},                       // U+2160
      {"astral letter", "-\xF0\x9D\x90\x80"},                   // U+1D400
  };
  const test::temp_directory dir;
  for (const named_case& c : accepted) {
    INFO(c.family);
    const test::run_result r = validate_with_company_name(dir, c.name, "accepted.json");
    CHECK(r.status == 0);
    CHECK(r.both() == "{\"source\":\"" + (dir / "accepted.json").string() +
                          "\",\"valid\":true,\"violations\":[]}\n");
  }
}

}  // namespace cli_company_name_test

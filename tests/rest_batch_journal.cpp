// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/batch_journal.hpp>

#include "support/batch_fixtures.hpp"

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <sys/stat.h>

namespace rest_batch_journal_test {

using namespace partner_center;
using namespace partner_center::rest;
using Catch::Matchers::StartsWith;

namespace {

constexpr const char* id_a = "9f0c2a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
constexpr const char* id_b = "0aa1b2c3-d4e5-4f60-8a1b-2c3d4e5f6a7b";
const std::string digest_a(64, 'a');

journal_record planned(std::string row, std::string id) {
  journal_record r;
  r.state = journal_state::planned;
  r.row = std::move(row);
  r.request_id = std::move(id);
  r.body_sha256 = digest_a;
  return r;
}

journal_record created(std::string row) {
  journal_record r;
  r.state = journal_state::created;
  r.row = std::move(row);
  r.customer_id = "4b7f0e0a-3d7c-4c6f-9a55-0a1b2c3d4e5f";
  r.tenant_id = r.customer_id;
  return r;
}

std::string lines(const std::vector<journal_record>& records) {
  std::string out;
  for (const auto& r : records)
    out += journal_line(r);
  return out;
}

}  // namespace

TEST_CASE("journal: every kind of record reads back as written", "[batch]") {
  journal_record invalid;
  invalid.state = journal_state::invalid;
  invalid.row = "4:";
  invalid.violations = {
      {"/billingProfile/email", violation_code::required, severity::error, "email is required"},
      {"/extra", violation_code::unknown_field, severity::warning, "unknown"}};
  journal_record refused;
  refused.state = journal_state::refused;
  refused.row = "5:taken.onmicrosoft.com";
  refused.http_status = 409;
  refused.service_code = "409";
  refused.message = "service: HTTP 409 Conflict: The domain already exists";
  journal_record failed;
  failed.state = journal_state::failed;
  failed.row = "6:slow.onmicrosoft.com";
  failed.failure = "transport";
  failed.transport = "timeout";
  failed.attempts = 5;
  failed.message = "transport: timeout (gave up after 5 attempts)";
  journal_record with_time = created("3:contoso.onmicrosoft.com");
  with_time.at = "2025-01-31T12:00:00Z";

  for (const journal_record& r :
       {planned("3:contoso.onmicrosoft.com", id_a), with_time, invalid, refused, failed}) {
    const std::string line = journal_line(r);
    INFO(line);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    const auto back = parse_journal_line(std::string_view(line).substr(0, line.size() - 1));
    REQUIRE(back.has_value());
    CHECK(*back == r);
  }
  CHECK(journal_line(planned("3:contoso.onmicrosoft.com", id_a)) ==
        R"({"state":"planned","row":"3:contoso.onmicrosoft.com","requestId":")" +
            std::string(id_a) + R"(","bodySha256":")" + digest_a + "\"}\n");
}

TEST_CASE("journal: a torn last line is ignored, and cut off before the next record", "[batch]") {
  const std::string whole = lines({planned("1:a.onmicrosoft.com", id_a)});
  const std::string torn = journal_line(created("1:a.onmicrosoft.com")).substr(0, 30);

  SECTION("read") {
    const auto contents = read_journal(whole + torn);
    REQUIRE(contents.has_value());
    REQUIRE(contents->records.size() == 1);
    CHECK(contents->records[0].state == journal_state::planned);
    CHECK(contents->valid_bytes == whole.size());
    CHECK(contents->torn_bytes == 30);
  }
  SECTION("a file: opened, appended to, read again") {
    test::temp_directory dir;
    test::write_text_file(dir / "journal.ndjson", whole + torn);
    {
      auto journal = file_journal::open(dir / "journal.ndjson");
      REQUIRE(journal.has_value());
      CHECK(journal->torn_bytes() == 30);
      CHECK(journal->earlier().size() == 1);
      REQUIRE(journal->append(created("1:a.onmicrosoft.com")).has_value());
    }
    auto again = file_journal::open(dir / "journal.ndjson");
    REQUIRE(again.has_value());
    CHECK(again->torn_bytes() == 0);
    REQUIRE(again->earlier().size() == 2);
    CHECK(again->earlier()[1].state == journal_state::created);
    CHECK_THAT(again->earlier()[1].at, StartsWith("20"));
  }
  SECTION("a torn line that is the whole file") {
    const auto contents = read_journal(torn);
    REQUIRE(contents.has_value());
    CHECK(contents->records.empty());
  }
}

TEST_CASE("journal: damage before the last line is an error naming the line", "[batch]") {
  const std::string first = journal_line(planned("1:a.onmicrosoft.com", id_a));
  auto error_of = [](const std::string& text) {
    const auto contents = read_journal(text);
    REQUIRE_FALSE(contents.has_value());
    return contents.error().summary();
  };
  CHECK_THAT(error_of(first + "{\"state\":\"planned\",\"ro\n" + first),
             StartsWith("line 2: not JSON ("));
  CHECK(error_of(first + "\n" + first) == "line 2: a blank line");
  CHECK(error_of(first + R"({"state":"planned","row":"2:b","requestId":"12","bodySha256":")" +
                 digest_a + "\"}\n") == "line 2: \"requestId\" is not a GUID");
  CHECK(error_of(R"({"state":"shipped","row":"1:a"})"
                 "\n") == "line 1: unknown state \"shipped\"");
  CHECK(error_of(lines({created("1:a.onmicrosoft.com")})) ==
        "line 1: created for row \"1:a.onmicrosoft.com\", which was never planned");
  CHECK(error_of(lines({planned("1:a.onmicrosoft.com", id_a), created("1:a.onmicrosoft.com"),
                        created("1:a.onmicrosoft.com")})) ==
        "line 3: a record for row \"1:a.onmicrosoft.com\" after it was created");
  CHECK(error_of(
            lines({planned("1:a.onmicrosoft.com", id_a), planned("2:b.onmicrosoft.com", id_a)})) ==
        "line 2: request id " + std::string(id_a) +
            " planned for rows \"1:a.onmicrosoft.com\" and \"2:b.onmicrosoft.com\"");
}

TEST_CASE("journal: a damaged file is not opened, and its error names the file and the line",
          "[batch]") {
  test::temp_directory dir;
  const auto path = dir / "journal.ndjson";
  test::write_text_file(path, "not a journal\n" + journal_line(planned("1:a", id_b)));
  const auto journal = file_journal::open(path);
  REQUIRE_FALSE(journal.has_value());
  CHECK(journal.error().line == 1);
  CHECK_THAT(journal.error().message, StartsWith(path.string() + ": line 1: not JSON"));
}

TEST_CASE("journal: a new file is 0600, and a second run on it is refused", "[batch]") {
  test::temp_directory dir;
  const auto path = dir / "journal.ndjson";
  auto first = file_journal::open(path);
  REQUIRE(first.has_value());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const auto second = file_journal::open(path);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().message == "the journal " + path.string() + " is in use by another run");
}

TEST_CASE("journal: records are stamped with the journal's clock", "[batch]") {
  test::temp_directory dir;
  file_journal_options options;
  options.wall_clock = [] {
    return std::chrono::system_clock::time_point{std::chrono::seconds{1738324800}};
  };
  auto journal = file_journal::open(dir / "j.ndjson", options);
  REQUIRE(journal.has_value());
  REQUIRE(journal->append(planned("1:a", id_a)).has_value());
  CHECK(test::read_text_file(dir / "j.ndjson") ==
        R"({"state":"planned","row":"1:a","requestId":")" + std::string(id_a) +
            R"(","bodySha256":")" + digest_a + R"(","at":"2025-01-31T12:00:00Z"})" + "\n");
}

TEST_CASE("journal: a violation of every code and severity reads back", "[batch]") {
  journal_record invalid;
  invalid.state = journal_state::invalid;
  invalid.row = "7:";
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<violation_code>>([&](auto d) {
    invalid.violations.push_back({"/a", d.value, severity::warning, d.name});
    invalid.violations.push_back({"/b", d.value, severity::error, d.name});
  });
  REQUIRE(invalid.violations.size() == 2 * 19);
  const std::string line = journal_line(invalid);
  const auto back = parse_journal_line(std::string_view(line).substr(0, line.size() - 1));
  REQUIRE(back.has_value());
  CHECK(*back == invalid);
}

TEST_CASE("journal: a violation with an unknown code or severity is an error", "[batch]") {
  auto error_of = [](std::string_view code, std::string_view level) {
    const std::string text = R"({"state":"invalid","row":"4:","violations":[{"path":"","code":")" +
                             std::string(code) + R"(","severity":")" + std::string(level) +
                             R"(","message":"m"}]})"
                             "\n";
    const auto contents = read_journal(text);
    REQUIRE_FALSE(contents.has_value());
    return contents.error().summary();
  };
  CHECK(error_of("max_lengths", "error") == "line 1: a violation with an unknown code");
  CHECK(error_of("Required", "error") == "line 1: a violation with an unknown code");
  CHECK(error_of("required", "Error") == "line 1: a violation with an unknown severity");
  CHECK(error_of("required", "fatal") == "line 1: a violation with an unknown severity");
}

}  // namespace rest_batch_journal_test

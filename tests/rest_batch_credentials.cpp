// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/credentials_sink.hpp>

#include "support/batch_fixtures.hpp"

#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <string>

#include <sys/stat.h>

namespace rest_batch_credentials_test {

using namespace partner_center;
using namespace partner_center::rest;
namespace fs = std::filesystem;

namespace {

constexpr const char* customer_id = "4b7f0e0a-3d7c-4c6f-9a55-0a1b2c3d4e5f";

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("credentials sink: one 0600 file per customer, named after its domain", "[batch]") {
  test::temp_directory scratch;
  auto sink = credentials_directory::open(scratch / "credentials");
  REQUIRE(sink.has_value());
  CHECK(mode_of(scratch / "credentials") == 0700);
  const model::UserCredentials secret{"admin", "P@ss-1234"};
  const auto stored =
      sink->store({"3:Contoso.onmicrosoft.com", "Contoso.onmicrosoft.com", customer_id, secret});
  REQUIRE(stored.has_value());
  const fs::path file = scratch / "credentials" / "contoso.onmicrosoft.com.json";
  CHECK(*stored == file.string());
  CHECK(test::read_text_file(file) == R"({"userName":"admin","password":"P@ss-1234"})"
                                      "\n");
  CHECK(mode_of(file) == 0600);

  SECTION("the same credentials again (a resumed run): taken as stored") {
    const auto again =
        sink->store({"3:contoso.onmicrosoft.com", "contoso.onmicrosoft.com", customer_id, secret});
    REQUIRE(again.has_value());
    CHECK(*again == file.string());
    CHECK(std::distance(fs::directory_iterator(scratch / "credentials"), {}) == 1);
  }
  SECTION("other credentials for the same domain: a second file, the first one kept") {
    const model::UserCredentials other{"admin", "Other-5678"};
    const auto second =
        sink->store({"9:contoso.onmicrosoft.com", "contoso.onmicrosoft.com", customer_id, other});
    REQUIRE(second.has_value());
    const fs::path beside =
        scratch / "credentials" / ("contoso.onmicrosoft.com." + std::string(customer_id) + ".json");
    CHECK(*second == beside.string());
    CHECK(test::read_text_file(beside) == R"({"userName":"admin","password":"Other-5678"})"
                                          "\n");
    CHECK(test::read_text_file(file) == R"({"userName":"admin","password":"P@ss-1234"})"
                                        "\n");
  }
}

TEST_CASE("credentials sink: an empty file a crashed run left behind is replaced", "[batch]") {
  test::temp_directory scratch;
  auto sink = credentials_directory::open(scratch.path());
  REQUIRE(sink.has_value());
  test::write_text_file(scratch / "fabrikam.onmicrosoft.com.json", "");
  const model::UserCredentials secret{"admin", "P@ss-1234"};
  const auto stored =
      sink->store({"1:fabrikam.onmicrosoft.com", "fabrikam.onmicrosoft.com", customer_id, secret});
  REQUIRE(stored.has_value());
  CHECK(test::read_text_file(scratch / "fabrikam.onmicrosoft.com.json") ==
        R"({"userName":"admin","password":"P@ss-1234"})"
        "\n");
}

TEST_CASE("credentials sink: refusals", "[batch]") {
  test::temp_directory scratch;
  SECTION("a domain that is not a plain file name: nothing written") {
    auto sink = credentials_directory::open(scratch.path());
    REQUIRE(sink.has_value());
    const model::UserCredentials secret{"admin", "x"};
    for (const char* domain : {"../escape.onmicrosoft.com", ".hidden", "", "a/b"}) {
      const auto stored = sink->store({"1", domain, customer_id, secret});
      REQUIRE_FALSE(stored.has_value());
      CHECK(stored.error() == boost::system::errc::invalid_argument);
    }
    CHECK(fs::is_empty(scratch.path()));
  }
  SECTION("a directory that is a file") {
    test::write_text_file(scratch / "file", "x");
    const auto sink = credentials_directory::open(scratch / "file");
    REQUIRE_FALSE(sink.has_value());
    CHECK(sink.error() == boost::system::errc::not_a_directory);
  }
  SECTION("a directory whose parent is missing") {
    const auto sink = credentials_directory::open(scratch / "missing" / "credentials");
    REQUIRE_FALSE(sink.has_value());
    CHECK(sink.error() == boost::system::errc::no_such_file_or_directory);
  }
}

}  // namespace rest_batch_credentials_test

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/credentials_file.hpp>

#include "support/files.hpp"

#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rest_credentials_file_test {

using namespace partner_center;
using namespace partner_center::rest;
namespace fs = std::filesystem;

namespace {

using partner_center::test::read_text_file;
using partner_center::test::temp_directory;

}  // namespace

TEST_CASE("credentials are written to a new file of mode 0600", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "new.json";
  const mode_t old_mask = ::umask(0);  // a permissive umask must not widen the mode
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "0Krha*Io"});
  ::umask(old_mask);
  REQUIRE(written.has_value());
  CHECK(read_text_file(p) == "{\"userName\":\"admin\",\"password\":\"0Krha*Io\"}\n");
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  fs::remove(p);
}

TEST_CASE("an existing credentials file is never overwritten", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "existing.json";
  std::ofstream(p) << "keep me";
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error() == boost::system::errc::file_exists);
  CHECK(read_text_file(p) == "keep me");
  fs::remove(p);
}

TEST_CASE("a symlink at the credentials path is not followed", "[rest]") {
  const temp_directory scratch;
  const fs::path target = scratch / "target.json";
  const fs::path link = scratch / "link.json";
  fs::create_symlink(target, link);  // dangling: the target does not exist
  const auto written = write_credentials_file(link, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK_FALSE(fs::exists(target));
  fs::remove(link);
}

TEST_CASE("a credentials file in a missing directory fails cleanly", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "missing" / "dir" / "c.json";
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error() == boost::system::errc::no_such_file_or_directory);
}

TEST_CASE("a reserved credentials file exists, empty and 0600, before anything is sent", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "reserved.json";
  {
    auto file = credentials_file::reserve(p);
    REQUIRE(file.has_value());
    REQUIRE(fs::exists(p));
    CHECK(fs::file_size(p) == 0);
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // A second reservation of the same path fails: two runs cannot share one file.
    const auto second = credentials_file::reserve(p);
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error() == boost::system::errc::file_exists);
    REQUIRE(file->write(model::UserCredentials{"admin", "0Krha*Io"}).has_value());
    CHECK(file->written());
    CHECK_FALSE(file->write(model::UserCredentials{"admin", "again"}).has_value());
  }
  CHECK(read_text_file(p) == "{\"userName\":\"admin\",\"password\":\"0Krha*Io\"}\n");  // kept
  fs::remove(p);
}

TEST_CASE("a reservation never written is removed", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "abandoned.json";
  {
    auto file = credentials_file::reserve(p);
    REQUIRE(file.has_value());
    auto moved = std::move(*file);  // the reservation travels with the object
    CHECK(fs::exists(p));
  }
  CHECK_FALSE(fs::exists(p));
}

namespace {

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd"))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("a failed write removes the file and closes its descriptor", "[rest]") {
  const temp_directory scratch;
  const fs::path p = scratch / "too-big.json";
  const std::size_t before = open_descriptors();
  // Writes past RLIMIT_FSIZE fail with EFBIG (once SIGXFSZ is ignored).
  struct rlimit old_limit {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = old_limit;
  tiny.rlim_cur = 8;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "0Krha*Io"});
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error() == boost::system::errc::file_too_large);
  CHECK_FALSE(fs::exists(p));
  CHECK(open_descriptors() == before);
}

}  // namespace rest_credentials_file_test

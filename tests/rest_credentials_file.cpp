// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/credentials_file.hpp>

#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using namespace partner_center;
using namespace partner_center::rest;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("pc-credentials-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  fs::remove(p);
  return p;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("credentials are written to a new file of mode 0600", "[rest]") {
  const fs::path p = scratch("new.json");
  const mode_t old_mask = ::umask(0);  // a permissive umask must not widen the mode
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "0Krha*Io"});
  ::umask(old_mask);
  REQUIRE(written.has_value());
  CHECK(read(p) == "{\"userName\":\"admin\",\"password\":\"0Krha*Io\"}\n");
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  fs::remove(p);
}

TEST_CASE("an existing credentials file is never overwritten", "[rest]") {
  const fs::path p = scratch("existing.json");
  std::ofstream(p) << "keep me";
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error() == boost::system::errc::file_exists);
  CHECK(read(p) == "keep me");
  fs::remove(p);
}

TEST_CASE("a symlink at the credentials path is not followed", "[rest]") {
  const fs::path target = scratch("target.json");
  const fs::path link = scratch("link.json");
  fs::create_symlink(target, link);  // dangling: the target does not exist
  const auto written = write_credentials_file(link, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK_FALSE(fs::exists(target));
  fs::remove(link);
}

TEST_CASE("a credentials file in a missing directory fails cleanly", "[rest]") {
  const fs::path p = scratch("missing") / "dir" / "c.json";
  const auto written = write_credentials_file(p, model::UserCredentials{"admin", "x"});
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error() == boost::system::errc::no_such_file_or_directory);
}

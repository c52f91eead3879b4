// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/refresh_token_store.hpp>

#include "support/files.hpp"

#include <catch2/catch_test_macros.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace auth_refresh_token_store_test {

using namespace partner_center;
using namespace partner_center::auth;
namespace fs = std::filesystem;

namespace {

using partner_center::test::read_text_file;
using partner_center::test::temp_directory;

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    names.insert(e.path().filename().string());
  return names;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

ino_t inode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

}  // namespace

TEST_CASE("a saved refresh token is loaded back; the file is 0600, nothing else is left",
          "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  file_refresh_token_store store(dir / "rt");
  const mode_t old_mask = ::umask(0);  // a permissive umask must not widen the mode
  const auto saved = store.save(secret("0.AR8A-first"));
  ::umask(old_mask);
  REQUIRE(saved.has_value());
  CHECK(read_text_file(dir / "rt") == "0.AR8A-first\n");
  CHECK(mode_of(dir / "rt") == 0600);
  CHECK(entries(dir) == std::set<std::string>{"rt"});
  const auto loaded = store.load();
  REQUIRE(loaded.has_value());
  CHECK(*loaded == std::string_view("0.AR8A-first"));
}

TEST_CASE("a rotation replaces the file by rename: a new file, mode 0600", "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  std::ofstream(dir / "rt") << "0.old-token\n";
  fs::permissions(dir / "rt", fs::perms(0644));
  const ino_t before = inode_of(dir / "rt");
  file_refresh_token_store store(dir / "rt");
  REQUIRE(store.save(secret("0.new-token")).has_value());
  CHECK(read_text_file(dir / "rt") == "0.new-token\n");
  CHECK(mode_of(dir / "rt") == 0600);
  CHECK(inode_of(dir / "rt") != before);  // replaced whole, never rewritten in place
  CHECK(entries(dir) == std::set<std::string>{"rt"});
}

TEST_CASE("a failed save keeps the old file whole and leaves no temporary file", "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  std::ofstream(dir / "rt") << "0.old-token\n";
  file_refresh_token_store store(dir / "rt");
  // Writes past RLIMIT_FSIZE fail with EFBIG (once SIGXFSZ is ignored).
  struct rlimit old_limit {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = old_limit;
  tiny.rlim_cur = 8;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
  const auto saved = store.save(secret("0.a-rotated-token-longer-than-eight-bytes"));
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(saved.has_value());
  CHECK(saved.error().kind == auth_failure_kind::storage);
  CHECK(saved.error().detail.starts_with("cannot save the rotated refresh token to \"" +
                                         (dir / "rt").string() + "\": writing"));
  CHECK(saved.error().detail.find("rotated-token") == std::string::npos);
  CHECK(read_text_file(dir / "rt") == "0.old-token\n");
  CHECK(entries(dir) == std::set<std::string>{"rt"});
}

TEST_CASE("a save whose rename fails leaves no temporary file", "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  fs::create_directories(dir / "rt" / "occupied");  // a non-empty directory at the path
  file_refresh_token_store store(dir / "rt");
  const auto saved = store.save(secret("0.token"));
  REQUIRE_FALSE(saved.has_value());
  CHECK(saved.error().detail.find(": renaming") != std::string::npos);
  CHECK(entries(dir) == std::set<std::string>{"rt"});
}

TEST_CASE("a reader never sees the file missing or partial while rotations go on", "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  const std::string a = "0.A-" + std::string(3000, 'a');
  const std::string b = "0.B-" + std::string(5000, 'b');
  file_refresh_token_store store(dir / "rt");
  REQUIRE(store.save(secret(a)).has_value());
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::atomic<int> reads{0};
  std::thread reader([&] {
    while (!done.load()) {
      const auto loaded = file_refresh_token_store(dir / "rt").load();
      ++reads;
      if (!loaded || !(*loaded == std::string_view(a) || *loaded == std::string_view(b)))
        ++bad;
    }
  });
  for (int i = 0; i < 300; ++i)
    REQUIRE(store.save(secret(i % 2 == 0 ? b : a)).has_value());
  done = true;
  reader.join();
  CHECK(reads.load() > 0);
  CHECK(bad.load() == 0);
}

TEST_CASE("loading: a missing, empty or oversized file is refused with the path", "[auth]") {
  const temp_directory scratch;
  const fs::path& dir = scratch.path();
  const auto missing = file_refresh_token_store(dir / "none").load();
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == auth_failure_kind::storage);
  CHECK(missing.error().detail == "cannot read the refresh token file \"" +
                                      (dir / "none").string() + "\": No such file or directory");
  std::ofstream(dir / "empty") << " \n";
  CHECK(file_refresh_token_store(dir / "empty").load().error().detail ==
        "the refresh token file \"" + (dir / "empty").string() + "\" is empty");
  std::ofstream(dir / "big") << std::string(max_refresh_token_file_size + 1, 'x');
  CHECK(file_refresh_token_store(dir / "big").load().error().detail ==
        "the refresh token file \"" + (dir / "big").string() + "\" is over 65536 bytes");
  std::ofstream(dir / "crlf") << "\r\n  0.token-with-spaces-around \r\n";
  CHECK(*file_refresh_token_store(dir / "crlf").load() ==
        std::string_view("0.token-with-spaces-around"));
}

TEST_CASE("the memory store keeps the last saved token", "[auth]") {
  memory_refresh_token_store store(secret("first"));
  CHECK(*store.load() == std::string_view("first"));
  REQUIRE(store.save(secret("second")).has_value());
  CHECK(*store.load() == std::string_view("second"));
  CHECK(store.saves() == 1);
  CHECK(memory_refresh_token_store().load().error().detail == "no refresh token has been stored");
}

}  // namespace auth_refresh_token_store_test

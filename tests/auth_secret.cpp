// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/secret.hpp>

#include <catch2/catch_test_macros.hpp>

#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace auth_secret_test {

using partner_center::auth::secret;

TEST_CASE("a secret prints as <redacted>", "[auth]") {
  const secret s("sentinel-refresh-token-0123456789");
  std::ostringstream out;
  out << s;
  CHECK(out.str() == "<redacted>");
  CHECK(s.reveal() == "sentinel-refresh-token-0123456789");
}

TEST_CASE("a secret does not convert to a string by accident", "[auth]") {
  STATIC_REQUIRE_FALSE(std::is_convertible_v<secret, std::string>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<secret, std::string_view>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<std::string, secret>);
}

TEST_CASE("a moved-from secret is empty and release empties it", "[auth]") {
  secret a("value-one");
  secret b(std::move(a));
  CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the state after a move is the point
  CHECK(b == std::string_view("value-one"));
  secret c;
  c = b;
  CHECK(c == b);
  const std::string taken = std::move(c).release();
  CHECK(taken == "value-one");
  CHECK(c.empty());  // NOLINT(bugprone-use-after-move)
  c = secret("other");
  CHECK_FALSE(c == b);
  CHECK_FALSE(secret("value-onf") == b);
  CHECK_FALSE(secret("value-on") == b);
}

}  // namespace auth_secret_test

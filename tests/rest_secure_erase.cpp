#include <partner_center/rest/secure_erase.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

namespace rest_secure_erase_test {

namespace rest = partner_center::rest;

TEST_CASE("secure_erase zeroes the whole buffer of a string and empties it", "[rest][secrets]") {
  std::string secret(64, 'S');
  secret = "short";  // the tail of the longer value is still in the buffer
  const char* buffer = secret.data();
  const std::size_t capacity = secret.capacity();
  rest::secure_erase(secret);
  CHECK(secret.empty());
  REQUIRE(secret.data() == buffer);  // erased in place, not reallocated
  for (std::size_t i = 0; i < capacity; ++i)
    CHECK(buffer[i] == '\0');
}

TEST_CASE("secure_erase of raw bytes and of nothing", "[rest][secrets]") {
  unsigned char bytes[5] = {1, 2, 3, 4, 5};
  rest::secure_erase(bytes, sizeof bytes);
  for (unsigned char b : bytes)
    CHECK(b == 0);
  rest::secure_erase(nullptr, 0);  // no crash
  std::string empty;
  rest::secure_erase(empty);
  CHECK(empty.empty());
}

}  // namespace rest_secure_erase_test

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/detail/sha256.hpp>

#include <catch2/catch_test_macros.hpp>

#include <openssl/evp.h>

#include <cstddef>
#include <random>
#include <string>

namespace rest_batch_sha256_test {

namespace {

// The same digest from OpenSSL, the reference.
std::string openssl_sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

TEST_CASE("sha256: the FIPS 180-4 examples", "[batch]") {
  using partner_center::rest::detail::sha256_hex;
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256: agrees with OpenSSL on every length around the block boundaries", "[batch]") {
  using partner_center::rest::detail::sha256_hex;
  std::mt19937 random(7);
  std::string data;
  for (std::size_t length = 0; length <= 300; ++length) {
    INFO("length " << length);
    CHECK(sha256_hex(data) == openssl_sha256_hex(data));
    data += static_cast<char>(random() & 0xFF);
  }
}

}  // namespace rest_batch_sha256_test
